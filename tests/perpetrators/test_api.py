"""The programmes' JSON API: the CPCA enrols, plans, records attendance and sends reports; the
ordering authority lists and acknowledges them. Other roles get 403, other CPCA and courts 404;
bad input gets a 422 and changes nothing."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from egide.accounts.roles import Role
from egide.perpetrators.models import Enrolment, ProgrammeReport, Session
from tests.factories import MembershipFactory

from .helpers import court_member, cpca_agency, cpca_member, ordered, victim_case

pytestmark = pytest.mark.django_db
API = "/api/v1/perpetrators"


def post(client, url, payload=None):
    return client.post(f"{API}{url}", json.dumps(payload or {}), content_type="application/json")


def test_the_whole_programme_through_the_api(sign_in_as):
    programme = ordered()
    cpca = sign_in_as(programme.cpca)
    [listed] = cpca.get(f"{API}/orders").json()
    assert listed["last_name"] == "Marchand" and listed["basis"] == "cpp_41_1_2"
    enrolled_on = (timezone.localdate() - timedelta(days=5)).isoformat()
    created = post(cpca, f"/orders/{programme.order.pk}/enrolment", {"enrolled_on": enrolled_on})
    assert created.status_code == 201
    enrolment_id = created.json()["id"]
    when = (timezone.now() - timedelta(days=1)).isoformat()
    session = post(
        cpca,
        f"/enrolments/{enrolment_id}/sessions",
        {"module": "core", "kind": "talk_group", "starts_at": when},
    )
    assert session.status_code == 201
    marked = post(cpca, f"/sessions/{session.json()['id']}/attendance", {"attendance": "unexcused"})
    assert marked.json()["attendance"] == "unexcused"
    [owed] = cpca.get(f"{API}/reports").json()
    assert owed["kind"] == "unexcused_absence" and owed["sent_at"] is None
    sent = post(cpca, f"/reports/{owed['id']}/sending", {"note": "Absent"})
    assert sent.status_code == 200 and sent.json()["sent_at"]
    parquet = sign_in_as(programme.prosecutor)
    [received] = parquet.get(f"{API}/reports").json()
    assert received["note"] == "Absent"
    [given] = parquet.get(f"{API}/orders").json()
    assert given["cpca"] == programme.cpca.agency.name
    acknowledged = post(parquet, f"/reports/{owed['id']}/acknowledgement")
    assert acknowledged.json()["acknowledged_at"]


def test_bad_input_gets_422_and_changes_nothing(sign_in_as):
    programme = ordered()
    cpca = sign_in_as(programme.cpca)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    url = f"/orders/{programme.order.pk}/enrolment"
    assert post(cpca, url, {"enrolled_on": future}).status_code == 422
    assert post(cpca, url, {"enrolled_on": "hier"}).status_code == 422
    assert not Enrolment.objects.exists()
    enrolment = post(cpca, url, {"enrolled_on": timezone.localdate().isoformat()}).json()
    bad = {"module": "astrology", "kind": "talk_group", "starts_at": timezone.now().isoformat()}
    assert post(cpca, f"/enrolments/{enrolment['id']}/sessions", bad).status_code == 422
    assert not Session.objects.exists()


def test_other_roles_are_refused_and_other_cpca_and_courts_see_nothing(sign_in_as):
    programme = ordered()
    for role in (Role.POLICE_OFFICER, Role.CLERK, Role.SOCIAL_REFERENT, Role.ANALYST):
        client = sign_in_as(MembershipFactory(role=role, agency=programme.case.court))
        for url in ("/orders", "/enrolments", "/reports"):
            assert client.get(f"{API}{url}").status_code == 403, (role, url)
    other = sign_in_as(cpca_member(cpca_agency("76")))
    assert other.get(f"{API}/orders").json() == []
    today = timezone.localdate().isoformat()
    refused = post(other, f"/orders/{programme.order.pk}/enrolment", {"enrolled_on": today})
    assert refused.status_code == 404
    elsewhere = sign_in_as(court_member(victim_case("76")))
    assert elsewhere.get(f"{API}/orders").json() == []
    assert not Enrolment.objects.exists() and not ProgrammeReport.objects.exists()
