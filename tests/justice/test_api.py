"""The justice API: the same rules and permissions as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from egide.accounts.roles import Role
from tests.cases.factories import CaseFactory

from .helpers import court_member, order_heard, requested_order

pytestmark = pytest.mark.django_db
API = "/api/v1/justice"


def test_the_procureur_requests_an_op_then_an_oppi(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    refused = client.post(
        f"{API}/cases/{case.pk}/orders",
        {"requested_by": "prosecutor", "victim_consent": False},
        content_type="application/json",
    )
    assert refused.status_code == 422 and not case.protection_orders.exists()
    created = client.post(
        f"{API}/cases/{case.pk}/orders",
        {"requested_by": "prosecutor", "victim_consent": True},
        content_type="application/json",
    )
    assert created.status_code == 201
    oppi = client.post(
        f"{API}/orders/{created.json()['id']}/immediate-orders",
        {"victim_consent": True},
        content_type="application/json",
    )
    assert oppi.status_code == 201 and oppi.json()["decision_due_at"]


def test_the_judge_decides_with_measures_and_bad_distances_are_refused(sign_in_as):
    case, court, order = order_heard()
    client = sign_in_as(court.judge.membership)
    payload = {
        "decision": "granted",
        "reasons": "Violences vraisemblables, danger établi à l'audience.",
        "measures": [
            {"kind": "contact_ban", "persons": "La victime"},
            {"kind": "place_ban", "place_label": "Travail", "latitude": 49.02, "longitude": 1.15},
        ],
    }
    response = client.post(
        f"{API}/orders/{order.pk}/decision", payload, content_type="application/json"
    )
    assert response.status_code == 200
    assert {m["kind"] for m in response.json()["measures"]} == {"contact_ban", "place_ban"}


def test_another_court_gets_404_and_a_wrong_role_403(sign_in_as, client):
    case, court, order = requested_order()
    sign_in_as(role=Role.JUDGE)
    assert client.get(f"{API}/orders/{order.pk}").status_code == 404
    sign_in_as(court_member(case, Role.CLERK))
    decision = {"decision": "rejected", "measures": [], "reasons": "Pas de danger"}
    response = client.post(
        f"{API}/orders/{order.pk}/decision", decision, content_type="application/json"
    )
    assert response.status_code == 403


def test_breach_reported_then_acknowledged(sign_in_as, client):
    case = CaseFactory()
    sign_in_as(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    payload = {
        "kind": "contact_ban",
        "source": "professional",
        "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "description": "Présent devant l'école",
    }
    created = client.post(
        f"{API}/cases/{case.pk}/breaches", payload, content_type="application/json"
    )
    assert created.status_code == 201
    sign_in_as(court_member(case, Role.PROSECUTOR))
    acknowledged = client.post(
        f"{API}/breaches/{created.json()['id']}/acknowledgement",
        {"outcome": "warning"},
        content_type="application/json",
    )
    assert acknowledged.json()["acknowledged_at"]
    assert client.get(f"{API}/deadlines").json() == []
