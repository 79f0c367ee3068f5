"""Demo criminal proceedings in the Tribunal judiciaire d'Évreux, followed by the SPIP de l'Eure
(account `spip`): a judicial supervision after custody, a probation after a prison sentence with
a release coming, an alternative measure under way. Idempotent: nothing is added once the court
has criminal stages. Everything goes through the services, so the rules and the notices apply."""

from datetime import timedelta

from django.utils import timezone

from egide import geocoding
from egide.accounts.roles import Role
from egide.cases.choices import CaseStatus, PersonRole
from egide.cases.models import Case

from . import services
from .choices import (
    ComplianceOutcome,
    CustodyOutcome,
    ObligationKind,
    ReleaseKind,
    StageKind,
    TrialMode,
)
from .models import FollowUp, Stage
from .services import ObligationData

COURT = "tj_evreux"
SPIP = "spip_eure"
CONTACT_BAN = ObligationData(ObligationKind.CONTACT_BAN, persons="La victime")
CPCA = ObligationData(ObligationKind.CPCA_COURSE, details="Stage de responsabilisation, 6 séances")
CARE = ObligationData(ObligationKind.CARE, details="Suivi en addictologie (alcool)")


def populate(context) -> None:
    court = context.agencies[COURT]
    if Stage.objects.filter(case__court=court).exists():
        return
    cases = list(
        Case.objects.filter(court=court, address_hidden=False, people__role=PersonRole.PERPETRATOR)
        .exclude(status=CaseStatus.CLOSED)
        .distinct()
        .order_by("-pk")[:3]
    )
    if len(cases) < 3:
        return
    prosecutor = context.acting(Role.PROSECUTOR, COURT)
    judge = context.acting(Role.JUDGE, COURT)
    spip = context.acting(Role.PROBATION_OFFICER, SPIP)
    today = timezone.localdate()
    supervision(prosecutor, judge, cases[0], today)
    probation(prosecutor, judge, cases[1], today)
    alternative(prosecutor, cases[2], today)
    for case in cases:
        services.assign_follow_up(prosecutor, case, context.agencies[SPIP])
    services.record_release(
        spip, cases[1], kind=ReleaseKind.END_OF_SENTENCE, on=today + timedelta(days=20)
    )
    follow_up = FollowUp.objects.get(case=cases[2])
    services.record_check(
        spip,
        follow_up,
        obligation=follow_up.case.criminal_stages.get().obligations.first(),
        checked_on=today,
        outcome=ComplianceOutcome.COMPLIED,
    )


def _eviction(case) -> list:
    position = geocoding.geocode(case.victim.address) if case.victim.address else None
    if position is None:
        return []
    return [
        ObligationData(
            ObligationKind.EVICTION,
            place_label="Domicile du couple",
            latitude=position.latitude,
            longitude=position.longitude,
        )
    ]


def supervision(prosecutor, judge, case, today) -> None:
    start = today - timedelta(days=12)
    services.record_stage(
        prosecutor,
        case,
        kind=StageKind.CUSTODY,
        starts_on=start - timedelta(days=1),
        ends_on=start,
        custody_outcome=CustodyOutcome.JUDICIAL_SUPERVISION,
    )
    services.record_stage(
        judge,
        case,
        kind=StageKind.JUDICIAL_SUPERVISION,
        starts_on=start,
        obligations=[CONTACT_BAN, *_eviction(case), CPCA],
    )


def probation(prosecutor, judge, case, today) -> None:
    decided = today - timedelta(days=70)
    services.record_stage(
        prosecutor, case, kind=StageKind.TRIAL, starts_on=decided, trial_mode=TrialMode.IMMEDIATE
    )
    services.record_stage(
        judge,
        case,
        kind=StageKind.JUDGEMENT,
        starts_on=decided,
        sentence="Trois mois d'emprisonnement et douze mois avec sursis probatoire (deux ans)",
    )
    services.record_stage(
        judge,
        case,
        kind=StageKind.IMPRISONMENT,
        starts_on=decided,
        expected_release_on=today + timedelta(days=20),
    )
    services.record_stage(
        judge,
        case,
        kind=StageKind.PROBATION,
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=20 + 730),
        obligations=[CONTACT_BAN, CARE, CPCA],
    )


def alternative(prosecutor, case, today) -> None:
    services.record_stage(
        prosecutor,
        case,
        kind=StageKind.ALTERNATIVE_MEASURE,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=150),
        obligations=[CPCA, CONTACT_BAN],
    )
