"""Statistical secrecy: small counts are hidden, and no hidden count can be worked out again
from totals, from a year and its months, or from overlapping territories."""

from collections import Counter
from dataclasses import astuple
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egide.stats.forms import FIRST_YEAR
from egide.stats.measures import Scope
from egide.stats.opendata import published, tree
from egide.stats.rules import secrecy_threshold
from egide.stats.secrecy import Status, protect

from .attacks import every_attack, hidden, read

THRESHOLD = 11
SCOPE = Scope(year=2026, today=date(2026, 4, 30))
COURTS = {1: "Évreux", 2: "Bernay", 3: "Caen", 4: "Paris", 5: "Nanterre", 6: "Rouen"}
TERRITORIES = [("27", 1), ("27", 2), ("27", None), ("14", 3)]


def publish(atoms) -> dict:
    cells, relations = tree(atoms, SCOPE)
    status = protect(cells, relations, THRESHOLD)
    rows = [astuple(row) for row in published("op", cells, status, THRESHOLD, COURTS)]
    return read(rows), cells


def truth(cells) -> dict:
    """The true value of each published key, to compare with what an attack finds."""
    names = {**COURTS}
    found = {}
    for (rank, region, dep, court, period), value in cells.items():
        level = ("national", "region", "departement", "tribunal")[rank]
        name = "" if rank < 3 else names.get(court, "Sans tribunal")
        found[("op", level, region, dep, name, period)] = value
    return found


def atoms_of(counts: dict) -> Counter:
    return Counter(
        {(dep, court, date(2026, month, 1)): n for (dep, court, month), n in counts.items() if n}
    )


def test_the_threshold_is_eleven_with_its_source():
    assert secrecy_threshold(date(2026, 1, 1)) == 11


def test_counts_from_one_to_ten_are_hidden_zero_and_eleven_are_published():
    table, _cells = publish(
        atoms_of(
            {
                ("27", 1, 1): 10,
                ("27", 1, 2): 11,
                ("27", 1, 3): 30,
                ("27", 1, 4): 1,
                ("27", 2, 1): 20,
            }
        )
    )
    court = ("op", "tribunal", "28", "27", "Évreux")
    assert table[(*court, "2026-01")] == "< 11"
    assert table[(*court, "2026-04")] == "< 11"
    assert table[(*court, "2026-02")] == 11 or table[(*court, "2026-02")] == "secret"
    assert table[(*court, "2026-03")] == 30 or table[(*court, "2026-03")] == "secret"
    assert table[("op", "tribunal", "28", "27", "Bernay", "2026-02")] == 0


def test_a_small_month_cannot_be_recovered_from_the_year_total():
    # Évreux: 40, 35, 3 (hidden), 50 → the year alone would give March back.
    table, cells = publish(
        atoms_of({("27", 1, 1): 40, ("27", 1, 2): 35, ("27", 1, 3): 3, ("27", 1, 4): 50})
    )
    court = ("op", "tribunal", "28", "27", "Évreux")
    assert table[(*court, "2026-03")] == "< 11"
    assert (
        sum(
            not isinstance(table[(*court, m)], int)
            for m in ("2026-01", "2026-02", "2026-03", "2026-04", "2026")
        )
        >= 2
    )
    assert not every_attack(table)


def test_a_small_court_cannot_be_recovered_from_its_departement_or_the_nation():
    table, _cells = publish(
        atoms_of(
            {
                ("27", 1, 1): 60,
                ("27", 2, 1): 4,
                ("14", 3, 1): 25,
                ("27", 1, 2): 45,
                ("27", 2, 2): 30,
                ("14", 3, 2): 40,
            }
        )
    )
    assert table[("op", "tribunal", "28", "27", "Bernay", "2026-01")] == "< 11"
    assert not every_attack(table)


def test_secondary_cells_are_marked_secret_not_as_small():
    table, cells = publish(atoms_of({("27", 1, 1): 40, ("27", 1, 2): 3}))
    real = truth(cells)
    secret = [key for key, value in table.items() if value == "secret"]
    assert secret and all(real[key] >= THRESHOLD for key in secret)


