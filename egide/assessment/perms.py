"""Who may see and do what with assessments: exactly the permissions of the case file.

An assessment is visible when its case is, to members who read the whole file: answers speak
of the perpetrator, which a support-plan-only referral does not see. Running one, or overriding
its level, is editing the case. A downgrade is signed off by a supervisor. Until accounts model
a hierarchy, the supervisor is another member of the same agency acting in the same role (four
eyes): a second officer of the unit signs off an officer's downgrade, a second procureur of the
parquet a procureur's.
"""

from egide.cases.perms import (
    CASE_FILE_ROLES,
    Door,
    can_edit_case,
    can_view_case,
    case_access,
    visible_cases,
)

from .choices import OverrideDirection
from .models import Assessment, Override, ReassessmentTask


def visible_assessments(membership):
    return Assessment.objects.filter(case__in=visible_cases(membership))


def visible_tasks(membership):
    return ReassessmentTask.objects.filter(case__in=visible_cases(membership))


def may_assess(membership) -> bool:
    """Whether the member works with case files at all (the assessment list page)."""
    return membership is not None and membership.role in CASE_FILE_ROLES


def can_view_assessments_of(membership, case) -> bool:
    access = case_access(membership, case)
    return access is not None and access.whole_file


def can_view_assessment(membership, assessment) -> bool:
    return can_view_assessments_of(membership, assessment.case)


def is_break_glass(membership, case) -> bool:
    """A read through break-glass is flagged to the auditor."""
    access = case_access(membership, case)
    return access is not None and access.door == Door.BREAK_GLASS


def can_run_assessment(membership, case) -> bool:
    """Whoever changes the file assesses its danger, while the case is followed."""
    return can_edit_case(membership, case) and not case.is_closed


def can_override(membership, assessment) -> bool:
    return can_edit_case(membership, assessment.case)


def is_supervisor_for(membership, override) -> bool:
    return (
        membership is not None
        and membership.agency_id == override.agency_id
        and membership.role == override.author_role
        and membership.user_id != override.author_id
    )


def can_sign_off(membership, override) -> bool:
    return (
        override.awaiting_sign_off
        and is_supervisor_for(membership, override)
        and can_view_case(membership, override.assessment.case)
    )


def downgrades_to_sign_off(membership):
    """Downgrades awaiting this member's signature, on cases they may see."""
    if membership is None:
        return Override.objects.none()
    return (
        Override.objects.filter(
            direction=OverrideDirection.DOWNGRADE,
            sign_off__isnull=True,
            agency_id=membership.agency_id,
            author_role=membership.role,
            assessment__case__in=visible_cases(membership),
        )
        .exclude(author_id=membership.user_id)
        .select_related("assessment__case")
    )
