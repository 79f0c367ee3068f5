"""The public open-data files: counts under statistical secrecy, for anyone, reproducible."""

import csv
import io
import json

import pytest
import time_machine
from django.urls import reverse

from .attacks import every_attack, hidden, read
from .factories import DAY, orders, paris, two_courts_and_another_departement

pytestmark = pytest.mark.django_db
TODAY = "2026-05-15 12:00 +0200"


@pytest.fixture
def records():
    evreux, bernay, caen = two_courts_and_another_departement()
    for month, (in_evreux, in_bernay, in_caen) in {
        1: (14, 2, 30),
        2: (25, 12, 4),
        3: (12, 3, 5),
        4: (0, 16, 22),
    }.items():
        orders(evreux, in_evreux, paris(2026, month, 10))
        orders(bernay, in_bernay, paris(2026, month, 11))
        orders(caen, in_caen, paris(2026, month, 12))
    orders(evreux, 13, paris(2026, 4, 1), heard_after=DAY, decided_after=2 * DAY)
    return evreux, bernay, caen


def published_rows(client):
    response = client.get(reverse("stats:open_data_csv"), {"annee": 2026})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))[1:]


@time_machine.travel(TODAY, tick=False)
def test_anyone_downloads_the_counts_without_signing_in(client, records):
    rows = published_rows(client)
    national = {r[5]: r[6] for r in rows if r[0] == "op-demandees" and r[1] == "national"}
    assert national["2026-01"] == "46" and national["2026"] == "158"
    bernay = {r[5]: r[6] for r in rows if r[0] == "op-demandees" and r[4].endswith("Bernay")}
    assert bernay["2026-01"] == "< 11" and bernay["2026-03"] == "< 11"
    assert bernay["2026-04"] in ("16", "secret")


@time_machine.travel(TODAY, tick=False)
def test_no_hidden_count_is_recovered_from_totals_months_or_territories(client, records):
    rows = published_rows(client)
    for indicator in {row[0] for row in rows}:
        table = read([row for row in rows if row[0] == indicator])
        assert not every_attack(table), indicator
    table = read([row for row in rows if row[0] == "op-demandees"])
    assert len(hidden(table)) >= 4
    assert not any(value.isdigit() and 0 < int(value) < 11 for *_key, value in rows), (
        "a count under 11 is published"
    )


@time_machine.travel(TODAY, tick=False)
def test_the_same_records_on_the_same_day_give_the_same_file(client, records):
    first_csv = client.get(reverse("stats:open_data_csv")).content
    first_json = client.get(reverse("stats:open_data_json")).content
    assert client.get(reverse("stats:open_data_csv")).content == first_csv
    assert client.get(reverse("stats:open_data_json")).content == first_json
    client.cookies["django_language"] = "en"
    assert (
        client.get(reverse("stats:open_data_csv"), HTTP_ACCEPT_LANGUAGE="en").content == first_csv
    )


@time_machine.travel(TODAY, tick=False)
def test_the_json_file_says_its_rule_and_carries_no_case(client, records):
    body = client.get(reverse("stats:open_data_json")).content.decode()
    document = json.loads(body)
    assert document["secret_statistique"]["seuil"] == 11
    assert "CASD" in document["secret_statistique"]["source"]
    assert {"< 11", "secret"} <= set(document["secret_statistique"]["legende"])
    assert records[0].reference not in body


def test_an_unknown_year_is_refused(client):
    response = client.get(reverse("stats:open_data_csv"), {"annee": "1990"})
    assert response.status_code == 400
    assert "Année" in response.json()["detail"]


@time_machine.travel(TODAY, tick=False)
def test_a_new_record_changes_the_file_the_same_day(client, records):
    before = client.get(reverse("stats:open_data_csv")).content
    orders(records[1], 1, paris(2026, 4, 12))
    after = client.get(reverse("stats:open_data_csv")).content
    assert after != before
    rows = list(csv.reader(io.StringIO(after.decode())))
    national = {r[5]: r[6] for r in rows if r[0] == "op-demandees" and r[1] == "national"}
    assert national["2026"] == "159"
