"""Query count of the monitoring console: more open incidents, the same queries."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from tests.query_counts import HEADER, SIGNED_IN_PAGE, assert_rows_cost_nothing

from .helpers import open_incident

pytestmark = pytest.mark.django_db


# The queue (1: the open incidents, their pairings and cases joined) and the centre's health (5: the
# oldest fix waiting, the engine's heartbeat, the events waiting, the oldest and newest events).
QUEUE = 1 + 5


@pytest.mark.parametrize(
    "page, expected",
    [
        # The whole console: the queue, and the count of alarm phones due for their test.
        ("monitoring:console", SIGNED_IN_PAGE + HEADER + QUEUE + 1),
        # The queue alone, as the console refreshes it.
        ("monitoring:queue", SIGNED_IN_PAGE + QUEUE),
    ],
)
def test_the_console_costs_the_same_for_twice_the_incidents(sign_in_as, page, expected):
    client = sign_in_as(role=Role.MONITORING_OPERATOR)

    def open_incidents(n):
        for _ in range(n):
            open_incident()

    assert_rows_cost_nothing(client, reverse(page), open_incidents, expected)
