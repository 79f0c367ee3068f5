"""The indicator bench behind `egide bench indicators --fill`: fills a scratch database with
100,000 case files spread over every département and the records the indicators read (orders,
OPPI, alarm phones, bracelets, monitoring incidents, breach reports, emergency aids, shelter
stays, assessments and re-assessments, CPCA enrolments), then measures, as a signed-in analyst,
every indicator page and view, and the public open-data files.

It writes about a million rows: run it against a scratch database, never a real one.

    createdb -h 127.0.0.1 -U postgres egide_bench_indicators
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/egide_bench_indicators
    .venv/bin/egide migrate
    .venv/bin/egide bench indicators --fill
    .venv/bin/egide bench indicators --measure-again   # optional: measure the same data again
    dropdb -h 127.0.0.1 -U postgres egide_bench_indicators

A database `egide bench cases --fill` filled is reused: its cases get the indicators' records.
The indicators are summed up first, as the job of every few minutes does, and the open data is
protected, as the nightly job does (`stats.tasks`); then the pages read the summary, and the
public files are requested: the request serves the protected tables, it never runs the secrecy
solver.
The last line of the output is JSON: {"pages": {"<page>": {"p50_ms": …, "p95_ms": …,
"max_ms": …}}, …}.
"""

import datetime
import json
import os
import random
import time
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Agency, Membership, User
from egide.accounts.roles import AgencyKind, Role
from egide.assessment.choices import Trigger
from egide.assessment.levels import DangerLevel
from egide.assessment.models import Assessment, ReassessmentTask
from egide.cases.choices import ShareScope
from egide.cases.models import Case, ConsentRecord
from egide.devices.choices import ContactBanBasis, DeviceKind, DeviceStatus, Framework
from egide.devices.models import AlarmPhoneAssignment, BraceletOrder, Device, Pairing
from egide.justice.choices import BreachKind, BreachSource, OrderStatus, RequestedBy
from egide.justice.models import BreachReport, ImmediateProtectionOrder, ProtectionOrder
from egide.justice.rules import OPPI_DECISION_HOURS, op_decision_due, oppi_decision_due
from egide.monitoring.choices import IncidentKind, IncidentStatus
from egide.monitoring.models import Incident
from egide.perpetrators.choices import EnrolmentOrigin, EnrolmentStatus
from egide.perpetrators.models import Enrolment
from egide.stats import opendata, summary
from egide.stats.indicators import INDICATORS
from egide.support.choices import AidForm, AidProof, AidStatus, AllocationStatus, ShelterKind
from egide.support.models import EmergencyAidRequest, Shelter, ShelterAllocation

from .case_bench import BATCH, RANDOM_SEED, BenchError, CaseBench, percentile

# Metropolitan départements, Corsica and the overseas ones: the open data's national tree.
DEPARTEMENTS = (
    *(f"{number:02d}" for number in range(1, 96) if number != 20),
    "2A",
    "2B",
    "971",
    "972",
    "973",
    "974",
    "976",
)
ANALYST_DEPARTEMENT = "27"
# Records per 100 case files, about the national proportions of the plan's yearly figures.
PER_100_CASES = {
    "orders": 60,
    "tgd": 12,
    "bracelets": 3,
    "incidents": 150,
    "breaches": 8,
    "aids": 60,
    "stays": 25,
    "assessments": 130,
    "enrolments": 15,
}
SHELTERS_PER_DEPARTEMENT = 5
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def run(options: dict, out) -> None:
    """Fills (or recalls) then measures, writing progress and the JSON line to `out`."""
    IndicatorBench(out).run(options)


class NationalCases(CaseBench):
    """The case bench's case files, spread over every département's courts and units."""

    def make_agencies(self) -> None:
        self.courts, self.units = [], []
        for index, departement in enumerate(DEPARTEMENTS):
            for number in range(1 + index % 3):
                court = Agency.objects.create(
                    name=f"Tribunal judiciaire (banc d'essai) {departement}-{number}",
                    kind=AgencyKind.TRIBUNAL,
                    departement=departement,
                )
                self.courts.append(court)
                for unit in range(2):
                    self.units.append(
                        Agency.objects.create(
                            name=f"Brigade (banc d'essai) {departement}-{number}-{unit}",
                            kind=AgencyKind.GENDARMERIE,
                            departement=departement,
                            court=court,
                        )
                    )
        self.officer = self.member("bench-officer", self.units[0], Role.POLICE_OFFICER)
        self.prosecutor = self.member("bench-prosecutor", self.courts[0], Role.PROSECUTOR)


