"""Shared helpers: members of a case's court, acting, orders at each stage."""

from datetime import timedelta

from django.utils import timezone

from egide.accounts.roles import Role
from egide.cases.choices import PersonRole
from egide.justice import services
from egide.justice.choices import Decision, MeasureKind, RequestedBy
from egide.justice.demo import Court, hearing_held
from egide.justice.services import MeasureData
from tests.cases.factories import CaseFactory, PersonFactory
from tests.factories import MembershipFactory, acting


def court_member(case, role):
    return MembershipFactory(role=role, agency=case.court)


def court_of(case):
    """The procureur, JAF and greffe of the case's court, as actors."""
    return Court(
        prosecutor=acting(court_member(case, Role.PROSECUTOR)),
        judge=acting(court_member(case, Role.JUDGE)),
        clerk=acting(court_member(case, Role.CLERK)),
    )


def requested_order(case=None, court=None):
    case = case or CaseFactory()
    court = court or court_of(case)
    order = services.request_order(
        court.prosecutor, case, requested_by=RequestedBy.PROSECUTOR, victim_consent=True
    )
    return case, court, order


def order_with_hearing(case=None, court=None):
    case, court, order = requested_order(case, court)
    services.set_hearing(court.clerk, order, hearing_at=timezone.now() + timedelta(days=2))
    return case, court, order


def order_heard(case=None, court=None):
    """An OP whose hearing took place yesterday: the judge may now decide (515-10)."""
    case, court, order = order_with_hearing(case, court)
    hearing_held(order)
    return case, court, order


CONTACT_BAN = MeasureData(MeasureKind.CONTACT_BAN, persons="La victime et ses enfants")
PLACE_BAN = MeasureData(
    MeasureKind.PLACE_BAN,
    place_label="École Jean-Moulin, Évreux",
    latitude=49.0241,
    longitude=1.1508,
)
BY_BAILIFF = {"recipient": "defendant", "method": "bailiff"}
HIDDEN_ADDRESS = MeasureData(
    MeasureKind.HIDDEN_ADDRESS, election_of_domicile="Chez Maître Dupuis, Évreux"
)


def order_in_force(case=None, court=None, measures=(CONTACT_BAN, PLACE_BAN)):
    case, court, order = order_heard(case, court)
    services.decide_order(court.judge, order, decision=Decision.GRANTED, measures=measures)
    services.notify_order(court.clerk, order, **BY_BAILIFF)
    order.refresh_from_db()
    return case, court, order


def same_couple_case(case, **case_kwargs):
    """Another case of the same victim and perpetrator (a typo in her name, as happens)."""
    other = CaseFactory(people=False, **case_kwargs)
    victim, perpetrator = case.victim, case.perpetrator
    # The matching tolerates no typo in a name of three letters or fewer ("Léa" is not "Léae").
    typo = "e" if len(victim.first_name) > 3 else ""
    PersonFactory(
        case=other,
        role=PersonRole.VICTIM,
        last_name=victim.last_name,
        first_name=victim.first_name + typo,
        birth_date=victim.birth_date,
    )
    PersonFactory(
        case=other,
        role=PersonRole.PERPETRATOR,
        last_name=perpetrator.last_name,
        first_name=perpetrator.first_name,
        birth_date=perpetrator.birth_date,
    )
    return other
