"""The case bench behind `egide bench cases --fill`: seeds a scratch database with synthetic
case files, then measures the server time of the case list, the case page and the person search.

It writes hundreds of thousands of rows: run it against a scratch database, never a real one.

    createdb -h 127.0.0.1 -U postgres egide_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/egide_bench
    .venv/bin/egide migrate
    .venv/bin/egide bench cases --fill
    .venv/bin/egide bench cases --measure-again   # optional: measure the same data again
    dropdb -h 127.0.0.1 -U postgres egide_bench

The last line of the output is JSON: {"case_list": {"p50_ms": …, "p95_ms": …}, …}.
"""

import datetime
import json
import random
import statistics
import time

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from egide.accounts.models import Agency, Membership, User
from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import (
    AddressHiddenBasis,
    DisclosureChannel,
    PersonRole,
    RelationshipKind,
    ViolenceForm,
)
from egide.cases.models import Case, Incident, Person, Relationship, SafeContact, TimelineEntry
from egide.cases.search_keys import name_key

BATCH = 1000
COURTS = 5
UNITS_PER_COURT = 10
RANDOM_SEED = 150
TIMELINE_KINDS = (
    ("incident", "Fait de violence enregistré"),
    ("person", "Personne modifiée (Victime)"),
    ("safe_contact", "Contact sûr mis à jour"),
    ("document", "Pièce ajoutée : Certificat médical"),
    ("assessment", "Évaluation du danger enregistrée"),
    ("referral", "Dossier orienté"),
)
ENDPOINTS = ("case_list", "case_page", "person_search")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


class BenchError(Exception):
    """The bench refuses the database it was pointed at, or a page did not answer."""


def run(options: dict, out) -> None:
    """Seeds (or recalls) then measures, writing progress and the JSON line to `out`."""
    CaseBench(out).run(options)


