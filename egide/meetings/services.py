"""The operations of risk meetings. Views, the demo and the incident hook call these; each checks
its permission and its rules and writes the audit log. A refusal (RuleError) changes nothing."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.assessment.services import high_danger_without_protection
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.choices import CaseStatus
from egide.cases.models import Case, Incident
from egide.errors import RuleError

from . import perms, rules
from .choices import ActionStatus, AgendaSource, ItemStatus, MeetingStatus
from .models import AgendaItem, MeetingMember, PlannedAction, RiskMeeting


def _run(actor: Actor, meeting: RiskMeeting) -> None:
    if not perms.chairs(actor.membership, meeting):
        raise PermissionDenied
    if meeting.is_closed:
        raise RuleError(_("La réunion est close : elle ne peut plus être modifiée."))


# --- Convening --------------------------------------------------------------------------------


@transaction.atomic
def schedule_meeting(actor: Actor, *, starts_at, place: str) -> RiskMeeting:
    """A procureur convenes a meeting for the département of their court. Unfinished actions
    and repeats of earlier meetings come onto its agenda at once."""
    if not perms.can_convene(actor.membership):
        raise PermissionDenied
    if starts_at < timezone.now():
        raise RuleError(_("La date de la réunion ne peut pas être passée."))
    meeting = RiskMeeting.objects.create(
        departement=actor.membership.departement,
        starts_at=starts_at,
        place=place.strip(),
        organiser=actor.membership,
    )
    record(actor, Action.CREATE, meeting, fields=["starts_at", "place"])
    carry_over(meeting)
    return meeting


@transaction.atomic
def invite(actor: Actor, meeting: RiskMeeting, membership) -> MeetingMember:
    _run(actor, meeting)
    if not perms.eligible_members(meeting).filter(pk=membership.pk).exists():
        raise RuleError(_("Invitez un membre d'une structure du département."))
    member, created = MeetingMember.objects.get_or_create(meeting=meeting, membership=membership)
    if not created:
        raise RuleError(_("Ce membre est déjà invité."))
    record(actor, Action.CREATE, member, fields=["membership"])
    return member


# --- The agenda -------------------------------------------------------------------------------


def worklist_candidates(meeting: RiskMeeting):
    """The département's open cases at high danger without a protection measure (the
    assessment's worklist) not yet on the agenda, with their `danger_level`."""
    cases = Case.objects.filter(departement=meeting.departement).exclude(status=CaseStatus.CLOSED)
    listed = meeting.agenda.values("case_id")
    return high_danger_without_protection(cases).exclude(pk__in=listed).order_by("-created_at")


@transaction.atomic
def list_from_worklist(actor: Actor, meeting: RiskMeeting, case) -> AgendaItem:
    _run(actor, meeting)
    if not worklist_candidates(meeting).filter(pk=case.pk).exists():
        raise RuleError(_("Ce dossier n'est pas sur la liste des dossiers à danger élevé."))
    item = AgendaItem.objects.create(meeting=meeting, case=case, source=AgendaSource.WORKLIST)
    record(actor, Action.CREATE, item, fields=["case", "source"])
    return item


@transaction.atomic
def propose_case(actor: Actor, meeting: RiskMeeting, case, *, reason: str) -> AgendaItem:
    """A member who may open the case proposes it; the organiser decides. The organiser's own
    proposal goes straight onto the agenda."""
    if not perms.can_propose(actor.membership, meeting, case):
        raise PermissionDenied
    if meeting.agenda.filter(case=case).exists():
        raise RuleError(_("Ce dossier est déjà proposé pour cette réunion."))
    chairing = perms.chairs(actor.membership, meeting)
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        source=AgendaSource.REFERRAL,
        status=ItemStatus.ACCEPTED if chairing else ItemStatus.PROPOSED,
        reason=reason.strip(),
        proposed_by=actor.membership,
    )
    record(actor, Action.CREATE, item, fields=["case", "source", "reason"])
    return item


