"""The AUU amount and form match the published figures and change exactly at each threshold."""

from datetime import date
from decimal import Decimal

import pytest

from egide.support.aid import estimate, multiplier_for
from egide.support.rules import ParameterNotInForce

NOV_2025 = date(2025, 11, 15)
DEC_2023 = date(2023, 12, 15)
SMIC_2025 = Decimal("1426.30")
CENT = Decimal("0.01")


@pytest.mark.parametrize(
    ("resources", "children", "on", "amount"),
    [
        # Published (Nov 2025): single person 258.61 € to 646.52 €.
        ("0", 0, NOV_2025, "646.52"),
        ("5000", 0, NOV_2025, "258.61"),
        # Published (Nov 2025): single with 3 children 568.94 € to 1,422.35 €.
        ("0", 3, NOV_2025, "1422.35"),
        ("9000", 3, NOV_2025, "568.94"),
        # Published (2023): single 243.10 € to 607.75 €.
        ("0", 0, DEC_2023, "607.75"),
        ("5000", 0, DEC_2023, "243.10"),
        # A single person between 50 % and 100 % of the SMIC.
        ("800", 0, NOV_2025, "517.22"),
        ("1000", 0, NOV_2025, "517.22"),
        ("1500", 0, NOV_2025, "387.91"),
    ],
)
def test_published_figures(resources, children, on, amount):
    assert estimate(Decimal(resources), children, on).amount == Decimal(amount)


@pytest.mark.parametrize(
    ("resources", "amount"),
    [
        ("713.15", "646.52"),  # exactly 50 % of the SMIC: no cut
        ("713.16", "517.22"),  # one cent above: −20 %
        ("1426.30", "517.22"),  # exactly 100 %: still −20 %
        ("1426.31", "387.91"),  # above: −40 %
        ("2139.45", "387.91"),  # exactly 150 %: still −40 %
        ("2139.46", "258.61"),  # above: −60 %
    ],
)
def test_resource_bands_edges_single_person(resources, amount):
    assert estimate(Decimal(resources), 0, NOV_2025).amount == Decimal(amount)


@pytest.mark.parametrize(
    ("children", "ratio"),
    [(0, "1.5"), (1, "2.25"), (2, "2.70"), (3, "3.30"), (4, "3.30"), (6, "3.30")],
)
def test_loan_only_when_resources_exceed_the_threshold(children, ratio):
    threshold = SMIC_2025 * Decimal(ratio)
    assert estimate(threshold, children, NOV_2025).form == "grant"
    assert estimate(threshold + CENT, children, NOV_2025).form == "loan"


@pytest.mark.parametrize(
    ("children", "multiplier", "base"),
    [
        (0, "1", "646.52"),
        (1, "1.5", "969.78"),
        (2, "1.8", "1163.74"),  # 1,163.736 rounded up
        (3, "2.2", "1422.35"),  # 1,422.344 rounded up
        (4, "2.6", "1680.96"),  # 1,680.952 rounded up
        (5, "3.0", "1939.56"),
    ],
)
def test_household_base_by_children(children, multiplier, base):
    assert multiplier_for(children) == Decimal(multiplier)
    result = estimate(Decimal("0"), children, NOV_2025)
    assert result.household_base == Decimal(base)
    assert result.amount == Decimal(base)


def test_parameters_follow_the_dates():
    assert estimate(Decimal("0"), 0, date(2024, 3, 31)).amount == Decimal("607.75")
    assert estimate(Decimal("0"), 0, date(2024, 4, 1)).amount == Decimal("635.71")
    assert estimate(Decimal("0"), 0, date(2025, 4, 1)).amount == Decimal("646.52")
    # SMIC of 1 January: 2024's 50 % is 699.345 €.
    assert estimate(Decimal("699.34"), 0, date(2024, 6, 1)).amount == Decimal("635.71")
    assert estimate(Decimal("699.35"), 0, date(2024, 6, 1)).amount == Decimal("508.57")


def test_a_date_before_the_aid_existed_is_an_error():
    with pytest.raises(ParameterNotInForce, match="2023-12-01"):
        estimate(Decimal("0"), 0, date(2023, 11, 30))


def test_negative_input_is_refused():
    with pytest.raises(ValueError):
        estimate(Decimal("-1"), 0, NOV_2025)
    with pytest.raises(ValueError):
        estimate(Decimal("0"), -1, NOV_2025)


def test_stale_parameters_are_flagged():
    assert estimate(Decimal("0"), 0, NOV_2025).warnings == []
    assert len(estimate(Decimal("0"), 0, date(2026, 5, 1)).warnings) == 2
