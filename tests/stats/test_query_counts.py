"""Query counts of the indicator pages and the open data: twice the records, the same queries,
whatever the database (each indicator is one aggregate query, never the records)."""

import pytest
import time_machine
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from egide.accounts.roles import Role
from egide.stats import summary
from egide.stats.indicators import INDICATORS, OPEN_DATA
from tests.factories import MembershipFactory, agency_for_role
from tests.query_counts import HEADER, SIGNED_IN_PAGE, assert_rows_cost_nothing

from .factories import DAY, orders, paris, two_courts_and_another_departement

pytestmark = pytest.mark.django_db
TODAY = "2026-05-15 12:00 +0200"

# The analyst's agency: her département is the filter's default.
OWN_DEPARTEMENT = 1
# The filter's choices: the départements (1) and, on a page, the courts of the list (1).
FILTER = 2
# An export renders no template: neither django-dsfr's settings nor the role switcher (2), nor
# the courts' list (1).
NO_TEMPLATE = -3
# Whether a fresh summary of the year is stored (1); without one, one aggregate per indicator.
SUMMARY = 1
# France or a région: the map of the départements, one grouped count (1).
MAP = 1
FIGURES = SUMMARY + len(INDICATORS)


@pytest.fixture
def analyst(sign_in_as):
    agency = agency_for_role(Role.ANALYST, "27", name="Préfecture de l'Eure")
    return sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency))


def more_orders():
    """Each call: orders requested, heard and decided in three new cases of two départements."""

    def add(n):
        for case in two_courts_and_another_departement():
            orders(case, n, paris(2026, 3, 10), heard_after=DAY, decided_after=2 * DAY)

    return add


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("query, map_", [({}, 0), ({"departement": ""}, MAP), ({"annee": 2025}, 0)])
def test_the_indicators_cost_one_query_each_whatever_the_records(analyst, query, map_):
    url = f"{reverse('stats:indicators')}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    expected = SIGNED_IN_PAGE + HEADER + OWN_DEPARTEMENT + FILTER + FIGURES + map_
    assert_rows_cost_nothing(analyst, url, more_orders(), expected)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("query", [{"departement": ""}, {"region": "28"}, {}])
def test_with_a_fresh_summary_a_page_costs_the_same_few_queries_whatever_the_indicators(
    analyst, query
):
    def add_and_count(n):
        more_orders()(n)
        summary.count(2026)

    url = f"{reverse('stats:indicators')}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    # The summary (1), every indicator's sums (1), the medians' histograms (1); France or a
    # région, the map (1).
    expected = SIGNED_IN_PAGE + HEADER + OWN_DEPARTEMENT + FILTER + 3 + (MAP if query else 0)
    assert_rows_cost_nothing(analyst, url, add_and_count, expected)


@time_machine.travel(TODAY, tick=False)
def test_an_indicator_page_and_an_export_cost_the_same_whatever_the_records(analyst):
    # One indicator, a median: its histogram (1).
    url = reverse("stats:indicator", args=["op-delai-median"])
    expected = SIGNED_IN_PAGE + HEADER + OWN_DEPARTEMENT + FILTER + SUMMARY + 1
    assert_rows_cost_nothing(analyst, url, more_orders(), expected)
    export = f"{reverse('stats:indicators')}?format=csv"
    expected = SIGNED_IN_PAGE + OWN_DEPARTEMENT + FILTER + NO_TEMPLATE + FIGURES
    assert_rows_cost_nothing(analyst, export, more_orders(), expected)


@time_machine.travel(TODAY, tick=False)
def test_the_open_data_costs_one_count_per_indicator_and_the_file(client):
    HUEY.immediate = True  # the file's job runs as the first request asks for it
    try:
        # The counts per territory and month of each published indicator, then the stored file:
        # no session, no template.
        expected = SUMMARY + len(OPEN_DATA) + 1
        url = reverse("stats:open_data_csv")
        assert_rows_cost_nothing(client, url, more_orders(), expected)
    finally:
        HUEY.immediate = False
