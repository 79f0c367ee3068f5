"""Cases that ended badly, and reviews of them: the records a review reads, built with the
domains' own services where they exist."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record as audit
from egide.cases import services as case_services
from egide.cases.choices import CloseReason
from egide.monitoring.choices import PRIORITY, IncidentKind, IncidentStatus, Outcome
from egide.monitoring.models import Incident
from egide.reviews import services
from egide.reviews.models import Recommendation, Review
from tests.assessment.helpers import grid, record, sheet
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory, UserFactory, acting

# Two red answers of the French grid: a high danger, a weapon and a strangling known.
RED_ANSWERS = ("p_firearms", "p_strangling")
DAYS_BEFORE_DEATH = 20


def closed_case(reason=CloseReason.FEMICIDE, **kwargs):
    """A case of département 27 closed with `reason`, without any other record."""
    case = CaseFactory(**kwargs)
    case_services.close_case(acting(MembershipFactory(agency=case.opening_agency)), case, reason)
    return case


def failed_case(*, close: bool = True):
    """A case assessed at high danger (weapon, strangling) 30 days ago and never re-assessed,
    whose alarm was taken in hand 12 minutes late at the monitoring centre, closed as a
    feminicide 20 days after the assessment (unless not `close`); the officer read the case file
    twice meanwhile."""
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    start = timezone.now() - timedelta(days=30)
    with time_machine.travel(start - timedelta(hours=1), tick=False):
        case = CaseFactory(opening_agency=officer.agency)
    with time_machine.travel(start, tick=False):
        record(officer, case, grid(), answers=sheet(grid(), yes=RED_ANSWERS))
    alert_at = start + timedelta(days=3)
    Incident.objects.create(
        kind=IncidentKind.ALERT,
        priority=PRIORITY[IncidentKind.ALERT],
        case=case,
        occurred_at=alert_at,
        opened_at=alert_at,
        acknowledged_at=alert_at + timedelta(minutes=12),
        police_sent_at=alert_at + timedelta(minutes=15),
        status=IncidentStatus.CLOSED,
        outcome=Outcome.POLICE_INTERVENED,
        closed_at=alert_at + timedelta(hours=1),
    )
    with time_machine.travel(start + timedelta(days=4), tick=False):
        audit(acting(officer), Action.READ, case, fields=["victim"])
        audit(acting(officer), Action.READ, case, fields=["incidents"])
    if close:
        with time_machine.travel(start + timedelta(days=DAYS_BEFORE_DEATH), tick=False):
            case_services.close_case(acting(officer), case, CloseReason.FEMICIDE)
    case.refresh_from_db()
    return case


def parquet_of(case):
    return MembershipFactory(role=Role.PROSECUTOR, agency=case.court)


def review_of(case=None):
    """An open review of `case` (a fresh feminicide case by default), opened by its parquet."""
    case = case or closed_case()
    return services.open_review(acting(parquet_of(case)), case)


def bare_review():
    """A review row without going through the service: cheap, for the outsiders' test."""
    case = closed_case()
    return Review.objects.create(case=case, court=case.court, opened_by=UserFactory())


def recommendation_of(review, owner=None, **kwargs):
    kwargs.setdefault("due_on", timezone.localdate() + timedelta(days=90))
    return Recommendation.objects.create(
        review=review,
        text="Réévaluer sous 7 jours tout danger élevé",
        theme="assessment",
        owner=owner or AgencyFactory(),
        created_by=review.opened_by,
        **kwargs,
    )
