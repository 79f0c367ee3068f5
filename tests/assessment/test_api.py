"""The assessments API: same scoring and permissions as the pages."""

import pytest

from egide.accounts.roles import Role
from egide.assessment.models import Assessment
from tests.factories import MembershipFactory

from .helpers import lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db
API = "/api/v1/assessments"


def test_instruments_list_their_verification_flags(sign_in_as):
    response = sign_in_as(role=Role.POLICE_OFFICER).get(f"{API}/instruments")
    assert response.status_code == 200
    grid = next(i for i in response.json() if i["id"] == "fr-police-grid")
    assert grid["official"] is False
    assert grid["verification"]["rule_12_yes_or_2_red"] == "one_source"
    assert sum(item["red"] for item in grid["items"]) == 5


def test_an_officer_records_and_reads_an_assessment(sign_in_as):
    officer, case = officer_and_case()
    client = sign_in_as(officer)
    payload = {"instrument_id": "lap-lethality-screen", "answers": {"q1": "yes", "q4": "unknown"}}
    created = client.post(f"{API}/cases/{case.pk}", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["computed_level"], body["final_level"], body["complete"]) == ("high", "high", True)
    assert body["answers"]["q2"] == "not_asked"
    assert client.get(f"{API}/{body['id']}").json()["id"] == body["id"]
    assert [a["id"] for a in client.get(f"{API}/cases/{case.pk}").json()] == [body["id"]]


def test_bad_answers_are_refused_and_record_nothing(sign_in_as):
    officer, case = officer_and_case()
    payload = {"instrument_id": "lap-lethality-screen", "answers": {"q1": "maybe"}}
    response = sign_in_as(officer).post(
        f"{API}/cases/{case.pk}", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("role", [Role.POLICE_OFFICER, Role.CPCA_WORKER, Role.ANALYST])
def test_outsiders_are_refused(sign_in_as, role):
    officer, case = officer_and_case()
    assessment = record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    client = sign_in_as(MembershipFactory(role=role))
    assert client.get(f"{API}/{assessment.pk}").status_code in (403, 404)
    assert client.get(f"{API}/cases/{case.pk}").status_code in (403, 404)
    payload = {"instrument_id": "lap-lethality-screen", "answers": {}}
    response = client.post(f"{API}/cases/{case.pk}", payload, content_type="application/json")
    assert response.status_code in (403, 404)


def test_anonymous_callers_are_refused(client):
    assert client.get(f"{API}/instruments").status_code in (302, 401, 403)
