"""Criminal BAR: six months, renewed by the judge, two years at most (R. 24-19), on the board."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from egide.accounts.roles import Role
from egide.devices import services
from egide.devices.choices import Framework
from egide.devices.models import BraceletOrder
from egide.errors import RuleError
from egide.justice.board import board_items
from egide.monitoring.configuration import engine_pairings
from tests.factories import MembershipFactory
from tests.justice.helpers import acting, court_member

from .helpers import active_pairing, criminal_pairing

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
ORDERED = datetime(2026, 3, 2, 10, 0, tzinfo=PARIS)


def last_instant(year, month, day):
    return datetime(year, month, day, 23, 59, 59, 999999, tzinfo=PARIS)


def judge_of(pairing):
    return acting(court_member(pairing.order.case, Role.JUDGE))


def decision_of(pairing) -> BraceletOrder:
    return BraceletOrder.objects.get(pk=pairing.order_id)


@pytest.fixture
def clock():
    with time_machine.travel(ORDERED, tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize("framework", [Framework.JUDICIAL_SUPERVISION, Framework.SENTENCE])
def test_a_renewal_adds_six_months_and_the_pairing_follows(clock, framework):
    pairing = criminal_pairing(framework)
    clock.move_to(datetime(2026, 8, 20, 9, 0, tzinfo=PARIS))
    decision = services.renew_bracelet(judge_of(pairing), pairing.order)
    assert decision.ends_at == last_instant(2027, 3, 2)
    assert decision.renewals == 1
    pairing.refresh_from_db()
    assert pairing.valid_until == last_instant(2027, 3, 2)
    assert engine_pairings()["pairings"][0]["valid_until"] == "2027-03-02T22:59:59Z"


def test_three_renewals_reach_two_years_and_a_fourth_is_refused(clock):
    pairing = criminal_pairing()
    judge = judge_of(pairing)
    for end in (last_instant(2026, 9, 2), last_instant(2027, 3, 2), last_instant(2027, 9, 2)):
        clock.move_to(end)
        services.renew_bracelet(judge, decision_of(pairing))
    decision = decision_of(pairing)
    assert (decision.ends_at, decision.renewals) == (last_instant(2028, 3, 2), 3)
    assert not services.bracelet_renewable(decision)
    clock.move_to(datetime(2028, 2, 20, 9, 0, tzinfo=PARIS))
    with pytest.raises(RuleError) as refused:
        services.renew_bracelet(judge, decision)
    assert "24 mois" in refused.value.messages[0]
    decision.refresh_from_db()
    assert (decision.ends_at, decision.renewals) == (last_instant(2028, 3, 2), 3)


def test_renewal_is_possible_until_the_last_instant_not_after(clock):
    pairing = criminal_pairing()
    clock.move_to(last_instant(2026, 9, 2) + timedelta(microseconds=1))
    with pytest.raises(RuleError) as refused:
        services.renew_bracelet(judge_of(pairing), pairing.order)
    assert "nouvelle décision" in refused.value.messages[0]
    clock.move_to(last_instant(2026, 9, 2))
    assert services.renew_bracelet(judge_of(pairing), pairing.order).renewals == 1


def test_a_second_click_does_not_stack_two_renewals(clock):
    pairing = criminal_pairing()
    services.renew_bracelet(judge_of(pairing), pairing.order)
    with pytest.raises(RuleError) as refused:
        services.renew_bracelet(judge_of(pairing), decision_of(pairing))
    assert "pas encore pris effet" in refused.value.messages[0]
    assert decision_of(pairing).renewals == 1


def test_a_civil_bar_is_not_renewed_here():
    pairing = active_pairing()
    with pytest.raises(RuleError):
        services.renew_bracelet(judge_of(pairing), pairing.order)
    assert decision_of(pairing).renewals == 0


def test_only_the_judge_of_the_court_renews(clock):
    pairing = criminal_pairing()
    case = pairing.order.case
    for outsider in (
        acting(court_member(case, Role.PROSECUTOR)),
        acting(court_member(case, Role.CLERK)),
        acting(MembershipFactory(role=Role.JUDGE)),
    ):
        with pytest.raises(PermissionDenied):
            services.renew_bracelet(outsider, pairing.order)
    assert decision_of(pairing).renewals == 0


def kinds_on_board(membership) -> list[str]:
    return [item.kind for item in board_items(membership) if item.kind.startswith("bar_")]


def test_the_court_sees_the_renewal_a_month_before_the_end(clock):
    pairing = criminal_pairing()
    judge = court_member(pairing.order.case, Role.JUDGE)
    clock.move_to(last_instant(2026, 9, 2) - timedelta(days=30, microseconds=1))
    assert kinds_on_board(judge) == []
    clock.move_to(last_instant(2026, 9, 2) - timedelta(days=30))
    assert kinds_on_board(judge) == ["bar_renewal"]
    item = next(i for i in board_items(judge) if i.kind == "bar_renewal")
    assert item.url == reverse("devices:pairing", args=[pairing.pk])
    assert item.due_at == last_instant(2026, 9, 2)
    assert kinds_on_board(court_member(pairing.order.case, Role.PROSECUTOR)) == ["bar_renewal"]
    assert kinds_on_board(MembershipFactory(role=Role.JUDGE)) == []


def test_the_last_period_shows_as_the_end_not_as_a_renewal(clock):
    pairing = criminal_pairing()
    judge = judge_of(pairing)
    for end in (last_instant(2026, 9, 2), last_instant(2027, 3, 2), last_instant(2027, 9, 2)):
        clock.move_to(end)
        services.renew_bracelet(judge, decision_of(pairing))
    clock.move_to(datetime(2028, 2, 20, 9, 0, tzinfo=PARIS))
    assert kinds_on_board(judge.membership) == ["bar_final_end"]


def test_a_civil_bar_never_shows_as_a_renewal():
    pairing = active_pairing()
    with time_machine.travel(pairing.order.ends_at - timedelta(days=1), tick=False):
        assert kinds_on_board(court_member(pairing.order.case, Role.JUDGE)) == []


def test_the_judge_renews_from_the_pairing_page(clock, sign_in_as):
    pairing = criminal_pairing()
    page = reverse("devices:pairing", args=[pairing.pk])
    client = sign_in_as(court_member(pairing.order.case, Role.JUDGE))
    assert "Prolonger de 6 mois" in client.get(page).content.decode()
    response = client.post(reverse("devices:bracelet_renew", args=[pairing.pk]), follow=True)
    assert "Bracelet prolongé jusqu&#x27;au 02/03/2027." in response.content.decode()
    response = client.post(reverse("devices:bracelet_renew", args=[pairing.pk]), follow=True)
    assert "pas encore pris effet" in response.content.decode()
    assert decision_of(pairing).renewals == 1


def test_the_greffe_reads_the_end_date_without_the_button(clock, sign_in_as):
    pairing = criminal_pairing()
    client = sign_in_as(court_member(pairing.order.case, Role.CLERK))
    body = client.get(reverse("devices:pairing", args=[pairing.pk])).content.decode()
    assert "02/09/2026" in body and "Prolonger" not in body
    assert client.post(reverse("devices:bracelet_renew", args=[pairing.pk])).status_code == 403