@transaction.atomic
def decide_proposal(actor: Actor, item: AgendaItem, *, accept: bool) -> AgendaItem:
    _run(actor, item.meeting)
    if item.status != ItemStatus.PROPOSED:
        raise RuleError(_("Cette proposition est déjà décidée."))
    item.status = ItemStatus.ACCEPTED if accept else ItemStatus.DECLINED
    item.save(update_fields=["status"])
    record(actor, Action.UPDATE, item, fields=["status"])
    return item


def next_meeting(departement: str, after=None) -> RiskMeeting | None:
    """The département's next meeting still open (after `after`, a moment, when given)."""
    planned = RiskMeeting.objects.filter(departement=departement, status=MeetingStatus.PLANNED)
    if after is not None:
        planned = planned.filter(starts_at__gt=after)
    return planned.order_by("starts_at", "pk").first()


def _repeats(earlier) -> set[int]:
    """The cases discussed at one of the `earlier` meetings that had a new incident within the
    repeat window after their last discussion (two queries, whatever the number of cases)."""
    discussed = (
        AgendaItem.objects.filter(meeting__in=earlier, status=ItemStatus.ACCEPTED)
        .exclude(case__status=CaseStatus.CLOSED)
        .values("case_id")
        .annotate(last=Max("meeting__starts_at"))
    )
    last_discussed = {row["case_id"]: timezone.localdate(row["last"]) for row in discussed}
    if not last_discussed:
        return set()
    incidents = Incident.objects.filter(
        case_id__in=list(last_discussed), occurred_on__gt=min(last_discussed.values())
    ).values_list("case_id", "occurred_on")
    return {
        case_id
        for case_id, occurred_on in incidents
        if last_discussed[case_id] < occurred_on <= rules.repeat_window_end(last_discussed[case_id])
    }


@transaction.atomic
def carry_over(meeting: RiskMeeting) -> list[AgendaItem]:
    """Brings onto `meeting`'s agenda, accepted, the cases of the département's earlier, closed
    meetings that still have open actions (follow-up) or a new incident since their last
    discussion within the repeat window (flagged "répétition"). Idempotent."""
    if meeting.is_closed:
        return []
    earlier = RiskMeeting.objects.filter(
        departement=meeting.departement,
        status=MeetingStatus.CLOSED,
        starts_at__lt=meeting.starts_at,
    )
    follow_up = set(
        PlannedAction.objects.filter(meeting__in=earlier, status=ActionStatus.OPEN)
        .exclude(case__status=CaseStatus.CLOSED)
        .values_list("case_id", flat=True)
    )
    repeats = _repeats(earlier)
    listed = {item.case_id: item for item in meeting.agenda.all()}
    changed = []
    for case_id in sorted(follow_up | repeats):
        item = listed.get(case_id)
        if item is None:
            source = AgendaSource.FOLLOW_UP if case_id in follow_up else AgendaSource.REPEAT
            item = AgendaItem(meeting=meeting, case_id=case_id, source=source)
        elif item.status == ItemStatus.ACCEPTED and (item.repeat or case_id not in repeats):
            continue
        item.status = ItemStatus.ACCEPTED
        item.repeat = item.repeat or case_id in repeats
        item.save()
        changed.append(item)
    for item in changed:
        record(Actor.system(), Action.UPDATE, item, fields=["status", "repeat"])
    return changed


def on_incident(case) -> None:
    """A new incident on a case brings it back to the département's next meeting if it was
    discussed within the repeat window (the case file's `incident_recorded` signal)."""
    meeting = next_meeting(case.departement)
    if meeting is not None:
        carry_over(meeting)


# --- The action plan --------------------------------------------------------------------------


