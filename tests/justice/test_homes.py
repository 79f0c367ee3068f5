"""Each court role's home shows only its own work, dated, most urgent first."""

import html
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from egide.devices import services as device_services
from egide.justice import services
from egide.justice.choices import BreachKind, BreachSource
from egide.justice.models import ProtectionOrder
from tests.cases.factories import CaseFactory
from tests.devices.helpers import stock

from .helpers import order_with_hearing, requested_order

pytestmark = pytest.mark.django_db
TGD = device_services.TgdGrant(
    no_cohabitation=True,
    contact_ban_basis="protection_order",
    imminent_danger="",
    express_consent=True,
    geolocation_consent=True,
)


@pytest.fixture
def court_day():
    """One court with an overdue OP decision, one on time, a breach and a TGD near its end."""
    overdue_case, court, overdue = order_with_hearing()
    ProtectionOrder.objects.filter(pk=overdue.pk).update(
        decision_due_at=timezone.now() - timedelta(hours=5)
    )
    on_time_case, _court, _order = order_with_hearing(CaseFactory(court=overdue_case.court), court)
    pending_case, _court, _pending = requested_order(CaseFactory(court=overdue_case.court), court)
    breach = services.report_breach(
        overdue_case, BreachKind.CONTACT_BAN, timezone.now(), "Appels", source=BreachSource.VICTIM
    )
    tgd_case = on_time_case
    device_services.grant_alarm_phone(court.prosecutor, tgd_case, stock(), TGD)
    return {
        "court": court,
        "overdue": overdue_case.reference,
        "on_time": on_time_case.reference,
        "pending": pending_case.reference,
        "breach": breach,
    }


def home(sign_in_as, membership) -> str:
    page = sign_in_as(membership).get(reverse("web:home")).content.decode()
    return html.unescape(page).replace("\xa0", " ")


def worklist(page: str) -> str:
    start = page.index("Échéances judiciaires</h3>")
    return page[start : page.index("</section>", start)]


def test_the_jaf_home_flags_its_overdue_decision_first_and_nothing_of_the_parquet(
    sign_in_as, court_day
):
    page = worklist(home(sign_in_as, court_day["court"].judge.membership))
    assert "En retard : à faire avant le" in page
    assert page.index(court_day["overdue"]) < page.index(court_day["on_time"])
    assert "Violation à prendre en compte" not in page
    assert reverse("justice:breaches") not in page
    assert "date d'audience à fixer" not in page  # the greffe's act


def test_the_greffe_home_lists_hearings_to_set_and_no_breach_link(sign_in_as, court_day):
    clerk = court_day["court"].clerk.membership
    page = worklist(home(sign_in_as, clerk))
    assert "OP : date d'audience à fixer — " + court_day["pending"] in page
    assert "décision à rendre" not in page
    assert reverse("justice:breaches") not in page
    board = sign_in_as(clerk).get(reverse("justice:deadlines")).content.decode()
    assert reverse("justice:breaches") not in board


def test_the_procureur_home_has_the_breach_and_the_tgd_renewal_not_the_judges_work(
    sign_in_as, court_day
):
    prosecutor = court_day["court"].prosecutor.membership
    with time_machine.travel(timezone.now() + timedelta(days=160)):  # a TGD lasts six months
        page = worklist(home(sign_in_as, prosecutor))
        assert "TGD : renouvellement à décider" in page
    page = worklist(home(sign_in_as, prosecutor))
    assert "Violation à prendre en compte — " + court_day["overdue"] in page
    assert "À faire avant le" in page
    assert "décision à rendre" not in page and "date d'audience à fixer" not in page


def test_tgd_renewals_are_not_on_the_jaf_home(sign_in_as, court_day):
    with time_machine.travel(timezone.now() + timedelta(days=160)):
        page = worklist(home(sign_in_as, court_day["court"].judge.membership))
    assert "TGD : renouvellement" not in page
