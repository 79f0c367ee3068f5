"""Every case page renders for the handling officer (DSFR, French)."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from tests.factories import MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_and_case(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    return sign_in_as(officer), case


@pytest.mark.parametrize(
    "name",
    [
        "cases:detail",
        "cases:print",
        "cases:incident_add",
        "cases:person_add",
        "cases:relationship_edit",
        "cases:safe_contact_edit",
        "cases:masking_edit",
        "cases:sharing",
    ],
)
def test_case_pages_render(officer_and_case, name):
    client, case = officer_and_case
    response = client.get(reverse(name, args=[case.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["cases:list", "cases:open", "cases:break_glass", "cases:referrals"]
)
def test_global_pages_render(officer_and_case, name):
    client, _case = officer_and_case
    assert client.get(reverse(name)).status_code == 200


def test_person_edit_renders(officer_and_case):
    client, case = officer_and_case
    response = client.get(reverse("cases:person_edit", args=[case.pk, case.victim.pk]))
    assert response.status_code == 200