class IndicatorBench:
    def __init__(self, out):
        self.out = out
        self.rng = random.Random(RANDOM_SEED)

    def run(self, options: dict) -> None:
        if options["measure_again"]:
            self.recall_analyst()
        else:
            self.fill(options)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        started = time.perf_counter()
        summary.count_this_year()
        counting = round(time.perf_counter() - started, 1)
        self.out.write(f"this year's indicators summed up (the job) in {counting} s")
        summary.count_last_year()
        started = time.perf_counter()
        opendata.protect_recent_years()
        protection = round(time.perf_counter() - started, 1)
        self.out.write(f"open data protected (the nightly job) in {protection} s")
        figures = self.measure(options["samples"])
        report = {
            "cases": Case.objects.count(),
            "records": self.volumes(),
            "database": connection.vendor,
            "load_average": [round(load, 2) for load in os.getloadavg()],
            "samples": options["samples"],
            "summary_count_s": counting,
            "open_data_protection_s": protection,
            "pages": figures,
        }
        self.out.write(json.dumps(report))

    def fill(self, options) -> None:
        if not options["fill"]:
            raise BenchError(
                "This writes about a million rows. Point DATABASE_URL to a scratch database, "
                "run `egide migrate`, then add --fill to confirm."
            )
        if (
            ProtectionOrder.objects.exists()
            or Membership.objects.filter(user__username="bench-analyst").exists()
        ):
            raise BenchError("The database already holds orders: use --measure-again.")
        self.out.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        if Case.objects.exists():
            if not User.objects.filter(username="bench-officer").exists():
                raise BenchError("The database holds cases no bench made: use a scratch one.")
            self.out.write("reusing the case files of `egide bench cases`")
        else:
            cases = NationalCases(self.out)
            cases.rng = random.Random(RANDOM_SEED)
            from faker import Faker

            cases.faker = Faker("fr_FR")
            cases.faker.seed_instance(RANDOM_SEED)
            cases.seed(options["cases"], timeline_per_case=1)
        self.seed_records()
        self.out.write(f"seeded in {time.perf_counter() - started:.1f} s")

    def recall_analyst(self) -> None:
        try:
            self.analyst = Membership.objects.select_related("agency", "user").get(
                user__username="bench-analyst"
            )
        except Membership.DoesNotExist:
            raise BenchError(
                "This database was not filled by `egide bench indicators --fill`: nothing to "
                "measure."
            ) from None
        self.out.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")

    def volumes(self) -> dict:
        models = {
            "protection_orders": ProtectionOrder,
            "immediate_orders": ImmediateProtectionOrder,
            "alarm_phone_assignments": AlarmPhoneAssignment,
            "pairings": Pairing,
            "monitoring_incidents": Incident,
            "breach_reports": BreachReport,
            "emergency_aids": EmergencyAidRequest,
            "shelter_allocations": ShelterAllocation,
            "assessments": Assessment,
            "reassessment_tasks": ReassessmentTask,
            "enrolments": Enrolment,
        }
        return {name: model.objects.count() for name, model in models.items()}

    # Seeding ---------------------------------------------------------------------------------

    def seed_records(self) -> None:
        self.now = timezone.now()
        self.make_agencies()
        cases = list(Case.objects.values_list("pk", "departement", "court_id", "created_at"))
        self.rng.shuffle(cases)
        total = len(cases)
        for name, per_100 in PER_100_CASES.items():
            wanted = total * per_100 // 100
            seeder = getattr(self, f"seed_{name}")
            for start in range(0, wanted, BATCH):
                batch = [cases[index % total] for index in range(start, min(start + BATCH, wanted))]
                with transaction.atomic():
                    seeder(batch)
            self.out.write(f"  {wanted} {name}")

    def make_agencies(self) -> None:
        departements = sorted(set(Case.objects.values_list("departement", flat=True)))
        # A record whose case has no court is judged by the département's first one.
        self.court_of = {}
        courts = Agency.objects.filter(kind=AgencyKind.TRIBUNAL).order_by("pk")
        for departement, court in courts.values_list("departement", "pk"):
            self.court_of.setdefault(departement, court)
        self.caisse_of, self.cpca_of, self.shelters_of = {}, {}, {}
        for departement in departements:
            self.caisse_of[departement] = self.agency(AgencyKind.CAF, "CAF", departement)
            self.cpca_of[departement] = self.agency(AgencyKind.CPCA, "CPCA", departement)
            operator = self.agency(AgencyKind.SHELTER_OPERATOR, "Hébergement", departement)
            self.shelters_of[departement] = [
                Shelter.objects.create(
                    operator=operator,
                    name=f"Résidence (banc d'essai) {departement}-{number}",
                    kind=ShelterKind.values[number % len(ShelterKind.values)],
                    departement=departement,
                    capacity=self.rng.randint(8, 60),
                )
                for number in range(SHELTERS_PER_DEPARTEMENT)
            ]
        self.user = CaseBench.member(
            "bench-clerk", Agency.objects.get(pk=self.court_of[departements[0]]), Role.CLERK
        ).user
        prefecture = self.agency(AgencyKind.STATE_ADMINISTRATION, "Préfecture", ANALYST_DEPARTEMENT)
        self.analyst = CaseBench.member("bench-analyst", prefecture, Role.ANALYST)
        self.devices = 0

    @staticmethod
    def agency(kind: str, label: str, departement: str) -> Agency:
        return Agency.objects.create(
            name=f"{label} (banc d'essai) {departement}", kind=kind, departement=departement
        )

    def after(self, start: datetime.datetime, low: datetime.timedelta, high: datetime.timedelta):
        """A moment between `start + low` and `start + high`, or None if still to come."""
        moment = start + low + (high - low) * self.rng.random()
        return moment if moment < self.now else None

    def court(self, departement: str, court_id: int | None) -> int:
        return court_id or self.court_of[departement]

    def new_devices(self, kind: str, count: int) -> list[Device]:
        made = []
        for _ in range(count):
            self.devices += 1
            made.append(
                Device(
                    kind=kind,
                    device_id=f"bench-{self.devices:07d}",
                    serial_number=f"SN{self.devices:07d}",
                    status=DeviceStatus.ASSIGNED,
                    intake_secret_hash="0" * 64,
                )
            )
        return Device.objects.bulk_create(made)

    def seed_orders(self, batch) -> None:
        rng, orders = self.rng, []
        for pk, departement, court_id, opened in batch:
            requested = self.after(opened, HOUR, 20 * DAY) or opened
            order = ProtectionOrder(
                case_id=pk,
                court_id=self.court(departement, court_id),
                requested_by=RequestedBy.VICTIM,
                requested_at=requested,
                recorded_by=self.user,
            )
            hearing_set = self.after(requested, HOUR, 3 * DAY) if rng.random() < 0.85 else None
            if hearing_set:
                order.hearing_set_at = hearing_set
                order.decision_due_at = op_decision_due(hearing_set)
                order.status = OrderStatus.HEARING_SET
                decided = self.after(hearing_set, DAY, 10 * DAY)
                if decided:
                    order.decided_at = decided
                    rejected = rng.random() < 0.2
                    order.status = OrderStatus.REJECTED if rejected else OrderStatus.IN_FORCE
                    order.judge = self.user
            orders.append(order)
        ProtectionOrder.objects.bulk_create(orders)
        immediate = []
        for order in orders:
            requested = order.requested_at + HOUR
            if self.rng.random() < 0.12 and requested.date() >= OPPI_DECISION_HOURS[0].since:
                decided = self.after(requested, 2 * HOUR, 36 * HOUR)
                immediate.append(
                    ImmediateProtectionOrder(
                        case_id=order.case_id,
                        court_id=order.court_id,
                        protection_order=order,
                        status=OrderStatus.IN_FORCE if decided else OrderStatus.REQUESTED,
                        victim_consent=True,
                        requested_at=requested,
                        recorded_by=self.user,
                        decision_due_at=oppi_decision_due(requested),
                        decided_at=decided,
                        judge=self.user if decided else None,
                    )
                )
        ImmediateProtectionOrder.objects.bulk_create(immediate)

    def seed_tgd(self, batch) -> None:
        phones = self.new_devices(DeviceKind.ALARM_PHONE, len(batch))
        assignments = []
        for phone, (pk, departement, court_id, opened) in zip(phones, batch, strict=True):
            granted = self.after(opened, DAY, 60 * DAY) or opened
            withdrawn = (
                self.after(granted, 30 * DAY, 400 * DAY) if self.rng.random() < 0.3 else None
            )
            assignments.append(
                AlarmPhoneAssignment(
                    phone=phone,
                    case_id=pk,
                    court_id=self.court(departement, court_id),
                    granted_by=self.user,
                    granted_at=granted,
                    ends_at=granted + 182 * DAY,
                    no_cohabitation=True,
                    contact_ban_basis=ContactBanBasis.PROTECTION_ORDER,
                    consent_at=granted,
                    geolocation_consent=True,
                    withdrawn_at=withdrawn,
                )
            )
        AlarmPhoneAssignment.objects.bulk_create(assignments)

    def seed_bracelets(self, batch) -> None:
        orders = []
        for pk, departement, court_id, opened in batch:
            orders.append(
                BraceletOrder(
                    case_id=pk,
                    court_id=self.court(departement, court_id),
                    framework=Framework.JUDICIAL_SUPERVISION,
                    alert_km=self.rng.randint(1, 10),
                    ordered_by=self.user,
                    ordered_at=self.after(opened, DAY, 60 * DAY) or opened,
                )
            )
        BraceletOrder.objects.bulk_create(orders)
        bracelets = self.new_devices(DeviceKind.PERPETRATOR_BRACELET, len(orders))
        units = self.new_devices(DeviceKind.VICTIM_UNIT, len(orders))
        pairings = [
            Pairing(
                order=order,
                perpetrator_device=bracelet,
                victim_device=unit,
                alert_m=order.alert_km * 1000,
                prealert_m=order.alert_km * 2000,
                valid_from=order.ordered_at + HOUR,
                valid_until=self.after(order.ordered_at, 90 * DAY, 720 * DAY),
            )
            for order, bracelet, unit in zip(orders, bracelets, units, strict=True)
        ]
        Pairing.objects.bulk_create(pairings)

    def seed_incidents(self, batch) -> None:
        rng, incidents = self.rng, []
        kinds = (IncidentKind.SOS, IncidentKind.ALERT, IncidentKind.PREALERT, IncidentKind.OFFLINE)
        for pk, _departement, _court_id, opened in batch:
            kind = rng.choice(kinds)
            at = self.after(opened, DAY, 700 * DAY) or opened
            acknowledged = at + datetime.timedelta(seconds=rng.randint(20, 1800))
            police = at + datetime.timedelta(minutes=rng.randint(2, 40))
            incidents.append(
                Incident(
                    kind=kind,
                    priority=kinds.index(kind),
                    status=IncidentStatus.CLOSED,
                    device_id=getattr(self, "phones", {}).get(pk),
                    case_id=pk if rng.random() < 0.97 else None,
                    occurred_at=at,
                    opened_at=at,
                    acknowledged_at=acknowledged if acknowledged < self.now else None,
                    police_sent_at=police if rng.random() < 0.2 and police < self.now else None,
                    closed_at=at + HOUR,
                    changed_at=at + HOUR,
                )
            )
        Incident.objects.bulk_create(incidents)

    def seed_breaches(self, batch) -> None:
        reports = []
        for pk, departement, court_id, opened in batch:
            reported = self.after(opened, DAY, 400 * DAY) or opened
            acknowledged = self.after(reported, 5 * 60 * datetime.timedelta(seconds=1), 2 * HOUR)
            reports.append(
                BreachReport(
                    case_id=pk,
                    court_id=self.court(departement, court_id),
                    kind=self.rng.choice(BreachKind.values),
                    source=self.rng.choice(BreachSource.values),
                    occurred_at=reported - HOUR,
                    description="Franchissement signalé par le centre (banc d'essai).",
                    reported_at=reported,
                    acknowledgement_due_at=reported + HOUR,
                    acknowledged_at=acknowledged,
                    acknowledged_by=self.user if acknowledged else None,
                )
            )
        BreachReport.objects.bulk_create(reports)

    def seed_aids(self, batch) -> None:
        rng, consents = self.rng, []
        for pk, departement, _court_id, opened in batch:
            consents.append(
                ConsentRecord(
                    case_id=pk,
                    agency_id=self.caisse_of[departement].pk,
                    scope=ShareScope.SUPPORT_PLAN,
                    given_at=opened,
                    recorded_by=self.user,
                    recorded_agency_id=self.caisse_of[departement].pk,
                )
            )
        ConsentRecord.objects.bulk_create(consents)
        aids = []
        for consent, (pk, departement, _court_id, opened) in zip(consents, batch, strict=True):
            received = (self.after(opened, HOUR, 30 * DAY) or opened).date()
            paid = self.after(
                timezone.make_aware(datetime.datetime.combine(received, datetime.time(9))),
                DAY,
                9 * DAY,
            )
            paid = paid if rng.random() < 0.8 else None
            aid = EmergencyAidRequest(
                case_id=pk,
                consent=consent,
                caisse=self.caisse_of[departement],
                departement=departement,
                first_name="Camille",
                last_name="Martin",
                birth_date=datetime.date(1990, 1, 1),
                applicant_key=f"bench-{pk}",
                bank_account="FR7630006000011234567890189",
                children_under_21=rng.randint(0, 3),
                monthly_resources=Decimal(rng.randint(0, 2500)),
                already_allocataire=rng.random() < 0.6,
                proof_kind=AidProof.COMPLAINT,
                proof_date=received,
                received_on=received,
                payment_due=received + 7 * DAY,
                transmitted_by=self.user,
                transmitted_agency=self.caisse_of[departement],
            )
            if paid:
                aid.status = AidStatus.PAID
                aid.form = AidForm.LOAN if rng.random() < 0.3 else AidForm.GRANT
                aid.amount = Decimal(rng.randint(240, 1500))
                aid.decided_by = self.user
                aid.decided_at = paid - HOUR
                aid.paid_at = paid
            aids.append(aid)
        EmergencyAidRequest.objects.bulk_create(aids)

    def seed_stays(self, batch) -> None:
        rng, stays = self.rng, []
        statuses = (
            AllocationStatus.DEPARTED,
            AllocationStatus.ARRIVED,
            AllocationStatus.ACCEPTED,
            AllocationStatus.DECLINED,
            AllocationStatus.REQUESTED,
        )
        for pk, departement, _court_id, opened in batch:
            status = rng.choice(statuses)
            requested = self.after(opened, HOUR, 90 * DAY) or opened
            decided = requested + HOUR if status != AllocationStatus.REQUESTED else None
            departed = None
            if status == AllocationStatus.DEPARTED:
                departed = self.after(requested, 7 * DAY, 300 * DAY)
                status = status if departed else AllocationStatus.ARRIVED
            stays.append(
                ShelterAllocation(
                    shelter=rng.choice(self.shelters_of[departement]),
                    case_id=pk,
                    guest_label="Camille M.",
                    adults=1,
                    children=rng.randint(0, 3),
                    status=status
                    if status != AllocationStatus.DEPARTED or departed
                    else statuses[1],
                    decline_reason="Plus de place" if status == AllocationStatus.DECLINED else "",
                    requested_by=self.user,
                    requested_agency_id=self.caisse_of[departement].pk,
                    requested_at=requested,
                    decided_at=decided,
                    arrived_at=decided + DAY if decided else None,
                    departed_at=departed,
                )
            )
        ShelterAllocation.objects.bulk_create(stays)

    def seed_assessments(self, batch) -> None:
        rng, assessments = self.rng, []
        levels = DangerLevel.values
        for pk, _departement, _court_id, opened in batch:
            level = rng.choice(levels)
            assessments.append(
                Assessment(
                    case_id=pk,
                    instrument_id="bench",
                    instrument_version="1",
                    instrument_sha256="0" * 64,
                    computed_level=level,
                    possible_level=level,
                    assessor=self.user,
                    assessor_role=Role.POLICE_OFFICER,
                    agency_id=self.court_of[_departement],
                    created_at=self.after(opened, HOUR, 600 * DAY) or opened,
                )
            )
        Assessment.objects.bulk_create(assessments)
        tasks = []
        for assessment in assessments:
            due = assessment.created_at + rng.choice((7, 30, 90)) * DAY
            done = None
            if rng.random() < 0.6:
                done_at = self.after(assessment.created_at, DAY, 120 * DAY)
                if done_at:
                    done = Assessment(
                        case_id=assessment.case_id,
                        instrument_id="bench",
                        instrument_version="1",
                        instrument_sha256="0" * 64,
                        computed_level=assessment.computed_level,
                        possible_level=assessment.computed_level,
                        assessor=self.user,
                        assessor_role=Role.POLICE_OFFICER,
                        agency_id=assessment.agency_id,
                        created_at=done_at,
                    )
            tasks.append((assessment, due, done))
        Assessment.objects.bulk_create([done for _a, _due, done in tasks if done])
        ReassessmentTask.objects.bulk_create(
            [
                ReassessmentTask(
                    case_id=assessment.case_id,
                    trigger=Trigger.LEVEL_DEADLINE,
                    due_at=due,
                    created_at=assessment.created_at,
                    set_by=assessment,
                    done_by=done,
                )
                for assessment, due, done in tasks
                if done
            ]
        )

    def seed_enrolments(self, batch) -> None:
        rng, enrolments = self.rng, []
        for _pk, departement, _court_id, opened in batch:
            enrolled = (self.after(opened, DAY, 200 * DAY) or opened).date()
            ended = self.after(opened, 200 * DAY, 500 * DAY)
            status = (
                rng.choice((EnrolmentStatus.COMPLETED, EnrolmentStatus.INTERRUPTED))
                if ended
                else EnrolmentStatus.ACTIVE
            )
            enrolments.append(
                Enrolment(
                    cpca=self.cpca_of[departement],
                    origin=EnrolmentOrigin.SELF_REFERRAL,
                    first_name="Dominique",
                    enrolled_on=enrolled,
                    enrolled_by=self.user,
                    status=status,
                    ended_on=ended.date() if ended else None,
                )
            )
        Enrolment.objects.bulk_create(enrolments)

    # Measuring -------------------------------------------------------------------------------

    def pages(self) -> dict:
        """Every page an analyst reads, with the filters that change its queries, and the
        public files."""
        year = timezone.localdate().year
        court = (
            Agency.objects.filter(kind=AgencyKind.TRIBUNAL, departement=ANALYST_DEPARTEMENT)
            .order_by("pk")
            .first()
        )
        home = reverse("stats:indicators")
        pages = {
            "analyst_home": (reverse("web:home"), {}),
            "indicators_departement": (home, {}),
            "indicators_national": (home, {"departement": ""}),
            "indicators_other_departement": (home, {"departement": "13"}),
            "indicators_region": (home, {"region": "84"}),
            "indicators_court": (home, {"tribunal": court.pk}),
            "indicators_national_last_year": (home, {"departement": "", "annee": year - 1}),
            "indicators_court_last_year": (home, {"tribunal": court.pk, "annee": year - 1}),
            "export_csv_national": (home, {"departement": "", "format": "csv"}),
            "export_json_national": (home, {"departement": "", "format": "json"}),
            "export_csv_court": (home, {"tribunal": court.pk, "format": "csv"}),
        }
        for indicator in INDICATORS:
            url = reverse("stats:indicator", args=[indicator.slug])
            pages[f"indicator_{indicator.slug}"] = (url, {"departement": ""})
            pages[f"indicator_{indicator.slug}_json"] = (
                url,
                {"departement": "", "format": "json"},
            )
        for label, url_name in (("csv", "open_data_csv"), ("json", "open_data_json")):
            pages[f"open_data_{label}"] = (reverse(f"stats:{url_name}"), {})
            pages[f"open_data_{label}_last_year"] = (
                reverse(f"stats:{url_name}"),
                {"annee": year - 1},
            )
        return pages

    def measure(self, samples: int) -> dict:
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        pages = self.pages()
        timings = {page: [] for page in pages}
        first = {}
        with override_settings(ALLOWED_HOSTS=hosts):
            client = CaseBench.client_for(self.analyst)
            secure = settings.SECURE_SSL_REDIRECT
            # Round after round (not one page N times): each request finds the others' traces
            # in the database's caches, as an analyst browsing the pages does. The first round
            # warms the process up: its times are given apart ("first"), not counted.
            for sample in range(-1, samples):
                for page, (url, params) in pages.items():
                    started = time.perf_counter()
                    response = client.get(url, params, secure=secure)
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise BenchError(f"{url} {params}: HTTP {response.status_code}")
                    if sample < 0:
                        first[page] = elapsed
                    else:
                        timings[page].append(elapsed)
        figures = {}
        for page, values in timings.items():
            p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
            figures[page] = {
                "p50_ms": round(p50, 1),
                "p95_ms": round(p95, 1),
                "max_ms": round(max(values), 1),
                "first_ms": round(first[page], 1),
            }
            self.out.write(
                f"{page}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {max(values):.0f} ms, "
                f"first {first[page]:.0f} ms"
            )
        worst = max(figures, key=lambda page: figures[page]["p95_ms"])
        self.out.write(f"slowest p95: {worst} {figures[worst]['p95_ms']} ms")
        return figures
