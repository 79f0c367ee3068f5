"""Professional override: direction set by the instrument, written reason, sign-off to downgrade."""

import pytest
from django.core.exceptions import PermissionDenied

from egide.accounts.roles import Role
from egide.assessment import services
from egide.assessment.levels import DangerLevel
from egide.assessment.models import Assessment, ImmutableRecordError
from egide.assessment.overrides import OverrideRefused
from tests.factories import MembershipFactory

from .helpers import acting, first_ids, grid, lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db
REASON = "Elle a retiré sa plainte sous la menace ; je la revois demain."


def high_grid_assessment():
    officer, case = officer_and_case()
    answers = sheet(grid(), yes=first_ids(grid(), 2, red=True))
    return officer, record(officer, case, grid(), answers=answers)


def colleague_of(membership):
    return MembershipFactory(role=membership.role, agency=membership.agency)


def test_a_raise_takes_effect_at_once():
    officer, case = officer_and_case()
    assessment = record(officer, case, lap())
    services.record_override(acting(officer), assessment, level="high", reason=REASON)
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert (assessment.computed_level, assessment.final_level) == ("standard", "high")
    assert assessment.override.author == officer.user
    assert assessment.override.author_role == Role.POLICE_OFFICER


def test_a_raise_only_instrument_refuses_a_downgrade():
    officer, case = officer_and_case()
    assessment = record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    with pytest.raises(OverrideRefused):
        services.record_override(acting(officer), assessment, level="medium", reason=REASON)


def test_an_override_needs_a_written_reason():
    officer, case = officer_and_case()
    assessment = record(officer, case, lap())
    with pytest.raises(OverrideRefused):
        services.record_override(acting(officer), assessment, level="high", reason="   ")


def test_a_downgrade_waits_for_a_supervisor_before_it_applies():
    officer, assessment = high_grid_assessment()
    override = services.record_override(
        acting(officer), assessment, level=DangerLevel.MEDIUM, reason=REASON
    )
    assert override.awaiting_sign_off
    assert Assessment.objects.get(pk=assessment.pk).final_level == DangerLevel.HIGH


def test_a_supervisor_approval_applies_the_downgrade():
    officer, assessment = high_grid_assessment()
    override = services.record_override(acting(officer), assessment, level="medium", reason=REASON)
    services.sign_off(acting(colleague_of(officer)), override, approve=True)
    assert Assessment.objects.get(pk=assessment.pk).final_level == DangerLevel.MEDIUM


def test_a_refused_downgrade_leaves_the_computed_level():
    officer, assessment = high_grid_assessment()
    override = services.record_override(acting(officer), assessment, level="medium", reason=REASON)
    services.sign_off(acting(colleague_of(officer)), override, approve=False, comment="Non.")
    assert Assessment.objects.get(pk=assessment.pk).final_level == DangerLevel.HIGH


def test_the_author_cannot_sign_off_their_own_downgrade():
    officer, assessment = high_grid_assessment()
    override = services.record_override(acting(officer), assessment, level="medium", reason=REASON)
    with pytest.raises(PermissionDenied):
        services.sign_off(acting(officer), override, approve=True)


def test_a_member_of_another_agency_cannot_sign_off():
    officer, assessment = high_grid_assessment()
    override = services.record_override(acting(officer), assessment, level="medium", reason=REASON)
    with pytest.raises(PermissionDenied):
        services.sign_off(acting(MembershipFactory(role=officer.role)), override, approve=True)


def test_an_assessment_takes_one_override_and_a_decision_is_final():
    officer, assessment = high_grid_assessment()
    override = services.record_override(acting(officer), assessment, level="medium", reason=REASON)
    with pytest.raises(OverrideRefused):
        services.record_override(acting(officer), assessment, level="standard", reason=REASON)
    signed = services.sign_off(acting(colleague_of(officer)), override, approve=True)
    signed.decision = "refused"
    with pytest.raises(ImmutableRecordError):
        signed.save()


def test_current_level_in_queries_matches_the_final_level():
    officer, assessment = high_grid_assessment()
    override = services.record_override(acting(officer), assessment, level="medium", reason=REASON)
    annotated = Assessment.objects.with_current_level().get(pk=assessment.pk)
    assert annotated.current_level == DangerLevel.HIGH
    services.sign_off(acting(colleague_of(officer)), override, approve=True)
    annotated = Assessment.objects.with_current_level().get(pk=assessment.pk)
    assert annotated.current_level == DangerLevel.MEDIUM
