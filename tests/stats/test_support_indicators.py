"""Indicators of emergency aid and shelter places."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import Role
from egide.support.choices import AidForm, AidStatus, AllocationStatus, DeclineCause
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, agency_for_role
from tests.support.factories import aid_request, allocation, shelter

from .factories import paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(sign_in_as):
    return sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency_for_role(Role.ANALYST)))


def figures(client):
    response = client.get(reverse("stats:indicators"), {"format": "json"})
    return {item["code"]: item for item in response.json()["indicateurs"]}


def paid(case, received, due, paid_on, amount, form=AidForm.GRANT):
    return aid_request(
        case=case,
        received_on=received,
        payment_due=due,
        status=AidStatus.PAID,
        paid_at=paris(paid_on.year, paid_on.month, paid_on.day, 15),
        amount=Decimal(amount),
        form=form,
    )


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_aid_paid_in_time_the_median_delay_the_mean_amount_and_loans(analyst):
    case = CaseFactory()
    day = datetime.date
    # Received on Monday 2 March; due Thursday 5 (3 working days) or Monday 9 (5).
    paid(case, day(2026, 3, 2), day(2026, 3, 5), day(2026, 3, 4), "1000")
    paid(case, day(2026, 3, 2), day(2026, 3, 5), day(2026, 3, 6), "500", AidForm.LOAN)
    paid(case, day(2026, 3, 2), day(2026, 3, 9), day(2026, 3, 9), "600")
    aid_request(case=case, received_on=day(2026, 3, 10), payment_due=day(2026, 3, 13))
    eure = figures(analyst)
    assert eure["auu-demandees"]["total"] == 4
    assert eure["auu-versees"]["total"] == 3
    assert eure["auu-versees-dans-le-delai"]["total"] == 66.7
    assert eure["auu-delai-median"]["total"] == 4.0
    assert eure["auu-montant-moyen"]["total"] == 700.0
    assert eure["auu-part-des-prets"]["total"] == 33.3


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_shelter_places_and_places_held_at_each_month_end(analyst):
    home = shelter(capacity=6)
    shelter(capacity=4)
    allocation(
        home,
        adults=1,
        children=2,
        status=AllocationStatus.DEPARTED,
        decided_at=paris(2026, 1, 10),
        departed_at=paris(2026, 2, 10),
    )
    allocation(home, status=AllocationStatus.ARRIVED, decided_at=paris(2026, 2, 20))
    allocation(home, status=AllocationStatus.DECLINED, decided_at=paris(2026, 2, 20))
    eure = figures(analyst)
    assert eure["hebergement-places"]["total"] == 10
    held = [point["valeur"] for point in eure["hebergement-places-occupees"]["mois"]]
    assert held == [3, 2, 2]


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_refusals_for_lack_of_place_are_counted_apart_from_other_refusals(analyst):
    home = shelter(capacity=2)
    for cause in (DeclineCause.NO_PLACE, DeclineCause.NO_PLACE, DeclineCause.SAFETY):
        allocation(
            home,
            status=AllocationStatus.DECLINED,
            decline_cause=cause,
            decided_at=paris(2026, 2, 3),
        )
    allocation(home, status=AllocationStatus.DECLINED, decided_at=paris(2026, 3, 3))
    refused = figures(analyst)["hebergement-refus-manque-de-place"]
    assert [point["valeur"] for point in refused["mois"]] == [0, 2, 0]
