"""A health professional's report to the procureur without the victim's consent (C. pén. 226-14
3°), delivered to the procureur's board and acknowledged or escalated like a breach report.

The report is attached to a case the professional's structure reaches, or opens one owned by that
structure, without a complaint; the case's court is the structure's, so the procureur reaches it
through the court's door. The procureur's acknowledgement seizes the procureur of the case
(`Case.prosecutor_seized_at`): the evidence kept without a complaint then reaches police and
parquet. Timeline summaries carry no personal data; the findings and the consent attempt are
encrypted.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases import services as case_services
from egide.cases.choices import PersonRole
from egide.cases.models import Case, Person
from egide.errors import RuleError, require

from . import board, perms, rules
from .choices import HealthReportOutcome
from .models import HealthReport
from .services import _timeline, escalate_overdue, take_into_account


def _check_conditions(life_in_immediate_danger, under_hold, victim_informed, consent_attempt):
    errors = []
    if not (life_in_immediate_danger and under_hold):
        errors.append(
            _(
                "Le signalement sans accord n'est permis que si sa vie est en danger immédiat "
                "et qu'elle est sous l'emprise de l'auteur (art. 226-14 3° du Code pénal)."
            )
        )
    if not consent_attempt.strip():
        errors.append(_("Indiquez comment vous avez cherché à obtenir son accord."))
    if not victim_informed:
        errors.append(_("La victime doit être informée du signalement fait au procureur."))
    if errors:
        raise RuleError(errors)


@transaction.atomic
def report_to_procureur(
    actor: Actor,
    *,
    case=None,
    victim: dict,
    perpetrator: dict,
    life_in_immediate_danger: bool,
    under_hold: bool,
    consent_attempt: str,
    consent_outcome: str,
    victim_informed: bool,
    findings: str,
) -> HealthReport:
    membership = actor.membership
    require(perms.can_report_to_procureur(membership))
    _check_conditions(life_in_immediate_danger, under_hold, victim_informed, consent_attempt)
    if case is None:
        case = case_services.open_case(actor, masking={}, without_complaint=True)
        Person.objects.create(case=case, role=PersonRole.VICTIM, **victim)
        if perpetrator.get("last_name"):
            Person.objects.create(case=case, role=PersonRole.PERPETRATOR, **perpetrator)
        record(actor, Action.CREATE, case, fields=["victim", "perpetrator"])
    court = case.court or membership.agency.jurisdiction
    now = timezone.now()
    report = HealthReport.objects.create(
        case=case,
        court=court,
        agency=membership.agency,
        reported_by=actor.user,
        reported_at=now,
        life_in_immediate_danger=life_in_immediate_danger,
        under_hold=under_hold,
        consent_attempt=consent_attempt.strip(),
        consent_outcome=consent_outcome,
        victim_informed=victim_informed,
        findings=findings.strip(),
        acknowledgement_due_at=now + rules.health_report_acknowledgement_delay(),
    )
    _timeline(actor, case, "health_report", _("Signalement au procureur (226-14 3°)"), report)
    record(actor, Action.CREATE, report, fields=["consent_attempt", "findings"])
    return report


@transaction.atomic
def acknowledge(actor: Actor, report: HealthReport, *, outcome: str, details: str = ""):
    """The procureur takes the report into account by recording the decision taken on it."""
    require(perms.can_acknowledge_health_report(actor.membership, report))
    if outcome not in HealthReportOutcome.values:
        raise RuleError(_("Choisissez la décision prise sur ce signalement."))
    if take_into_account(actor, report, outcome=outcome, outcome_details=details.strip()):
        summary = _("Signalement 226-14 pris en compte : %(outcome)s") % {
            "outcome": report.get_outcome_display()
        }
        _timeline(actor, report.case, "health_report_ack", summary, report)
        record(actor, Action.UPDATE, report, fields=["acknowledged_at", "outcome", "details"])
        _seize_procureur(actor, report)
    return report


def _seize_procureur(actor: Actor, report: HealthReport) -> None:
    """The acknowledged report seizes the procureur of the case, once: from then on the evidence
    kept without a complaint reaches police and parquet (`Case.evidence_disclosed`). A support
    case without a court yet takes the report's."""
    case = Case.objects.select_for_update().get(pk=report.case_id)
    if case.prosecutor_seized_at is not None:
        return
    case.prosecutor_seized_at = report.acknowledged_at
    fields = ["prosecutor_seized_at"]
    if case.court_id is None:
        case.court = report.court
        fields.append("court")
    case.save(update_fields=fields)
    _timeline(actor, case, "prosecutor_seized", _("Procureur saisi (signalement 226-14)"), report)
    record(actor, Action.UPDATE, case, fields=fields)


def escalate_overdue_reports(now=None) -> int:
    return escalate_overdue(HealthReport, now)


def health_report_items(membership) -> list[board.Item]:
    reports = perms.visible_health_reports(membership).unacknowledged().select_related("case")
    return [
        board.Item(
            "health_report",
            gettext_lazy("Signalement d'un soignant sans accord de la victime (226-14)"),
            report.case.reference,
            reverse("justice:health_reports"),
            report.acknowledgement_due_at,
            board.PROSECUTOR,
            report.is_escalated,
        )
        for report in reports
    ]
