"""An OP is decided after its hearing, never before; the OPPI needs none."""

import html

import pytest
from django.urls import reverse

from egide.justice.choices import OrderStatus

from .helpers import order_heard, order_with_hearing, requested_order

pytestmark = pytest.mark.django_db
API = "/api/v1/justice"
GRANT = {
    "decision": "granted",
    "contact_ban": "on",
    "contact_persons": "La victime",
    "reasons": "Violences vraisemblables",
}


def test_the_judge_cannot_decide_before_the_hearing_in_the_form(sign_in_as):
    case, court, order = order_with_hearing()
    client = sign_in_as(court.judge.membership)
    response = client.post(reverse("justice:order_decide", args=[order.pk]), GRANT)
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "n'a pas encore eu lieu" in page and "La décision n'a pas été enregistrée" in page
    order.refresh_from_db()
    assert order.status == OrderStatus.HEARING_SET and order.decided_at is None
    assert not order.measures.exists()


def test_the_judge_cannot_decide_before_the_hearing_in_the_api(sign_in_as):
    case, court, order = order_with_hearing()
    client = sign_in_as(court.judge.membership)
    payload = {
        "decision": "granted",
        "reasons": "Violences vraisemblables",
        "measures": [{"kind": "contact_ban", "persons": "Elle"}],
    }
    response = client.post(
        f"{API}/orders/{order.pk}/decision", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert "n'a pas encore eu lieu" in response.json()["detail"]
    order.refresh_from_db()
    assert order.status == OrderStatus.HEARING_SET and not order.measures.exists()


def test_no_decision_without_a_hearing_set(sign_in_as):
    case, court, order = requested_order()
    client = sign_in_as(court.judge.membership)
    response = client.post(reverse("justice:order_decide", args=[order.pk]), GRANT)
    assert response.status_code == 400
    assert "Aucune audience" in html.unescape(response.content.decode())
    order.refresh_from_db()
    assert order.status == OrderStatus.REQUESTED


def test_once_heard_the_judge_decides(sign_in_as):
    case, court, order = order_heard()
    client = sign_in_as(court.judge.membership)
    response = client.post(reverse("justice:order_decide", args=[order.pk]), GRANT)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.GRANTED
