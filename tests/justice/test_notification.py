"""The greffe records to whom and how an order was notified; the OP's end
follows from the notification to the defendant (C. civ. 515-12)."""

import html
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from egide.justice import services
from egide.justice.choices import Decision, OrderStatus

from .helpers import CONTACT_BAN, order_heard

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
API = "/api/v1/justice"


@pytest.fixture
def granted(clock):
    clock.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=PARIS))
    case, court, order = order_heard()
    services.decide_order(court.judge, order, decision=Decision.GRANTED, measures=[CONTACT_BAN])
    clock.move_to(datetime(2026, 3, 12, 9, 0, tzinfo=PARIS))
    return case, court, order


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=PARIS), tick=False) as traveller:
        yield traveller


def page_of(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def test_the_greffe_records_recipient_and_method_and_the_end_follows(sign_in_as, granted):
    case, court, order = granted
    client = sign_in_as(court.clerk.membership)
    url = reverse("justice:order_notify", args=[order.pk])
    refused = client.post(url, {"notified_at": "2026-03-10T15:00"})
    assert refused.status_code == 400 and "Destinataire" in page_of(refused)
    order.refresh_from_db()
    assert order.status == OrderStatus.GRANTED and not order.notifications.exists()

    to_her = {"recipient": "applicant", "method": "clerk", "notified_at": "2026-03-04T11:00"}
    assert client.post(url, to_her).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.GRANTED and order.ends_at is None  # his is awaited
    to_him = {"recipient": "defendant", "method": "bailiff", "notified_at": "2026-03-10T15:00"}
    assert client.post(url, to_him).status_code == 302
    assert client.post(url, to_him).status_code == 400  # notified to him once
    order.refresh_from_db()
    assert order.status == OrderStatus.IN_FORCE
    # Twelve months from the notification to him, not from the decision nor from hers.
    assert order.ends_at.astimezone(PARIS).date().isoformat() == "2027-03-10"
    page = page_of(client.get(order.get_absolute_url()))
    assert "Notifiée à La partie défenderesse" in page
    assert "Signification par commissaire de justice" in page
    assert "Notification par le greffe" in page
    assert "10/03/2027 (12 mois à compter de la notification à l'auteur" in page


def test_the_api_asks_for_recipient_and_method(sign_in_as, granted):
    case, court, order = granted
    client = sign_in_as(court.clerk.membership)
    url = f"{API}/orders/{order.pk}/notification"
    missing = client.post(url, {"notified_at": None}, content_type="application/json")
    assert missing.status_code == 422 and missing["Content-Type"].startswith("application/json")
    by_police = {"recipient": "defendant", "method": "judicial_police"}
    done = client.post(url, by_police, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "in_force"
    assert order.notifications.get().get_method_display() == (
        "Notification par un officier de police judiciaire"
    )
