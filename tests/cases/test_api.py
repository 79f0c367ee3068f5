"""The JSON API: same rules, same masking, same validation as the pages."""

import pytest

from egide.accounts.roles import Role
from egide.cases.models import Case
from tests.conftest import sign_in
from tests.factories import MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "victim": {"last_name": "Petit", "first_name": "Chloé", "birth_date": "1992-06-01"},
    "perpetrator": {"last_name": "Roux", "first_name": "Kevin", "birth_year": 1990},
    "relationship": {"kind": "ex_partner", "separation_date": "2025-11-02"},
    "incident": {
        "occurred_on": "2026-01-03",
        "commune": "Vernon",
        "violence_forms": ["psychological", "cyber_surveillance"],
        "disclosure_channel": "helpline_3919",
    },
    "safe_contact": {"phone": "06 00 00 00 01", "never_leave_message": True},
    "masking": {},
}


def officer(client):
    membership = MembershipFactory(role=Role.POLICE_OFFICER)
    sign_in(client, membership)
    return membership


def post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def test_create_list_and_read_a_case(client):
    officer(client)
    response = post(client, "/api/v1/cases/", COMPLAINT)
    assert response.status_code == 201, response.content
    case_id = response.json()["id"]
    listed = client.get("/api/v1/cases/").json()
    assert [item["id"] for item in listed["items"]] == [case_id]
    people = client.get(f"/api/v1/cases/{case_id}/people").json()
    assert {person["role"] for person in people} == {"victim", "perpetrator"}
    incidents = client.get(f"/api/v1/cases/{case_id}/incidents").json()
    assert incidents[0]["violence_forms"] == ["psychological", "cyber_surveillance"]


def test_invalid_case_is_refused_with_field_errors_and_changes_nothing(client):
    officer(client)
    payload = {**COMPLAINT, "incident": {**COMPLAINT["incident"], "violence_forms": []}}
    response = post(client, "/api/v1/cases/", payload)
    assert response.status_code == 422
    assert "incident.violence_forms" in response.json()["errors"]
    assert not Case.objects.exists()


def test_add_incident_needs_edit_rights(client):
    case = CaseFactory()
    sign_in(client, MembershipFactory(role=Role.JUDGE, agency=case.court))
    response = post(client, f"/api/v1/cases/{case.pk}/incidents", COMPLAINT["incident"])
    assert response.status_code == 403
    sign_in(client, MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    response = post(client, f"/api/v1/cases/{case.pk}/incidents", COMPLAINT["incident"])
    assert response.status_code == 201


@pytest.mark.parametrize("role", [Role.CPCA_WORKER, Role.ANALYST, Role.AID_AGENT])
def test_outsider_roles_get_nothing(client, role):
    case = CaseFactory()
    sign_in(client, MembershipFactory(role=role))
    assert client.get("/api/v1/cases/").json()["count"] == 0
    assert client.get(f"/api/v1/cases/{case.pk}/people").status_code == 404
    assert post(client, "/api/v1/cases/", COMPLAINT).status_code == 403


def test_without_second_factor_the_api_refuses(client):
    case = CaseFactory()
    membership = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    client.force_login(membership.user)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code in (302, 401)
