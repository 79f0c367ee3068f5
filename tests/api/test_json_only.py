"""The API speaks JSON only, in one documented error shape (README, "The JSON API")."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.models import Case
from egide.justice.models import ChildMeasure
from tests.cases.factories import CaseFactory
from tests.cases.test_api import COMPLAINT
from tests.factories import MembershipFactory
from tests.justice.helpers import court_member

pytestmark = pytest.mark.django_db

SUSPENSION_BEFORE_THE_LAW = {"prosecuted_on": "2024-03-19"}  # loi 2024-233: from 20 March 2024


def assert_api_error(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    return body


def test_an_anonymous_call_gets_a_json_401_not_the_login_page(client):
    assert_api_error(client.get("/api/v1/cases/"), 401)
    assert_api_error(client.post("/api/v1/cases/", {}, content_type="application/json"), 401)


def test_a_session_without_its_second_factor_gets_a_json_401(client):
    client.force_login(MembershipFactory(role=Role.POLICE_OFFICER).user)
    assert_api_error(client.get("/api/v1/cases/"), 401)


def test_a_refused_operation_is_a_json_403(sign_in_as):
    client = sign_in_as(role=Role.JUDGE)  # a judge does not open cases at the desk
    response = client.post("/api/v1/cases/", COMPLAINT, content_type="application/json")
    body = assert_api_error(response, 403)
    assert "<html" not in body["detail"].lower()
    assert not Case.objects.exists()


def test_malformed_input_is_a_422_with_errors_per_field(sign_in_as):
    client = sign_in_as(role=Role.POLICE_OFFICER)
    body = assert_api_error(client.post("/api/v1/cases/", {}, content_type="application/json"), 422)
    assert set(body["errors"]) >= {"victim", "perpetrator", "incident"}
    search = client.get("/api/v1/cases/", {"birth_date": "hier"})
    assert "birth_date" in assert_api_error(search, 422)["errors"]


def test_a_date_before_the_rule_is_in_force_is_a_clear_422_and_changes_nothing(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    url = f"/api/v1/justice/cases/{case.pk}/automatic-suspensions"
    response = client.post(url, SUSPENSION_BEFORE_THE_LAW, content_type="application/json")
    body = assert_api_error(response, 422)
    assert "20/03/2024" in body["detail"] and "378-2" in body["detail"]
    assert body["errors"]["__all__"] == [body["detail"]]
    assert not ChildMeasure.objects.exists()


def test_the_suspension_form_shows_the_same_error_instead_of_a_500(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    url = reverse("justice:automatic_suspension", args=[case.pk])
    response = client.post(url, SUSPENSION_BEFORE_THE_LAW)
    assert response.status_code == 400  # the form again, with its error
    assert "20/03/2024" in response.content.decode()
    assert not ChildMeasure.objects.exists()


def test_every_operation_documents_its_errors_in_the_one_shape(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["ApiError"]["required"] == ["detail"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404", "422"):
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/ApiError"}, (
                    method,
                    path,
                    status,
                )
