"""LAP lethality screen: any yes to Q1–Q3, or 4 yes among Q4–Q11, or the officer's belief."""

import pytest

from egide.assessment.levels import DangerLevel
from egide.assessment.scoring import ScoringError, score

from .helpers import lap, sheet

Q4_Q11 = ["q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11"]


def met_rules(result):
    return [finding.rule for finding in result.findings if finding.state == "met"]


@pytest.mark.parametrize("question", ["q1", "q2", "q3"])
def test_a_single_yes_to_q1_q3_screens_in(question):
    result = score(lap(), sheet(lap(), yes=[question]))
    assert result.level == DangerLevel.HIGH
    assert met_rules(result) == ["any_q1_q3"]


def test_three_yes_among_q4_q11_do_not_screen_in():
    result = score(lap(), sheet(lap(), yes=Q4_Q11[:3]))
    assert result.level == DangerLevel.STANDARD
    assert met_rules(result) == []


def test_four_yes_among_q4_q11_screen_in():
    result = score(lap(), sheet(lap(), yes=Q4_Q11[-4:]))
    assert result.level == DangerLevel.HIGH
    assert met_rules(result) == ["four_of_q4_q11"]


def test_the_officer_may_screen_in_on_belief_alone_and_the_path_says_so():
    inputs = {"assessor_belief": True, "belief_reason": "Elle tremble et refuse de rentrer."}
    result = score(lap(), sheet(lap()), inputs)
    assert result.level == DangerLevel.HIGH
    assert met_rules(result) == ["assessor_belief"]


def test_a_belief_needs_written_reasons():
    with pytest.raises(ScoringError):
        score(lap(), sheet(lap()), {"assessor_belief": True, "belief_reason": "  "})


def test_every_path_that_applies_is_recorded():
    result = score(lap(), sheet(lap(), yes=["q1", *Q4_Q11[:4]]))
    assert met_rules(result) == ["any_q1_q3", "four_of_q4_q11"]
