"""Records for the indicators, written straight to the tables: the indicators read records, and
these tests are about counting them, not about the services that make them."""

from datetime import datetime, timedelta

from django.utils import timezone

from egide.accounts.roles import Role
from egide.justice.choices import OrderStatus, RequestedBy
from egide.justice.models import ProtectionOrder
from egide.justice.rules import op_decision_due
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, TribunalFactory, UserFactory


def paris(year, month, day, hour=10) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def case_in(court, departement=None):
    unit = AgencyFactory(departement=departement or court.departement, court=court)
    return CaseFactory(opening_agency=unit, people=False)


def orders(case, count, requested_at, *, heard_after=None, decided_after=None, rejected=False):
    """`count` protection orders of `case`, requested at `requested_at`; with a hearing set and a
    decision when the delays are given."""
    clerk = UserFactory(password=None)
    made = []
    for _ in range(count):
        order = ProtectionOrder(
            case=case,
            court=case.court,
            requested_by=RequestedBy.VICTIM,
            requested_at=requested_at,
            recorded_by=clerk,
        )
        if heard_after is not None:
            order.hearing_set_at = requested_at + heard_after
            order.decision_due_at = op_decision_due(order.hearing_set_at)
            order.status = OrderStatus.HEARING_SET
        if decided_after is not None:
            order.decided_at = order.hearing_set_at + decided_after
            order.status = OrderStatus.REJECTED if rejected else OrderStatus.IN_FORCE
        made.append(order)
    ProtectionOrder.objects.bulk_create(made)
    return made


def two_courts_and_another_departement():
    """Évreux and Bernay in the Eure (27), Caen in the Calvados (14)."""
    evreux = TribunalFactory(name="Tribunal judiciaire d'Évreux", departement="27")
    bernay = TribunalFactory(name="Tribunal judiciaire de Bernay", departement="27")
    caen = TribunalFactory(name="Tribunal judiciaire de Caen", departement="14")
    return case_in(evreux), case_in(bernay), case_in(caen)


DAY = timedelta(days=1)
ANALYST = Role.ANALYST
