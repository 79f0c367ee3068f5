"""Assessments are immutable: re-scoring creates a new record."""

import pytest

from egide.assessment.models import Assessment, ImmutableRecordError

from .helpers import lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db


def test_a_saved_assessment_cannot_be_changed():
    officer, case = officer_and_case()
    assessment = record(officer, case, lap())
    assessment.computed_level = "extreme"
    with pytest.raises(ImmutableRecordError):
        assessment.save()


def test_assessments_cannot_be_updated_or_deleted_in_bulk():
    officer, case = officer_and_case()
    assessment = record(officer, case, lap())
    with pytest.raises(ImmutableRecordError):
        Assessment.objects.filter(pk=assessment.pk).update(computed_level="extreme")
    with pytest.raises(ImmutableRecordError):
        Assessment.objects.filter(pk=assessment.pk).delete()
    with pytest.raises(ImmutableRecordError):
        assessment.delete()


def test_re_scoring_creates_a_new_record_and_keeps_the_first():
    officer, case = officer_and_case()
    first = record(officer, case, lap())
    second = record(officer, case, lap(), answers=sheet(lap(), yes=["q3"]))
    assert first.pk != second.pk
    assert Assessment.objects.get(pk=first.pk).computed_level == "standard"
    assert Assessment.objects.get(pk=second.pk).computed_level == "high"
