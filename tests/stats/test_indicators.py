"""The analyst's indicators: counted from the records, per territory and month, exported."""

import csv
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from egide.accounts.roles import Role
from egide.stats.indicators import INDICATORS
from tests.factories import MembershipFactory, agency_for_role

from .factories import DAY, orders, paris, two_courts_and_another_departement

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(sign_in_as):
    agency = agency_for_role(Role.ANALYST, "27", name="Préfecture de l'Eure")
    return sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency))


@pytest.fixture
def records():
    evreux, bernay, caen = two_courts_and_another_departement()
    march = paris(2026, 3, 10)
    orders(evreux, 12, march)
    orders(bernay, 3, march)
    orders(caen, 5, march)
    # Decided 2, 4 and 8 days after the hearing was set: median 4 days, 2 of 3 within 6 days.
    for days in (2, 4, 8):
        orders(evreux, 1, paris(2026, 4, 1), heard_after=DAY, decided_after=days * DAY)
    orders(bernay, 1, paris(2026, 4, 1), heard_after=DAY, decided_after=3 * DAY, rejected=True)
    return evreux, bernay, caen


def indicators_json(client, **query):
    response = client.get(reverse("stats:indicators"), {**query, "format": "json"})
    assert response.status_code == 200
    return {item["code"]: item for item in response.json()["indicateurs"]}


def month(item, period):
    return next(point["valeur"] for point in item["mois"] if point["periode"] == period)


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_orders_are_counted_per_month_for_the_departement_court_and_nation(analyst, records):
    _evreux, bernay, _caen = records
    eure = indicators_json(analyst)
    assert month(eure["op-demandees"], "2026-03") == 15
    assert eure["op-demandees"]["total"] == 19
    assert (
        month(
            indicators_json(analyst, departement="", tribunal=bernay.court.pk)["op-demandees"],
            "2026-03",
        )
        == 3
    )
    assert month(indicators_json(analyst, departement="")["op-demandees"], "2026-03") == 20
    assert [point["periode"] for point in eure["op-demandees"]["mois"]] == [
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
    ]


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_decisions_their_median_delay_and_the_share_within_six_days(analyst, records):
    eure = indicators_json(analyst)
    assert month(eure["op-delivrees"], "2026-04") == 3
    assert month(eure["op-rejetees"], "2026-04") == 1
    evreux = indicators_json(analyst, tribunal=records[0].court.pk)
    assert month(evreux["op-delai-median"], "2026-04") == 4.0
    assert month(evreux["op-decidees-dans-le-delai"], "2026-04") == 66.7
    assert month(evreux["op-delai-median"], "2026-03") is None


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_each_chart_is_followed_by_its_table_and_the_csv_has_every_figure(analyst, records):
    page = analyst.get(reverse("stats:indicators")).content.decode()
    for indicator in INDICATORS:
        if indicator.measure.total_label != "Aujourd'hui":
            assert f'data-chart="{indicator.slug}"' in page
        assert f'data-chart-table="{indicator.slug}"' in page
    assert page.index('data-chart="op-demandees"') < page.index('data-chart-table="op-demandees"')
    response = analyst.get(reverse("stats:indicators"), {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    march = next(r for r in rows if r["indicateur"] == "op-demandees" and r["periode"] == "2026-03")
    assert march["valeur"] == "15" and march["territoire"] == "Département 27"


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_an_indicator_has_a_definition_page(analyst, records):
    page = analyst.get(reverse("stats:indicator", args=["op-decidees-dans-le-delai"]))
    text = page.content.decode()
    assert "6 jours" in text and "515-11" in text and "Depuis" in text
    assert analyst.get(reverse("stats:indicator", args=["inconnu"])).status_code == 404


def test_a_wrong_filter_is_refused_and_says_why(analyst):
    response = analyst.get(reverse("stats:indicators"), {"annee": "1990"})
    assert response.status_code == 400
    assert "fr-error-text" in response.content.decode()
    assert analyst.get(reverse("stats:indicators"), {"format": "xml"}).status_code == 400


def test_shelter_indicators_are_not_given_for_one_court(analyst, records):
    page = analyst.get(reverse("stats:indicators"), {"tribunal": records[0].court.pk})
    text = page.content.decode()
    assert 'data-chart-table="hebergement-places"' not in text
    assert "Non ventilés par tribunal" in text


DOMAIN_TABLES = ("cases_", "justice_", "devices_", "monitoring_", "support_", "assessment_")
AGGREGATES = ("count(", "sum(", "avg(")


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_the_analyst_reaches_aggregates_only(analyst, records):
    with CaptureQueriesContext(connection) as queries:
        response = analyst.get(reverse("stats:indicators"))
        export = analyst.get(reverse("stats:indicators"), {"format": "csv"})
    for query in queries.captured_queries:
        sql = query["sql"].lower()
        if any(f'"{table}' in sql for table in DOMAIN_TABLES):
            assert any(function in sql for function in AGGREGATES), query["sql"]
    shown = response.content.decode() + export.content.decode()
    evreux = records[0]
    assert evreux.reference not in shown
    assert analyst.get(reverse("cases:detail", args=[evreux.pk])).status_code in (403, 404)


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_the_page_costs_the_same_queries_whatever_the_records(analyst, records):
    def cost():
        with CaptureQueriesContext(connection) as queries:
            analyst.get(reverse("stats:indicators"))
        return len(queries)

    before = cost()
    orders(records[0], 40, paris(2026, 2, 3), heard_after=DAY, decided_after=2 * DAY)
    assert cost() == before


@time_machine.travel("2026-04-20 12:00 +0200", tick=False)
def test_the_analysts_home_shows_this_months_figures_to_watch(analyst, records):
    page = analyst.get(reverse("web:home")).content.decode()
    assert "Ce mois-ci, département 27" in page
    assert "Ordonnances décidées dans le délai légal" in page and "75,0 %" in page
    assert "rien à mesurer" in page, "an OPPI share without an OPPI decided says so"
    assert reverse("stats:indicator", args=["op-decidees-dans-le-delai"]) in page