COUNT = st.one_of(st.integers(0, 12), st.integers(0, 80))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(COUNT, min_size=16, max_size=16))
def test_no_attack_recovers_a_hidden_cell(counts):
    keys = [(dep, court, month) for dep, court in TERRITORIES for month in range(1, 5)]
    table, cells = publish(atoms_of(dict(zip(keys, counts, strict=True))))
    real = truth(cells)
    assert all(
        not (isinstance(value, int) and 0 < value < THRESHOLD) for value in table.values()
    ), "a small count is published"
    recovered = every_attack(table)
    assert not recovered, {key: (found, real[key]) for key, found in recovered.items()}
    assert all(real[key] >= 0 for key in hidden(table))


def test_the_result_is_the_same_each_time():
    atoms = atoms_of({("27", 1, 1): 40, ("27", 2, 1): 3, ("14", 3, 2): 7, ("27", None, 3): 12})
    first = protect(*tree(atoms, SCOPE), THRESHOLD)
    assert all(protect(*tree(atoms, SCOPE), THRESHOLD) == first for _ in range(3))
    assert Status.SECONDARY in first.values()


def test_the_attacks_do_recover_cells_hidden_by_the_primary_rule_alone():
    atoms = atoms_of({("27", 1, 1): 40, ("27", 2, 1): 3, ("14", 3, 1): 25, ("27", 1, 2): 12})
    cells, _relations = tree(atoms, SCOPE)
    primary_only = {
        key: Status.PRIMARY if 0 < value < THRESHOLD else Status.PUBLISHED
        for key, value in cells.items()
    }
    rows = [astuple(row) for row in published("op", cells, primary_only, THRESHOLD, COURTS)]
    recovered = every_attack(read(rows))
    assert recovered[("op", "tribunal", "28", "27", "Bernay", "2026-01")] == 3


def test_the_rule_applies_to_every_year_egide_publishes():
    assert secrecy_threshold(date(FIRST_YEAR, 1, 1)) == 11


# Two régions of two départements each: Normandie (Eure, with two courts; Calvados) and
# Île-de-France (Paris; Hauts-de-Seine).
REGIONS = [("27", 1), ("27", 2), ("14", 3), ("75", 4), ("92", 5)]


def test_a_small_departement_cannot_be_recovered_from_its_region_and_its_neighbours():
    # Calvados: 4 in January; the région's total less the Eure would give it back.
    table, _cells = publish(
        atoms_of({("27", 1, 1): 60, ("27", 2, 1): 30, ("14", 3, 1): 4, ("75", 4, 1): 80})
    )
    assert table[("op", "departement", "28", "14", "", "2026-01")] == "< 11"
    assert not every_attack(table)


def test_the_region_rows_are_the_sums_of_their_departements():
    atoms = {("27", 1, 1): 60, ("14", 3, 1): 40, ("75", 4, 1): 80, ("92", 5, 1): 20}
    table, cells = publish(atoms_of(atoms))
    assert table[("op", "region", "28", "", "", "2026-01")] == 100
    assert table[("op", "region", "11", "", "", "2026")] == 100
    assert table[("op", "national", "", "", "", "2026")] == 200


def test_a_region_row_that_would_repeat_another_row_is_not_published():
    only_normandie, _cells = publish(atoms_of({("27", 1, 1): 60, ("14", 3, 1): 40}))
    assert not [key for key in only_normandie if key[1] == "region"], "it is the nation's"
    one_each, _cells = publish(atoms_of({("27", 1, 1): 60, ("14", 3, 1): 40, ("75", 4, 1): 80}))
    assert ("op", "region", "28", "", "", "2026") in one_each
    assert ("op", "region", "11", "", "", "2026") not in one_each, "it is Paris's"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(COUNT, min_size=15, max_size=15))
def test_no_attack_across_regions_departements_and_courts_recovers_a_hidden_cell(counts):
    keys = [(dep, court, month) for dep, court in REGIONS for month in range(1, 4)]
    table, cells = publish(atoms_of(dict(zip(keys, counts, strict=True))))
    real = truth(cells)
    assert not any(isinstance(v, int) and 0 < v < THRESHOLD for v in table.values())
    recovered = every_attack(table)
    assert not recovered, {key: (found, real[key]) for key, found in recovered.items()}


def test_figures_without_a_court_have_no_court_rows():
    atoms = atoms_of({("27", None, 1): 30, ("14", None, 1): 5})
    cells, _relations = tree(atoms, SCOPE, by_court=False)
    assert {key[0] for key in cells} == {0, 2}, "no court rows (nor a région repeating France)"
