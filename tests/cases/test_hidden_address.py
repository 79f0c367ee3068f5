"""A hidden address shows as the élection de domicile, except to the procureur and the unit."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.conftest import sign_in
from tests.factories import MembershipFactory

from .factories import CaseFactory
from .sharing_helpers import referral_for

pytestmark = pytest.mark.django_db

ADDRESS = "12 rue des Lilas"
ELECTION = "Chez Maître Dupuis"


@pytest.fixture
def case():
    return CaseFactory(hidden=True)


def everything_shown(client, case) -> str:
    """The page, the search results, the printout and the API, concatenated."""
    victim = case.victim
    urls = [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:print", args=[case.pk]),
        reverse("cases:list") + f"?last_name={victim.last_name}",
        f"/api/v1/cases/{case.pk}",
        f"/api/v1/cases/{case.pk}/people",
        "/api/v1/cases/",
    ]
    responses = [client.get(url) for url in urls]
    assert all(response.status_code == 200 for response in responses)
    return "".join(response.content.decode() for response in responses)


def not_authorised(case):
    return [
        MembershipFactory(role=Role.JUDGE, agency=case.court),
        MembershipFactory(role=Role.CLERK, agency=case.court),
        MembershipFactory(role=Role.ISCG_SOCIAL_WORKER, agency=referral_for(case).to_agency),
    ]


def test_hidden_address_is_replaced_for_roles_that_do_not_need_it(client, case):
    for membership in not_authorised(case):
        shown = everything_shown(sign_in(client, membership), case)
        assert ADDRESS not in shown, membership.role
        assert ELECTION in shown, membership.role


@pytest.mark.parametrize("role", [Role.POLICE_OFFICER, Role.PROSECUTOR])
def test_procureur_and_unit_read_it_and_each_read_is_logged(client, case, role):
    agency = case.opening_agency if role == Role.POLICE_OFFICER else case.court
    sign_in(client, MembershipFactory(role=role, agency=agency))
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert ADDRESS in response.content.decode()
    entry = AuditEntry.objects.filter(action=Action.READ, object_id=str(case.pk)).last()
    assert "victim.address" in entry.fields
    assert ADDRESS not in str(entry.fields)


def test_break_glass_never_reveals_a_hidden_address(client, case):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    sign_in(client, officer)
    client.post(
        reverse("cases:break_glass"),
        {"reference": case.reference, "reason": "Appel au 17, victime en danger immédiat"},
    )
    shown = everything_shown(client, case)
    assert ADDRESS not in shown
    assert ELECTION in shown


def test_unhidden_address_is_shown_to_the_court(client):
    case = CaseFactory()
    sign_in(client, MembershipFactory(role=Role.JUDGE, agency=case.court))
    assert ADDRESS in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
