"""An imported external level is stored as given, never recomputed; judgement needs reasons."""

import pytest

from egide.assessment.instruments import current_instrument
from egide.assessment.levels import DangerLevel
from egide.assessment.scoring import ScoringError, score


def viogen():
    return current_instrument("viogen-imported-level")


def judgement():
    return current_instrument("professional-judgement")


def test_an_external_level_maps_to_the_shared_scale():
    inputs = {"external_label": "alto", "external_reference": "VPR 2025-118"}
    result = score(viogen(), {}, inputs)
    assert result.level == DangerLevel.HIGH
    assert result.complete


def test_an_external_level_needs_its_reference():
    with pytest.raises(ScoringError):
        score(viogen(), {}, {"external_label": "alto"})


def test_an_unknown_external_label_is_refused():
    with pytest.raises(ScoringError):
        score(viogen(), {}, {"external_label": "muy alto", "external_reference": "x"})


def test_judgement_only_takes_the_professionals_level_with_reasons():
    inputs = {"judgement_level": "extreme", "judgement_reason": "Menaces de mort répétées."}
    assert score(judgement(), {}, inputs).level == DangerLevel.EXTREME


def test_judgement_without_reasons_is_refused():
    with pytest.raises(ScoringError):
        score(judgement(), {}, {"judgement_level": "high", "judgement_reason": ""})
