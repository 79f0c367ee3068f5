"""`egide bench cases` seeds, measures and ends with one JSON line (timings are not checked)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from egide.cases.models import Case, Person, TimelineEntry
from egide.cases.search_keys import name_key

pytestmark = pytest.mark.django_db


def test_bench_refuses_without_fill():
    with pytest.raises(CommandError, match="--fill"):
        call_command("bench", "cases", "--cases", "3")
    assert not Case.objects.exists()


def test_bench_seeds_and_prints_figures_as_json():
    out = StringIO()
    call_command(
        "bench",
        "cases",
        "--fill",
        "--cases",
        "30",
        "--timeline-per-case",
        "2",
        "--samples",
        "3",
        stdout=out,
    )
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert {"case_list", "case_page", "person_search"} <= figures.keys()
    for endpoint in ("case_list", "case_page", "person_search"):
        assert figures[endpoint].keys() == {"p50_ms", "p95_ms"}
    assert figures["cases"] == 30
    assert figures["timeline_entries"] == 60
    assert Case.objects.count() == 30
    assert TimelineEntry.objects.count() == 60
    person = Person.objects.first()
    assert person.last_name_key == name_key(person.last_name)  # searchable like the real code


def test_bench_refuses_a_database_holding_cases():
    call_command("bench", "cases", "--fill", "--cases", "2", "--samples", "1", stdout=StringIO())
    with pytest.raises(CommandError, match="already holds cases"):
        call_command("bench", "cases", "--fill", "--cases", "2", stdout=StringIO())


def test_bench_measures_again_the_data_it_filled():
    call_command("bench", "cases", "--fill", "--cases", "4", "--samples", "1", stdout=StringIO())
    out = StringIO()
    call_command("bench", "cases", "--measure-again", "--samples", "2", stdout=out)
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert figures["cases"] == 4
    assert figures["case_list"].keys() == {"p50_ms", "p95_ms"}
    assert Case.objects.count() == 4  # nothing seeded twice


def test_bench_refuses_to_measure_a_database_it_did_not_fill():
    with pytest.raises(CommandError, match="not filled"):
        call_command("bench", "cases", "--measure-again", stdout=StringIO())
