"""Query count of the pôle VIF deadline board: more orders to handle, the same queries."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from tests.cases.factories import CaseFactory
from tests.query_counts import HEADER, SIGNED_IN_PAGE, assert_rows_cost_nothing

from .helpers import court_member, court_of, requested_order

pytestmark = pytest.mark.django_db


def test_the_deadline_board_costs_the_same_for_twice_the_orders(sign_in_as):
    first = CaseFactory()
    court = court_of(first)
    client = sign_in_as(court_member(first, Role.CLERK))

    def request_orders(n):
        for _ in range(n):
            requested_order(CaseFactory(opening_agency=first.opening_agency), court)

    # One query per source, whatever its number of items: protection orders (4: requested, hearing
    # set, to notify, ending), OPPI (2), breaches (1), parquet requests (1), linked hearings (the
    # visible cases: 2, and their couples: 1), TGD renewals (1), criminal BAR renewals (1).
    expected = SIGNED_IN_PAGE + HEADER + 4 + 2 + 1 + 1 + 3 + 1 + 1
    assert_rows_cost_nothing(client, reverse("justice:deadlines"), request_orders, expected)
