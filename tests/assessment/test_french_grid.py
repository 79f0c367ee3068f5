"""The reconstructed French police grid: 12 "yes" and/or 2 red answers = danger caractérisé."""

from egide.assessment.levels import DangerLevel
from egide.assessment.scoring import score

from .helpers import first_ids, grid, sheet


def test_the_grid_has_23_questions_in_3_sections_with_5_red():
    instrument = grid()
    assert len(instrument.items) == 23
    assert [section.id for section in instrument.sections] == ["victim", "perpetrator", "context"]
    assert sum(item.is_red for item in instrument.items) == 5
    assert instrument.item("p_firearms").is_red


def test_11_yes_without_red_is_not_established_danger():
    answers = sheet(grid(), yes=first_ids(grid(), 11, red=False))
    assert score(grid(), answers).level == DangerLevel.STANDARD


def test_12_yes_is_established_danger():
    answers = sheet(grid(), yes=first_ids(grid(), 12, red=False))
    result = score(grid(), answers)
    assert result.level == DangerLevel.HIGH
    assert [f.rule for f in result.findings if f.state == "met"] == ["twelve_yes"]


def test_one_red_answer_alone_is_not_established_danger():
    answers = sheet(grid(), yes=["p_firearms"])
    assert score(grid(), answers).level == DangerLevel.STANDARD


def test_two_red_answers_are_established_danger():
    answers = sheet(grid(), yes=["p_firearms", "c_separation"])
    result = score(grid(), answers)
    assert result.level == DangerLevel.HIGH
    assert [f.rule for f in result.findings if f.state == "met"] == ["two_red"]


def test_the_grid_never_claims_to_be_official():
    instrument = grid()
    assert instrument.official is False
    assert instrument.verification["placeholder_items_9"] == "unverified"
    assert instrument.verification["rule_12_yes_or_2_red"] == "one_source"
    assert sum(item.reconstructed for item in instrument.items) == 9
    assert all(item.verification == "unverified" for item in instrument.items if item.reconstructed)
    assert "PAS la grille officielle" in instrument.notice.fr
