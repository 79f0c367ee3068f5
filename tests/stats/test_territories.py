"""Indicators per région, the map of départements and the small multiples per territory."""

import csv
import io
import re

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import Role
from egide.stats import maps, territories
from tests.factories import MembershipFactory, TribunalFactory, agency_for_role

from .factories import case_in, orders, paris, two_courts_and_another_departement

pytestmark = pytest.mark.django_db
TODAY = "2026-05-15 12:00 +0200"


@pytest.fixture
def analyst(sign_in_as):
    agency = agency_for_role(Role.ANALYST, "27", name="Préfecture de l'Eure")
    return sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency))


@pytest.fixture
def records():
    """Normandie: 15 orders in the Eure (27), 5 in the Calvados (14); Paris (75): 7."""
    evreux, bernay, caen = two_courts_and_another_departement()
    paris_court = case_in(TribunalFactory(name="Tribunal judiciaire de Paris", departement="75"))
    orders(evreux, 12, paris(2026, 3, 10))
    orders(bernay, 3, paris(2026, 3, 10))
    orders(caen, 5, paris(2026, 4, 10))
    orders(paris_court, 7, paris(2026, 3, 10))
    return evreux, bernay, caen, paris_court


def test_each_departement_has_its_region_from_the_official_code():
    assert territories.region_of("27") == territories.region_of("14") == "28"
    assert territories.region_name("28") == "Normandie"
    assert territories.region_of("2A") == "94" and territories.region_of("976") == "06"
    assert len(territories.departements()) == 101 and len(territories.regions()) == 18
    assert set(territories.departements_of("28")) == {"14", "27", "50", "61", "76"}


def requested(client, **query):
    response = client.get(reverse("stats:indicators"), {**query, "format": "json"})
    assert response.status_code == 200
    found = {item["code"]: item for item in response.json()["indicateurs"]}
    return response.json()["territoire"], found["op-demandees"]["total"]


@time_machine.travel(TODAY, tick=False)
def test_a_region_adds_up_its_departements_and_no_other(analyst, records):
    assert requested(analyst, region="28", departement="") == ("Région Normandie", 20)
    assert requested(analyst, region="11", departement="")[1] == 7
    assert requested(analyst, region="", departement="")[1] == 27
    assert requested(analyst, region="28", departement="14")[1] == 5


def test_a_departement_outside_the_region_is_refused_and_says_why(analyst):
    response = analyst.get(reverse("stats:indicators"), {"region": "11", "departement": "27"})
    assert response.status_code == 400
    assert "pas dans la région Île-de-France" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_map_colours_each_departement_and_its_table_gives_the_values(analyst, records):
    page = analyst.get(reverse("stats:indicator", args=["op-demandees"]), {"departement": ""})
    html = page.content.decode()
    assert html.count("data-departement=") == 101
    eure = re.search(r'<path d="[^"]+" fill="([^"]+)"[^>]*data-departement="27"', html)
    lozere = re.search(r'<path d="[^"]+" fill="([^"]+)"[^>]*data-departement="48"', html)
    assert eure.group(1) == maps.PALETTE[-1], "the highest count gets the darkest blue"
    assert lozere.group(1) == maps.ZERO
    table = html[html.index('data-chart-table="carte-op-demandees"') :]
    assert re.search(r"27 Eure</th>\s*<td>15</td>", table)
    assert re.search(r"48 Lozère</th>\s*<td>0</td>", table)


def test_the_legend_reads_from_light_to_dark():
    bounds = maps.classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert bounds == [2, 4, 6, 8, 10]
    assert maps.colour(3, bounds) == maps.PALETTE[1] and maps.colour(10, bounds) == maps.PALETTE[4]
    keys = maps.legend(bounds, str, partial=True)
    assert [key.label for key in keys] == [
        "Aucun",
        "1 – 2",
        "3 – 4",
        "5 – 6",
        "7 – 8",
        "9 – 10",
        "Hors de la sélection",
    ]


@time_machine.travel(TODAY, tick=False)
def test_small_multiples_give_one_chart_per_territory_below_the_selection(analyst, records):
    url = reverse("stats:indicator", args=["op-demandees"])
    nation = analyst.get(url, {"departement": ""}).content.decode()
    assert nation.count("data-part=") == 18, "one chart per région"
    assert re.search(r"Normandie</th>(\s*<td>\d+</td>){5}\s*<td>20</td>", nation)
    region = analyst.get(url, {"region": "28", "departement": ""}).content.decode()
    assert region.count("data-part=") == 5, "one chart per département of Normandie"
    assert region.count("data-departement=") == 5, "the map zooms on Normandie's départements"
    departement = analyst.get(url, {"departement": "27"}).content.decode()
    assert 'data-part="Tribunal judiciaire d\'Évreux"' in departement.replace("&#x27;", "'")
    assert 'data-chart-table="carte-' not in departement, "no map of a single département"


@time_machine.travel(TODAY, tick=False)
def test_the_export_carries_each_territorys_figures(analyst, records):
    url = reverse("stats:indicator", args=["op-demandees"])
    body = analyst.get(url, {"region": "28", "departement": "", "format": "csv"}).content
    rows = list(csv.reader(io.StringIO(body.decode())))
    totals = {row[3]: row[5] for row in rows[1:] if row[4] == "2026"}
    assert totals == {
        "Région Normandie": "20",
        "14 Calvados": "5",
        "27 Eure": "15",
        "50 Manche": "0",
        "61 Orne": "0",
        "76 Seine-Maritime": "0",
    }
    document = analyst.get(url, {"region": "28", "departement": "", "format": "json"}).json()
    parts = document["indicateurs"][0]["par_territoire"]
    assert {part["territoire"]: part["total"] for part in parts}["27 Eure"] == 15