class CaseBench:
    """One run: the seeded members, names and random source it measures with."""

    def __init__(self, out):
        self.out = out

    def run(self, options: dict) -> None:
        self.rng = random.Random(RANDOM_SEED)
        if options["measure_again"]:
            self.recall_seeded()
        else:
            self.fill(options)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        figures = self.measure(options["samples"])
        summary = {
            "cases": Case.objects.count(),
            "timeline_entries": TimelineEntry.objects.count(),
            "database": connection.vendor,
            **figures,
        }
        self.out.write(json.dumps(summary))

    def fill(self, options) -> None:
        if not options["fill"]:
            raise BenchError(
                "This writes hundreds of thousands of rows. Point DATABASE_URL to a scratch "
                "database, run `egide migrate`, then add --fill to confirm."
            )
        if Case.objects.exists():
            raise BenchError("The database already holds cases: use an empty scratch database.")
        self.faker = Faker("fr_FR")
        self.faker.seed_instance(RANDOM_SEED)
        database = connection.settings_dict["NAME"]
        self.out.write(f"database: {connection.vendor} {database}")
        started = time.perf_counter()
        self.seed(options["cases"], options["timeline_per_case"])
        self.out.write(f"seeded in {time.perf_counter() - started:.1f} s")

    def recall_seeded(self) -> None:
        """The members and victims' names of a database this command filled earlier."""
        members = Membership.objects.select_related("agency", "user")
        try:
            self.officer = members.get(user__username="bench-officer")
            self.prosecutor = members.get(user__username="bench-prosecutor")
        except Membership.DoesNotExist:
            raise BenchError(
                "This database was not filled by `egide bench cases --fill`: nothing to measure."
            ) from None
        self.out.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        victims = Person.objects.filter(
            role=PersonRole.VICTIM, case__opening_agency=self.officer.agency
        )
        self.unit0_names = [person.last_name for person in victims[:2000]]
        self.last_names = self.unit0_names

    # Seeding ---------------------------------------------------------------------------------

    def seed(self, count: int, timeline_per_case: int) -> None:
        self.make_agencies()
        self.last_names = sorted({self.faker.last_name() for _ in range(3000)})
        self.female_names = sorted({self.faker.first_name_female() for _ in range(600)})
        self.male_names = sorted({self.faker.first_name_male() for _ in range(600)})
        self.keys = {}
        self.unit0_names: list[str] = []
        now = timezone.now()
        for start in range(0, count, BATCH):
            with transaction.atomic():
                self.seed_batch(range(start, min(start + BATCH, count)), timeline_per_case, now)
            done = min(start + BATCH, count)
            if done % (BATCH * 10) == 0 or done == count:
                self.out.write(f"  {done} cases")

    def make_agencies(self) -> None:
        self.courts, self.units = [], []
        for number in range(COURTS):
            court = Agency.objects.create(
                name=f"Tribunal judiciaire (banc d'essai) n°{number}",
                kind=AgencyKind.TRIBUNAL,
                departement="27",
            )
            self.courts.append(court)
            for unit in range(UNITS_PER_COURT):
                self.units.append(
                    Agency.objects.create(
                        name=f"Commissariat (banc d'essai) n°{number}-{unit}",
                        kind=AgencyKind.COMMISSARIAT,
                        departement="27",
                        court=court,
                    )
                )
        self.officer = self.member("bench-officer", self.units[0], Role.POLICE_OFFICER)
        self.prosecutor = self.member("bench-prosecutor", self.courts[0], Role.PROSECUTOR)

    @staticmethod
    def member(username: str, agency, role: str) -> Membership:
        user = User.objects.create_user(username=username, email=f"{username}@example.test")
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        return Membership.objects.create(user=user, agency=agency, role=role)

    def key(self, name: str) -> str:
        if name not in self.keys:
            self.keys[name] = name_key(name)
        return self.keys[name]

    def person(self, case, role: str, last_name: str, first_name: str, born: datetime.date):
        rng = self.rng
        return Person(
            case=case,
            role=role,
            last_name=last_name,
            first_name=first_name,
            birth_date=born,
            birth_year=born.year,
            phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00",
            address=f"{rng.randint(1, 120)} rue des Tilleuls, 27000 Évreux",
            last_name_key=self.key(last_name),
            first_name_key=self.key(first_name),
        )

    def birth_date(self, min_age: int, max_age: int) -> datetime.date:
        return datetime.date.today() - datetime.timedelta(
            days=self.rng.randint(min_age * 365, max_age * 365)
        )

    def seed_batch(self, indexes: range, timeline_per_case: int, now) -> None:
        rng = self.rng
        cases = []
        for index in indexes:
            unit = self.units[index % len(self.units)]
            hidden = index % 7 == 3
            opened = now - datetime.timedelta(minutes=rng.randint(60, 3 * 365 * 24 * 60))
            cases.append(
                Case(
                    reference=f"VIF-27-{opened:%Y}-{index + 1:06d}",
                    departement=unit.departement,
                    court=unit.court,
                    opening_agency=unit,
                    assigned_officer=self.officer.user if unit == self.units[0] else None,
                    created_at=opened,
                    address_hidden=hidden,
                    address_hidden_basis=AddressHiddenBasis.OP_6 if hidden else "",
                    election_of_domicile="Chez Maître Laurent, 8 rue de la Harpe, Évreux"
                    if hidden
                    else "",
                )
            )
        Case.objects.bulk_create(cases)
        people, contacts, relationships, incidents, timeline = [], [], [], [], []
        for case in cases:
            victim_name = rng.choice(self.last_names)
            if case.opening_agency_id == self.units[0].pk:
                self.unit0_names.append(victim_name)
            people.append(
                self.person(
                    case,
                    PersonRole.VICTIM,
                    victim_name,
                    rng.choice(self.female_names),
                    self.birth_date(19, 65),
                )
            )
            people.append(
                self.person(
                    case,
                    PersonRole.PERPETRATOR,
                    rng.choice(self.last_names),
                    rng.choice(self.male_names),
                    self.birth_date(20, 68),
                )
            )
            contacts.append(
                SafeContact(
                    case=case,
                    phone=f"07 {rng.randint(10, 99)} {rng.randint(10, 99)} 11 22",
                    times_to_call="après 18 h",
                    code_word="Tilleul",
                )
            )
            relationships.append(Relationship(case=case, kind=rng.choice(RelationshipKind.values)))
            incidents.append(
                Incident(
                    case=case,
                    occurred_on=case.created_at.date(),
                    commune="Évreux",
                    violence_forms=rng.sample(ViolenceForm.values, 2),
                    disclosure_channel=DisclosureChannel.POLICE_COMPLAINT,
                    narrative="Coups portés au domicile, la victime a peur de rentrer.",
                    recorded_by=case.assigned_officer,
                    recorded_agency_id=case.opening_agency_id,
                    recorded_at=case.created_at,
                )
            )
            author = {"author": case.assigned_officer, "agency_id": case.opening_agency_id}
            timeline.append(
                TimelineEntry(
                    case=case,
                    at=case.created_at,
                    kind="case_opened",
                    summary="Ouverture du dossier",
                    **author,
                )
            )
            for step in range(1, timeline_per_case):
                kind, summary = TIMELINE_KINDS[step % len(TIMELINE_KINDS)]
                timeline.append(
                    TimelineEntry(
                        case=case,
                        at=case.created_at + datetime.timedelta(hours=step * rng.randint(1, 48)),
                        kind=kind,
                        summary=summary,
                        **author,
                    )
                )
        Person.objects.bulk_create(people)
        SafeContact.objects.bulk_create(contacts)
        Relationship.objects.bulk_create(relationships)
        Incident.objects.bulk_create(incidents)
        TimelineEntry.objects.bulk_create(timeline, batch_size=5000)

    # Measuring -------------------------------------------------------------------------------

    def measure(self, samples: int) -> dict:
        host = "testserver"
        hosts = [*settings.ALLOWED_HOSTS, host]
        with override_settings(ALLOWED_HOSTS=hosts):
            clients = [self.client_for(self.officer), self.client_for(self.prosecutor)]
            case_ids = {
                id(client): list(
                    Case.objects.filter(**filters).values_list("pk", flat=True).order_by("?")[:500]
                )
                for client, filters in zip(
                    clients,
                    ({"opening_agency": self.officer.agency}, {"court": self.prosecutor.agency}),
                    strict=True,
                )
            }
            names = self.unit0_names or self.last_names
            timings = {endpoint: [] for endpoint in ENDPOINTS}
            list_url = reverse("cases:list")
            secure = settings.SECURE_SSL_REDIRECT
            for sample in range(-3, samples):  # three warm-up rounds, not counted
                client = clients[sample % 2]
                requests = {
                    "case_list": (list_url, {"page": self.rng.randint(1, 10)}),
                    "case_page": (
                        reverse("cases:detail", args=[self.rng.choice(case_ids[id(client)])]),
                        {},
                    ),
                    "person_search": (list_url, {"last_name": self.rng.choice(names)}),
                }
                for endpoint, (url, params) in requests.items():
                    started = time.perf_counter()
                    response = client.get(url, params, secure=secure)
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise BenchError(f"{url} {params}: HTTP {response.status_code}")
                    if sample >= 0:
                        timings[endpoint].append(elapsed)
        figures = {}
        for endpoint, values in timings.items():
            if not values:
                continue
            p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
            self.out.write(
                f"{endpoint}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                f"mean {statistics.fmean(values):.1f} ms over {len(values)} requests"
            )
            figures[endpoint] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
        return figures

    @staticmethod
    def client_for(membership) -> Client:
        """Signed in with both factors, acting as `membership` (as the tests sign in)."""
        client = Client()
        client.force_login(membership.user)
        session = client.session
        session["otp_device_id"] = TOTPDevice.objects.get(user=membership.user).persistent_id
        session["egide_membership_id"] = membership.pk
        session.save()
        return client
