""" "Unknown" is never "no" and never "yes": the result says "at least X" and what is missing."""

from egide.assessment.instruments import NOT_ASKED
from egide.assessment.levels import DangerLevel
from egide.assessment.scoring import score

from .helpers import dash, first_ids, grid, lap, sheet


def test_unknown_answers_do_not_count_as_yes():
    result = score(lap(), sheet(lap(), unknown=["q1", "q2", "q3"]))
    assert result.level == DangerLevel.STANDARD


def test_unknown_answers_that_could_reach_a_threshold_make_the_result_incomplete():
    result = score(lap(), sheet(lap(), unknown=["q1"]))
    assert not result.complete
    assert result.possible_level == DangerLevel.HIGH
    possible = [f for f in result.findings if f.state == "possible"]
    assert [(f.rule, f.missing) for f in possible] == [("any_q1_q3", 1)]


def test_unknowns_that_cannot_change_the_level_leave_the_result_complete():
    result = score(lap(), sheet(lap(), yes=["q1"], unknown=["q4", "q5"]))
    assert result.level == DangerLevel.HIGH
    assert result.complete


def test_the_french_grid_with_11_yes_and_one_unknown_is_at_least_standard_possibly_high():
    yes = first_ids(grid(), 11, red=False)
    unknown = first_ids(grid(), 12, red=False)[11:]
    result = score(grid(), sheet(grid(), yes=yes, unknown=unknown))
    assert (result.level, result.possible_level) == (DangerLevel.STANDARD, DangerLevel.HIGH)


def test_questions_left_out_are_not_asked_not_no():
    result = score(dash(), {}, {"recent_incidents": 0})
    assert result.possible_level == DangerLevel.HIGH
    finding = next(f for f in result.findings if f.rule == "marac_threshold")
    assert finding.missing == 24


def test_not_asked_counts_as_missing_like_unknown():
    answers = sheet(lap(), yes=["q4", "q5", "q6"])
    answers["q7"] = NOT_ASKED
    assert score(lap(), answers).possible_level == DangerLevel.HIGH