@transaction.atomic
def add_action(
    actor: Actor, meeting: RiskMeeting, *, case, owner, description: str, due_on
) -> PlannedAction:
    _run(actor, meeting)
    if not meeting.agenda.filter(case=case, status=ItemStatus.ACCEPTED).exists():
        raise RuleError(_("Le dossier n'est pas à l'ordre du jour de la réunion."))
    if not perms.attendees(meeting).filter(pk=owner.pk).exists():
        raise RuleError(_("Le responsable de l'action doit être membre de la réunion."))
    if due_on < meeting.held_on:
        raise RuleError(_("L'échéance ne peut pas précéder la réunion."))
    action = PlannedAction.objects.create(
        meeting=meeting, case=case, owner=owner, description=description.strip(), due_on=due_on
    )
    record(actor, Action.CREATE, action, fields=["case", "owner", "description", "due_on"])
    return action


@transaction.atomic
def close_action(
    actor: Actor, meeting: RiskMeeting, action: PlannedAction, *, status: str, reason: str = ""
) -> PlannedAction:
    """The owner or the organiser says an action is done, or dropped with a reason, from
    `meeting`'s page, be it closed: the plan is carried out after the meeting. A case brought back
    only for its actions then leaves the agenda of the meetings still to come once they are all
    ended (`withdraw_settled_follow_up`)."""
    if not perms.can_update_action(actor.membership, meeting, action):
        raise PermissionDenied
    if status not in (ActionStatus.DONE, ActionStatus.DROPPED):
        raise RuleError(_("Choisissez « réalisée » ou « abandonnée »."))
    if status == ActionStatus.DROPPED and not reason.strip():
        raise RuleError(_("Indiquez pourquoi l'action est abandonnée."))
    action.status = status
    action.drop_reason = reason.strip() if status == ActionStatus.DROPPED else ""
    action.closed_at = timezone.now()
    action.save(update_fields=["status", "drop_reason", "closed_at"])
    record(actor, Action.UPDATE, action, fields=["status", "drop_reason"])
    withdraw_settled_follow_up(action.case_id, meeting.departement)
    return action


def withdraw_settled_follow_up(case_id: int, departement: str) -> list[AgendaItem]:
    """Takes off the agenda of the département's meetings that have not started yet a case that
    came back only to follow up the actions of closed meetings, once none of them is open; a
    repeat, or a case the organiser has already planned actions for there, stays."""
    still_open = PlannedAction.objects.filter(
        case_id=case_id,
        meeting__departement=departement,
        meeting__status=MeetingStatus.CLOSED,
        status=ActionStatus.OPEN,
    )
    if still_open.exists():
        return []
    settled = list(
        AgendaItem.objects.filter(
            case_id=case_id,
            meeting__departement=departement,
            meeting__status=MeetingStatus.PLANNED,
            meeting__starts_at__gt=timezone.now(),
            source=AgendaSource.FOLLOW_UP,
            repeat=False,
        ).exclude(meeting__actions__case_id=case_id)
    )
    for item in settled:
        record(Actor.system(), Action.DELETE, item, fields=["case", "source"])
        item.delete()
    return settled


# --- Minutes and closing ----------------------------------------------------------------------


@transaction.atomic
def record_minutes(actor: Actor, meeting: RiskMeeting, *, minutes: str) -> RiskMeeting:
    _run(actor, meeting)
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    record(actor, Action.UPDATE, meeting, fields=["minutes"])
    return meeting


@transaction.atomic
def close_meeting(actor: Actor, meeting: RiskMeeting) -> RiskMeeting:
    """Closes a meeting whose minutes are written and proposals decided; its unfinished actions
    go onto the agenda of the département's next meeting, if one is planned (or when it is)."""
    _run(actor, meeting)
    if not meeting.minutes:
        raise RuleError(_("Enregistrez le compte rendu avant de clore la réunion."))
    if meeting.agenda.filter(status=ItemStatus.PROPOSED).exists():
        raise RuleError(_("Décidez des propositions en attente avant de clore la réunion."))
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["status", "closed_at"])
    record(actor, Action.UPDATE, meeting, fields=["status"])
    following = next_meeting(meeting.departement, after=meeting.starts_at)
    if following is not None:
        carry_over(following)
    return meeting
