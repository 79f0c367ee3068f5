"""Recording an assessment: the exact instrument version, the result, the victim's fear, audit."""

import pytest

from egide.assessment.instruments import current_instrument
from egide.assessment.levels import DangerLevel
from egide.assessment.models import Assessment
from egide.audit.models import AuditEntry

from .helpers import lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db


def test_an_assessment_points_to_the_exact_instrument_version_and_checksum():
    officer, case = officer_and_case()
    assessment = record(officer, case, lap(), answers=sheet(lap(), yes=["q2"]), victim_fear=8)
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert (assessment.instrument_id, assessment.instrument_version) == (
        "lap-lethality-screen",
        "1",
    )
    assert assessment.instrument_sha256 == lap().sha256
    assert assessment.computed_level == assessment.final_level == DangerLevel.HIGH
    assert assessment.victim_fear == 8
    assert [f["rule"] for f in assessment.findings if f["state"] == "met"] == ["any_q1_q3"]


def test_the_belief_path_is_recorded_with_its_reason():
    officer, case = officer_and_case()
    inputs = {"assessor_belief": True, "belief_reason": "Elle a peur de rentrer ce soir."}
    assessment = record(officer, case, lap(), inputs=inputs)
    assert assessment.inputs == inputs
    assert assessment.computed_level == DangerLevel.HIGH


def test_an_external_level_is_stored_as_given_and_not_recomputed():
    officer, case = officer_and_case()
    viogen = current_instrument("viogen-imported-level")
    inputs = {"external_label": "extremo", "external_reference": "VPR-9", "stray": "ignored"}
    assessment = record(officer, case, viogen, answers={}, inputs=inputs)
    assert assessment.inputs == {"external_label": "extremo", "external_reference": "VPR-9"}
    assert assessment.answers == {}
    assert assessment.computed_level == DangerLevel.EXTREME


def test_recording_is_audited_with_field_names_only():
    officer, case = officer_and_case()
    assessment = record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    entry = AuditEntry.objects.get(object_type="assessment.assessment")
    assert entry.object_id == str(assessment.pk)
    assert "answers" in entry.fields
    assert "yes" not in str(entry.fields)


def test_the_timeline_says_an_assessment_was_made():
    officer, case = officer_and_case()
    record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    assert case.timeline.filter(kind="assessment").count() == 1
