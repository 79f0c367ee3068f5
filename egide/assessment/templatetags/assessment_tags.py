"""Template helpers: the case panel's figures and the colour of a level."""

from django import template
from django.utils import timezone

from egide.assessment import perms, services
from egide.assessment.levels import DangerLevel
from egide.assessment.measures import Measure

register = template.Library()

LEVEL_BADGES = {
    DangerLevel.STANDARD: "fr-badge--info",
    DangerLevel.MEDIUM: "fr-badge--warning",
    DangerLevel.HIGH: "fr-badge--error",
    DangerLevel.EXTREME: "fr-badge--error",
}


@register.filter
def level_badge(level: str) -> str:
    return LEVEL_BADGES.get(level, "")


@register.filter
def level_label(level: str) -> str:
    return DangerLevel(level).label if level in DangerLevel.values else ""


@register.simple_tag
def danger_panel(case, membership) -> dict:
    """The case page's danger panel: current level, its date, next deadline, measures."""
    assessment = services.latest_assessment(case)
    task = services.next_reassessment(case)
    panel = {
        "assessment": assessment,
        "task": task,
        "overdue": task is not None and task.due_at < timezone.now(),
        "can_run": perms.can_run_assessment(membership, case),
    }
    if assessment is not None:
        policy = assessment.instrument.policy(assessment.final_level)
        panel["mandatory"] = [Measure(code) for code in policy.mandatory]
        panel["complementary"] = [Measure(code) for code in policy.complementary]
    return panel
