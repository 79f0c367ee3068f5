"""The risk factors a review looks for name real items of the shipped instruments, and the
dated rules apply to every date a case of the platform can have."""

from datetime import date, timedelta

import pytest

from egide.assessment.instruments import current_instrument
from egide.reviews import rules
from egide.reviews.risk_factors import RISK_FACTORS, known_factors


@pytest.mark.parametrize("factor", RISK_FACTORS, ids=lambda factor: factor.code)
def test_every_item_of_a_risk_factor_exists_in_its_instrument(factor):
    for instrument_id, item_id in factor.items:
        assert current_instrument(instrument_id).item(item_id)


def test_a_yes_makes_the_factor_known_an_unknown_does_not():
    answers = {"q1": "yes", "q5": "unknown", "q2": "no"}
    known = known_factors("lap-lethality-screen", answers, "yes")
    assert [factor.code for factor in known] == ["weapon"]


def test_the_delays_in_force():
    assert rules.unprotected_delay(date(2026, 6, 1)) == timedelta(days=2)
    assert rules.risk_factor_delay(date(2026, 6, 1)) == timedelta(days=7)
