"""A case of the Évreux court with a victim whose details must never reach a CPCA, its court's
procureur and judge, the CPCA of its département, and programmes at each stage."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import PersonRole
from egide.cases.models import Incident, SafeContact
from egide.perpetrators import programmes
from egide.perpetrators.choices import LegalBasis, ModuleKind, SessionKind
from tests.cases.factories import CaseFactory, PersonFactory
from tests.factories import AgencyFactory, MembershipFactory, acting

# The victim's details, searched for in everything a CPCA can read.
VICTIM_LAST_NAME = "Vasseur-Delorme"
VICTIM_FIRST_NAME = "Clémence"
VICTIM_ADDRESS = "7 impasse des Glycines"
VICTIM_PHONE = "06 98 76 54 32"
SAFE_PHONE = "06 11 22 33 44"
CODE_WORD = "Tilleul"
ELECTION = "Chez Maître Dupuis"
NARRATIVE = "Il l'a poussée contre le radiateur devant les enfants"
VICTIM_SECRETS = (
    VICTIM_LAST_NAME,
    VICTIM_FIRST_NAME,
    VICTIM_ADDRESS,
    VICTIM_PHONE,
    SAFE_PHONE,
    CODE_WORD,
    ELECTION,
    NARRATIVE,
    "Lilas",
)
PERPETRATOR = {"last_name": "Marchand", "first_name": "Thierry"}


def victim_case(departement="27"):
    """A hidden-address case with a recorded victim, perpetrator, safe contact and narrative."""
    case = CaseFactory(
        hidden=True, opening_agency=AgencyFactory(departement=departement), people=False
    )
    PersonFactory(
        case=case,
        role=PersonRole.VICTIM,
        last_name=VICTIM_LAST_NAME,
        first_name=VICTIM_FIRST_NAME,
        address=f"{VICTIM_ADDRESS}, 27000 Évreux",
        phone=VICTIM_PHONE,
    )
    PersonFactory(
        case=case,
        role=PersonRole.PERPETRATOR,
        birth_date=datetime.date(1980, 3, 2),
        address=f"{VICTIM_ADDRESS}, 27000 Évreux",
        **PERPETRATOR,
    )
    SafeContact.objects.create(case=case, phone=SAFE_PHONE, code_word=CODE_WORD)
    Incident.objects.create(
        case=case, occurred_on=datetime.date(2026, 1, 5), commune="Évreux", narrative=NARRATIVE
    )
    return case


def cpca_agency(departement="27"):
    """The CPCA of the département (one per département here)."""
    found = Agency.objects.filter(kind=AgencyKind.CPCA, departement=departement).first()
    return found or AgencyFactory(kind=AgencyKind.CPCA, departement=departement)


def cpca_member(agency=None):
    return MembershipFactory(role=Role.CPCA_WORKER, agency=agency or cpca_agency())


def court_member(case, role=Role.PROSECUTOR):
    return MembershipFactory(role=role, agency=case.court)


@dataclass
class Programme:
    case: object
    prosecutor: object  # membership
    cpca: object  # membership
    order: object


def ordered(case=None, role=Role.PROSECUTOR, basis=LegalBasis.ALTERNATIVE_COURSE, days_ago=10):
    case = case or victim_case()
    authority = court_member(case, role)
    cpca = cpca_member(cpca_agency(case.departement))
    order = programmes.order_programme(
        acting(authority),
        person=case.perpetrator,
        case=case,
        cpca=cpca.agency,
        ordering_agency=case.court,
        basis=basis,
        ordered_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )
    return Programme(case, authority, cpca, order)


def enrolled(programme=None, days_ago=8):
    programme = programme or ordered(days_ago=days_ago + 2)
    enrolment = programmes.enrol_ordered(
        acting(programme.cpca),
        programme.order,
        enrolled_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        phone="07 00 00 00 01",
    )
    return programme, enrolment


def session_at(programme, enrolment, starts_at, module=ModuleKind.CORE):
    return programmes.plan_session(
        acting(programme.cpca),
        enrolment,
        module=module,
        kind=SessionKind.TALK_GROUP,
        starts_at=starts_at,
    )


def past_session(programme, enrolment, days_ago=2):
    return session_at(programme, enrolment, timezone.now() - datetime.timedelta(days=days_ago))
