"""Every role sees only the orders of its jurisdiction; outside the court, nothing."""

import pytest

from egide.accounts.roles import Role
from egide.justice import perms
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory

from .helpers import order_in_force

pytestmark = pytest.mark.django_db
NO_ACCESS_ROLES = [
    Role.MONITORING_OPERATOR,
    Role.MONITORING_SUPERVISOR,
    Role.CPCA_WORKER,
    Role.ANALYST,
    Role.PLATFORM_ADMIN,
    Role.SHELTER_MANAGER,
    Role.AID_AGENT,
    Role.AUDITOR,
    Role.SOCIAL_REFERENT,
    Role.ISCG_SOCIAL_WORKER,
]


@pytest.fixture
def two_courts():
    here = order_in_force()
    there = order_in_force()
    return here, there


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.JUDGE, Role.CLERK])
def test_court_roles_see_their_court_only(two_courts, role):
    (case, _court, order), (_other_case, _other_court, other) = two_courts
    member = MembershipFactory(role=role, agency=case.court)
    assert list(perms.visible_orders(member)) == [order]
    assert other not in perms.visible_orders(member)


def test_police_of_the_unit_read_but_do_not_act(two_courts):
    (case, _court, order), _ = two_courts
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    assert list(perms.visible_orders(officer)) == [order]
    assert not perms.can_request_order(officer, case)
    assert not perms.can_decide(officer, case)


def test_police_of_another_unit_of_the_same_court_see_nothing(two_courts):
    (case, _court, _order), _ = two_courts
    other_unit = AgencyFactory(court=case.court)
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=other_unit)
    assert not perms.visible_orders(officer).exists()


@pytest.mark.parametrize("role", NO_ACCESS_ROLES)
def test_other_roles_see_no_order(two_courts, role):
    member = MembershipFactory(role=role)
    assert not perms.visible_orders(member).exists()
    assert not perms.visible_breaches(member).exists()
    assert not perms.visible_hearings(member).exists()


def test_the_judge_decides_only_in_their_court():
    case = CaseFactory()
    assert perms.can_decide(MembershipFactory(role=Role.JUDGE, agency=case.court), case)
    assert not perms.can_decide(MembershipFactory(role=Role.JUDGE), case)
    assert not perms.can_decide(MembershipFactory(role=Role.PROSECUTOR, agency=case.court), case)
