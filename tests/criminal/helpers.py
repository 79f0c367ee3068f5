"""A case of court 27 with its procureur and judge, the SPIP of the Eure, decisions with
obligations, and a follow-up."""

from datetime import timedelta

from django.utils import timezone

from egide.accounts.roles import Role
from egide.criminal import services
from egide.criminal.choices import ObligationKind, StageKind
from egide.criminal.services import ObligationData
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, acting, agency_for_role
from tests.justice.helpers import court_member

CONTACT_BAN = ObligationData(ObligationKind.CONTACT_BAN, persons="Camille Durand")
EVICTION = ObligationData(
    ObligationKind.EVICTION, place_label="Domicile du couple", latitude=49.02, longitude=1.15
)
CARE = ObligationData(ObligationKind.CARE, details="Suivi psychologique")
CPCA = ObligationData(ObligationKind.CPCA_COURSE, details="Stage de responsabilisation")


def prosecutor(case):
    return acting(court_member(case, Role.PROSECUTOR))


def spip_member(departement="27"):
    return MembershipFactory(
        role=Role.PROBATION_OFFICER, agency=agency_for_role(Role.PROBATION_OFFICER, departement)
    )


def supervised_case(case=None, obligations=(CONTACT_BAN, EVICTION, CPCA), **stage):
    """A case under judicial supervision since yesterday, with `obligations`."""
    case = case or CaseFactory()
    values = {
        "kind": StageKind.JUDICIAL_SUPERVISION,
        "starts_on": timezone.localdate() - timedelta(days=1),
        **stage,
    }
    services.record_stage(prosecutor(case), case, **values, obligations=list(obligations))
    return case


def followed_case(member=None, **kwargs):
    """A supervised case whose perpetrator `member`'s SPIP follows."""
    member = member or spip_member()
    case = supervised_case(**kwargs)
    follow_up = services.assign_follow_up(prosecutor(case), case, member.agency)
    return case, follow_up, member
