"""The operations of the danger assessment. Views, the API and other domains call these.

`actor` is who acts (its user and membership are the author, as in cases.services).
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.protection import without_protection
from egide.cases.services import add_timeline_entry

from . import perms, scoring
from .choices import OverrideDirection, SignOffDecision, Trigger
from .instruments import Instrument
from .levels import HIGH_DANGER, DangerLevel
from .models import Assessment, Override, ReassessmentTask, SignOff
from .overrides import OverrideRefused, override_direction
from .rules import event_delay

ASSESSMENT_FIELDS = ["answers", "inputs", "computed_level", "findings", "victim_fear"]
# What a read of an assessment shows (its page and the API), as audited.
READ_FIELDS = [*ASSESSMENT_FIELDS, "override"]


@transaction.atomic
def record_assessment(
    actor: Actor, case, instrument: Instrument, *, answers: dict, inputs: dict, victim_fear=None
) -> Assessment:
    """Scores and records an assessment; it completes the case's open re-assessments."""
    if not perms.can_run_assessment(actor.membership, case):
        raise PermissionDenied
    result = scoring.score(instrument, answers, inputs)
    assessment = Assessment.objects.create(
        case=case,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        instrument_sha256=instrument.sha256,
        answers=scoring.normalise_answers(instrument, answers),
        inputs=scoring.relevant_inputs(instrument, inputs),
        computed_level=result.level,
        possible_level=result.possible_level,
        findings=result.findings_as_json(),
        victim_fear=victim_fear,
        assessor=actor.user,
        assessor_role=actor.membership.role,
        agency=actor.membership.agency,
    )
    case.reassessment_tasks.open().update(done_by=assessment)
    schedule_level_deadline(assessment)
    summary = _("Évaluation du danger (%(instrument)s) : niveau %(level)s") % {
        "instrument": instrument.title,
        "level": DangerLevel(result.level).label,
    }
    add_timeline_entry(case, "assessment", summary, source=assessment, actor=actor)
    record(actor, Action.CREATE, assessment, fields=ASSESSMENT_FIELDS)
    return assessment


def schedule_level_deadline(assessment: Assessment) -> ReassessmentTask | None:
    """Sets the case's next re-assessment from the final level, if this is its latest one."""
    if latest_assessment(assessment.case) != assessment:
        return None
    policy = assessment.instrument.policy(assessment.final_level)
    due = assessment.created_at + policy.reassess_within
    task, _created = ReassessmentTask.objects.update_or_create(
        case=assessment.case,
        trigger=Trigger.LEVEL_DEADLINE,
        done_by=None,
        defaults={"due_at": due, "set_by": assessment},
    )
    return task


def force_reassessment(case, trigger: str, *, due: datetime | None = None) -> ReassessmentTask:
    """Makes a re-assessment of `case` due because of an event (breach, release, alert…).

    Public for every domain. Without `due`, the delay follows the trigger and the case's current
    level (rules.event_delay). A repeated event keeps a single open task per trigger and only
    ever brings its date forward.
    """
    if due is None:
        latest = latest_assessment(case)
        due = timezone.now() + event_delay(trigger, latest.final_level if latest else None)
    with transaction.atomic():
        task = case.reassessment_tasks.open().select_for_update().filter(trigger=trigger).first()
        if task is None:
            try:
                with transaction.atomic():
                    return ReassessmentTask.objects.create(case=case, trigger=trigger, due_at=due)
            except IntegrityError:  # created meanwhile by a concurrent event
                task = case.reassessment_tasks.open().get(trigger=trigger)
        if due < task.due_at:
            task.due_at = due
            task.save(update_fields=["due_at"])
    return task


@transaction.atomic
def record_override(actor: Actor, assessment: Assessment, *, level: str, reason: str) -> Override:
    """Sets another level than the computed one, in the direction the instrument allows."""
    if not perms.can_override(actor.membership, assessment):
        raise PermissionDenied
    if assessment.current_override is not None:
        raise OverrideRefused(
            _("Cette évaluation a déjà un niveau retenu : faites une nouvelle évaluation.")
        )
    direction = override_direction(assessment.instrument, assessment.computed_level, level, reason)
    override = Override.objects.create(
        assessment=assessment,
        direction=direction,
        level=level,
        reason=reason.strip(),
        author=actor.user,
        author_role=actor.membership.role,
        agency=actor.membership.agency,
    )
    assessment.override = override
    if direction == OverrideDirection.RAISE:
        schedule_level_deadline(assessment)
    summary = _("Niveau de danger retenu par un professionnel : %(level)s") % {
        "level": override.get_level_display()
    }
    if override.awaiting_sign_off:
        summary = _("Abaissement du niveau proposé (%(level)s), en attente de validation") % {
            "level": override.get_level_display()
        }
    add_timeline_entry(assessment.case, "assessment", summary, source=override, actor=actor)
    record(actor, Action.CREATE, override, fields=["direction", "level", "reason"])
    return override


@transaction.atomic
def sign_off(actor: Actor, override: Override, *, approve: bool, comment: str = "") -> SignOff:
    """A supervisor approves or refuses a downgrade; approved, it takes effect at once."""
    if not perms.can_sign_off(actor.membership, override):
        raise PermissionDenied
    decision = SignOffDecision.APPROVED if approve else SignOffDecision.REFUSED
    signed = SignOff.objects.create(
        override=override,
        decision=decision,
        comment=comment.strip(),
        supervisor=actor.user,
        supervisor_role=actor.membership.role,
        agency=actor.membership.agency,
    )
    override.sign_off = signed
    if approve:
        schedule_level_deadline(override.assessment)
    add_timeline_entry(
        override.assessment.case,
        "assessment",
        signed.get_decision_display(),
        source=signed,
        actor=actor,
    )
    record(actor, Action.CREATE, signed, fields=["decision", "comment"])
    return signed


def recent_incidents(case, instrument: Instrument) -> int | None:
    """Incidents recorded on the case within the instrument's window (prefills DASH escalation)."""
    if "recent_incidents" not in instrument.inputs:
        return None
    months = instrument.inputs["recent_incidents"].get("window_months", 12)
    since = timezone.localdate() - timedelta(days=round(months * 365.25 / 12))
    return case.incidents.filter(occurred_on__gte=since).count()


def latest_assessment(case) -> Assessment | None:
    return (
        Assessment.objects.filter(case=case)
        .select_related("override__sign_off")
        .latest_first()
        .first()
    )


def next_reassessment(case) -> ReassessmentTask | None:
    return case.reassessment_tasks.due().order_by("due_at").first()


def with_current_level(cases):
    """Annotates each case with `danger_level`: the final level of its latest assessment."""
    latest = (
        Assessment.objects.with_current_level()
        .filter(case=OuterRef("pk"))
        .latest_first()
        .values("current_level")[:1]
    )
    return cases.annotate(danger_level=Subquery(latest))


def high_danger_without_protection(cases):
    """Cases whose current level is high or extreme and that no domain reports as protected."""
    return without_protection(with_current_level(cases).filter(danger_level__in=HIGH_DANGER))
