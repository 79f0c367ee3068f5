"""The court's pages: clear errors that change nothing, the board, the inbox."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.justice import services
from egide.justice.choices import BreachKind, BreachSource, OrderStatus
from tests.cases.factories import CaseFactory

from .helpers import court_member, order_heard, order_with_hearing, requested_order

pytestmark = pytest.mark.django_db


def test_the_procureur_requests_an_op_from_the_case(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    url = reverse("justice:order_request", args=[case.pk])
    refused = client.post(url, {"requested_by": "prosecutor"})
    assert refused.status_code == 400 and "accord de la victime" in refused.content.decode()
    assert not case.protection_orders.exists()
    client.post(url, {"requested_by": "prosecutor", "victim_consent": "on"})
    assert case.protection_orders.get().status == OrderStatus.REQUESTED


def test_a_judge_decision_with_a_hidden_address_masks_the_case(sign_in_as):
    case, court, order = order_heard()
    client = sign_in_as(court.judge.membership)
    data = {
        "decision": "granted",
        "contact_ban": "on",
        "contact_persons": "La victime",
        "hidden_address": "Chez Maître Dupuis",
        "reasons": "Danger établi",
    }
    url = reverse("justice:order_decide", args=[order.pk])
    assert client.post(url, data).status_code == 400  # the élection is a choice, not free text
    case.refresh_from_db()
    assert not case.address_hidden and not order.measures.exists()
    data["hidden_address"] = "lawyer"
    client.post(url, data)
    case.refresh_from_db()
    assert case.address_hidden


def test_the_board_shows_overdue_items_until_done(sign_in_as):
    case, court, order = order_with_hearing()
    client = sign_in_as(court.judge.membership)
    order.__class__.objects.filter(pk=order.pk).update(
        decision_due_at=timezone.now() - timedelta(hours=3)
    )
    page = client.get(reverse("justice:deadlines")).content.decode()
    assert case.reference in page and "En retard" in page


@pytest.mark.parametrize(
    ("left", "shown", "tone"),
    [
        (timedelta(days=5, minutes=30), "Reste 5 jours", "fr-badge--info"),
        (timedelta(hours=3, minutes=30), "Reste 3 heures", "fr-badge--warning"),
    ],
)
def test_the_board_and_the_order_say_how_long_is_left(sign_in_as, left, shown, tone):
    case, court, order = order_with_hearing()
    client = sign_in_as(court.judge.membership)
    order.__class__.objects.filter(pk=order.pk).update(decision_due_at=timezone.now() + left)
    page = client.get(reverse("justice:deadlines")).content.decode().replace("\xa0", " ")
    row = page[page.index(case.reference) : page.index("</tr>", page.index(case.reference))]
    assert shown in row and tone in row
    order_page = client.get(reverse("justice:order", args=[order.pk])).content.decode()
    assert shown.replace("Reste", "reste") in order_page.replace("\xa0", " ")


def test_the_board_refuses_roles_outside_the_court(sign_in_as):
    client = sign_in_as(role=Role.POLICE_OFFICER)
    assert client.get(reverse("justice:deadlines")).status_code == 403


def test_the_procureur_acknowledges_a_breach_from_the_inbox(sign_in_as):
    case, court, order = requested_order()
    report = services.report_breach(
        case, BreachKind.CONTACT_BAN, timezone.now(), "Message vocal", source=BreachSource.VICTIM
    )
    client = sign_in_as(court.prosecutor.membership)
    assert "Message vocal" in client.get(reverse("justice:breaches")).content.decode()
    client.post(reverse("justice:breach_acknowledge", args=[report.pk]), {"outcome": "warning"})
    report.refresh_from_db()
    assert report.acknowledged_by == court.prosecutor.user


def test_a_police_officer_reports_a_breach_from_the_case(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    url = reverse("justice:breach_report", args=[case.pk])
    data = {
        "kind": "contact_ban",
        "source": "professional",
        "occurred_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "description": "Présent devant le domicile",
    }
    assert client.post(url, data).status_code == 400
    data["occurred_at"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    client.post(url, data)
    assert case.breach_reports.get().court == case.court


def test_the_judges_home_lists_the_deadlines(sign_in_as):
    case, court, order = order_with_hearing()
    client = sign_in_as(court.judge.membership)
    page = client.get(reverse("web:home")).content.decode()
    assert "Échéances judiciaires" in page and case.reference in page
