"""What the assessment plugs into the extension points: its worklists on the home page of the
roles that run assessments, re-assessments on case events, the instruments' system check."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.accounts.roles import Role
from egide.cases import signals as case_signals
from egide.cases.perms import visible_cases
from egide.web import worklists

from . import checks, perms, services
from .choices import Trigger
from .levels import DangerLevel

# Tasks due within this horizon show on the worklist before they become overdue.
DUE_SOON = timedelta(days=2)
SHOWN = 10
ASSESSOR_ROLES = (Role.POLICE_OFFICER, Role.PROSECUTOR)


def _due_label(task) -> str:
    when = date_format(timezone.localtime(task.due_at), "SHORT_DATETIME_FORMAT")
    if task.is_overdue:
        return _("En retard : à faire avant le %(date)s") % {"date": when}
    return _("À faire avant le %(date)s") % {"date": when}


def reassessments_due(request) -> worklists.Worklist:
    horizon = timezone.now() + DUE_SOON
    tasks = (
        perms.visible_tasks(request.membership)
        .due()
        .filter(due_at__lt=horizon)
        .select_related("case")
        .order_by("due_at")[:SHOWN]
    )
    items = [
        worklists.Item(
            f"{task.case} — {task.get_trigger_display()}",
            reverse("assessment:case", args=[task.case_id]),
            _due_label(task),
        )
        for task in tasks
    ]
    return worklists.Worklist(
        gettext_lazy("Réévaluations du danger à faire"), items, reverse("assessment:list")
    )


def high_danger_unprotected(request) -> worklists.Worklist:
    cases = services.high_danger_without_protection(visible_cases(request.membership))
    items = [
        worklists.Item(str(case), case.get_absolute_url(), DangerLevel(case.danger_level).label)
        for case in cases.order_by("-created_at")[:SHOWN]
    ]
    return worklists.Worklist(gettext_lazy("Danger élevé sans mesure de protection"), items)


def downgrades_to_sign_off(request) -> worklists.Worklist | None:
    overrides = perms.downgrades_to_sign_off(request.membership)[:SHOWN]
    items = [
        worklists.Item(
            str(override.assessment.case),
            reverse("assessment:sign_off", args=[override.assessment_id]),
            override.get_level_display(),
        )
        for override in overrides
    ]
    if not items:
        return None
    return worklists.Worklist(gettext_lazy("Abaissements de niveau à valider"), items)


def on_incident(sender, case, incident, **kwargs):
    """Case events make a re-assessment due (docs/assessment.md, rule 5): a new incident…"""
    services.force_reassessment(case, Trigger.NEW_INCIDENT)


def on_separation(sender, case, **kwargs):
    """…or a separation…"""
    services.force_reassessment(case, Trigger.SEPARATION)


def on_release(sender, case, **kwargs):
    """…or the perpetrator's release from custody…"""
    services.force_reassessment(case, Trigger.RELEASE_FROM_CUSTODY)


def on_device_alert(sender, case, **kwargs):
    """…or a device's alert (SOS, bracelet alert, tamper). Breaches and court decisions call
    `force_reassessment` from justice/services.py."""
    services.force_reassessment(case, Trigger.DEVICE_ALERT)


def register() -> None:
    checks.register()
    case_signals.incident_recorded.connect(on_incident, dispatch_uid="assessment")
    case_signals.separation_recorded.connect(on_separation, dispatch_uid="assessment")
    case_signals.release_recorded.connect(on_release, dispatch_uid="assessment")
    case_signals.device_alert_raised.connect(on_device_alert, dispatch_uid="assessment")
    for provider in (reassessments_due, high_danger_unprotected, downgrades_to_sign_off):
        worklists.providers.register(provider, *ASSESSOR_ROLES)
