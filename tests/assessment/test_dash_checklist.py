"""DASH: MARAC referral at 14 "yes", on escalation, or on professional judgement (raise only)."""

import pytest

from egide.assessment.levels import DangerLevel
from egide.assessment.overrides import OverrideRefused, override_direction
from egide.assessment.scoring import score

from .helpers import dash, first_ids, sheet


def test_the_checklist_has_24_questions():
    assert len(dash().items) == 24


def test_13_yes_do_not_call_for_a_referral():
    result = score(dash(), sheet(dash(), yes=first_ids(dash(), 13)), {"recent_incidents": 0})
    assert result.level == DangerLevel.STANDARD


def test_14_yes_call_for_a_marac_referral():
    result = score(dash(), sheet(dash(), yes=first_ids(dash(), 14)), {"recent_incidents": 0})
    assert result.level == DangerLevel.HIGH
    assert [f.rule for f in result.findings if f.state == "met"] == ["marac_threshold"]


@pytest.mark.parametrize(("incidents", "level"), [(2, "standard"), (3, "high")])
def test_escalation_at_3_incidents_in_12_months(incidents, level):
    result = score(dash(), sheet(dash()), {"recent_incidents": incidents})
    assert result.level == level
    assert result.complete


def test_an_unknown_number_of_incidents_leaves_the_result_incomplete():
    result = score(dash(), sheet(dash()), {})
    assert result.level == DangerLevel.STANDARD
    assert result.possible_level == DangerLevel.HIGH


def test_professional_judgement_may_refer_below_14_with_written_reasons():
    direction = override_direction(
        dash(), DangerLevel.STANDARD, DangerLevel.HIGH, "Strangulation récente, peur intense."
    )
    assert direction == "raise"


def test_professional_judgement_below_14_needs_reasons():
    with pytest.raises(OverrideRefused):
        override_direction(dash(), DangerLevel.STANDARD, DangerLevel.HIGH, "")


def test_14_yes_can_never_be_downgraded():
    with pytest.raises(OverrideRefused):
        override_direction(
            dash(), DangerLevel.HIGH, DangerLevel.MEDIUM, "Elle minimise, mais raison écrite."
        )
