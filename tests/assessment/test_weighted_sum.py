"""Weighted sum and count strategies, with fictitious test data (no real instrument's weights)."""

import pytest

from egide.assessment.instruments import current_instrument
from egide.assessment.levels import DangerLevel
from egide.assessment.scoring import score

from .helpers import sheet


@pytest.fixture
def weighted(test_instruments):
    return current_instrument("test-weighted")


@pytest.mark.parametrize(
    ("yes", "level"),
    [
        ((), DangerLevel.STANDARD),
        (("b",), DangerLevel.STANDARD),  # 3, just under the medium band (4)
        (("a",), DangerLevel.MEDIUM),  # 4, the medium band's floor
        (("a", "c"), DangerLevel.MEDIUM),  # 6
        (("a", "b"), DangerLevel.HIGH),  # 7, the high band's floor
        (("a", "b", "d"), DangerLevel.MEDIUM),  # 6: a protective answer takes 1 away
        (("a", "b", "c"), DangerLevel.EXTREME),  # 9
    ],
)
def test_bands_at_their_boundaries(weighted, yes, level):
    assert score(weighted, sheet(weighted, yes=yes)).level == level


def test_unknown_weighs_between_its_lightest_and_heaviest_answer(weighted):
    result = score(weighted, sheet(weighted, yes=["a"], unknown=["b", "d"]))
    finding = result.findings[0]
    assert (finding.count, finding.upper) == (3, 7)  # d unknown: -1..0; b unknown: 0..3
    assert (result.level, result.possible_level) == (DangerLevel.STANDARD, DangerLevel.HIGH)


def test_count_strategy_bands(test_instruments):
    counting = current_instrument("test-count")
    assert score(counting, sheet(counting, yes=["a"])).level == DangerLevel.STANDARD
    assert score(counting, sheet(counting, yes=["a", "b"])).level == DangerLevel.MEDIUM
    assert score(counting, sheet(counting, yes=["a", "b", "d"])).level == DangerLevel.HIGH
