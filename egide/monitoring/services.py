"""What operators and supervisors do with an incident. Every change is audited (field names)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.accounts.models import Membership
from egide.audit.choices import Action
from egide.audit.services import record
from egide.devices.perms import MONITORING_ROLES
from egide.errors import RuleError

from . import metrics, perms, rules
from .choices import IncidentStatus, Outcome
from .live_state import still_inside
from .models import Dispatch, Event, Incident, IncidentNote


def _require(actor: Actor) -> None:
    if not perms.can_handle_incidents(actor.membership):
        raise PermissionDenied


def _save(actor: Actor, incident: Incident, fields: list[str]) -> Incident:
    incident.changed_at = timezone.now()
    incident.save(update_fields=[*fields, "changed_at"])
    record(actor, Action.UPDATE, incident, fields=fields)
    return incident


def _not_closed(incident: Incident) -> None:
    if incident.status == IncidentStatus.CLOSED:
        raise RuleError(_("Cet incident est clos."))


@transaction.atomic
def acknowledge(actor: Actor, incident: Incident) -> Incident:
    """Taken in hand: the time it took is kept (acknowledged_at - opened_at)."""
    _require(actor)
    now = timezone.now()
    taken = Incident.objects.filter(pk=incident.pk, status=IncidentStatus.OPEN).update(
        status=IncidentStatus.ACKNOWLEDGED,
        acknowledged_at=now,
        acknowledged_by=actor.user,
        handled_by=actor.user,
        changed_at=now,
    )
    incident.refresh_from_db()
    if taken:
        record(actor, Action.UPDATE, incident, fields=["status", "acknowledged_at", "handled_by"])
        waited = incident.acknowledged_at - incident.opened_at
        transaction.on_commit(
            lambda: metrics.TAKE_IN_CHARGE.labels(incident.kind).observe(waited.total_seconds())
        )
    return incident


def _taken(actor: Actor, incident: Incident) -> None:
    _not_closed(incident)
    if incident.status == IncidentStatus.OPEN:
        acknowledge(actor, incident)


@transaction.atomic
def wearer_called(actor: Actor, incident: Incident, *, turned_away: bool) -> Incident:
    _require(actor)
    _taken(actor, incident)
    incident.wearer_called_at, incident.wearer_turned_away = timezone.now(), turned_away
    return _save(actor, incident, ["wearer_called_at", "wearer_turned_away"])


@transaction.atomic
def victim_called(actor: Actor, incident: Incident) -> Incident:
    _require(actor)
    _taken(actor, incident)
    incident.victim_called_at = timezone.now()
    return _save(actor, incident, ["victim_called_at"])


@transaction.atomic
def send_police(actor: Actor, incident: Incident) -> Incident:
    """The dispatch message goes out (retried until the dispatch room acknowledges it)."""
    _require(actor)
    _taken(actor, incident)
    if incident.police_sent_at is None:
        incident.police_sent_at = timezone.now()
        Dispatch.objects.get_or_create(incident=incident)
        _save(actor, incident, ["police_sent_at"])
    return incident


@transaction.atomic
def add_note(actor: Actor, incident: Incident, text: str) -> IncidentNote:
    _require(actor)
    if not text.strip():
        raise RuleError(_("La note est vide."))
    note = IncidentNote.objects.create(incident=incident, author=actor.user, text=text.strip())
    Incident.objects.filter(pk=incident.pk).update(changed_at=timezone.now())
    record(actor, Action.CREATE, note, fields=["text"])
    return note


def centre_members():
    """The people a supervisor may hand an incident to: active members of the centre."""
    return (
        Membership.objects.filter(role__in=MONITORING_ROLES, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )


@transaction.atomic
def reassign(actor: Actor, incident: Incident, *, to_user_id) -> Incident:
    """A supervisor hands an incident to another member of the centre (taking it in hand)."""
    if not perms.is_supervisor(actor.membership):
        raise PermissionDenied
    _not_closed(incident)
    member = centre_members().filter(user_id=to_user_id).first() if to_user_id else None
    if member is None:
        raise RuleError(_("Choisissez un membre du centre de surveillance."))
    _taken(actor, incident)
    incident.handled_by = member.user
    return _save(actor, incident, ["handled_by"])


def steps_missing(incident: Incident, outcome: str) -> list[str]:
    """The procedure's steps not done yet that closing with this outcome requires."""
    done = {
        "call_victim": incident.victim_called_at,
        "call_wearer": incident.wearer_called_at,
        "send_police": incident.police_sent_at,
    }
    waived = rules.WAIVED_STEPS.get(outcome, frozenset())
    return [
        step
        for step in rules.PROCEDURES[incident.kind]
        if done[step] is None and step not in waived
    ]


def _check_live_state(incident: Incident, outcome: str, confirmed: bool, now) -> None:
    inside = still_inside(incident, now)
    if inside is None:
        return
    where = _(
        "L'auteur est encore à %(distance)s m (position de %(at)s), dans la zone de %(radius)s m."
    ) % {
        "distance": inside.distance_m,
        "at": timezone.localtime(inside.at).strftime("%H:%M:%S"),
        "radius": inside.radius_m,
    }
    if outcome == Outcome.WEARER_TURNED_AWAY:
        raise RuleError(where + " " + _("Il ne s'est pas éloigné : choisissez une autre issue."))
    if not confirmed:
        raise RuleError(where + " " + _("Confirmez la clôture malgré sa présence dans la zone."))


@transaction.atomic
def close(
    actor: Actor,
    incident: Incident,
    *,
    outcome: str,
    override_reason: str = "",
    confirmed_inside: bool = False,
) -> Incident:
    """Closes once the procedure's steps are done (or a supervisor overrides, saying why), with
    an outcome the wearer's live position does not contradict."""
    _require(actor)
    _not_closed(incident)
    if outcome not in Outcome.values:
        raise RuleError(_("Indiquez l'issue de l'incident."))
    missing = steps_missing(incident, outcome)
    override_reason = override_reason.strip()
    if missing and not (perms.is_supervisor(actor.membership) and override_reason):
        raise RuleError(
            _(
                "Étapes obligatoires non faites : %(steps)s. Seul un superviseur peut clore "
                "avant, en indiquant le motif."
            )
            % {"steps": ", ".join(str(rules.STEP_LABELS[step]).lower() for step in missing)}
        )
    now = timezone.now()
    _check_live_state(incident, outcome, confirmed_inside, now)
    _taken(actor, incident)
    incident.status, incident.outcome = IncidentStatus.CLOSED, outcome
    incident.closed_at, incident.closed_by = now, actor.user
    fields = ["status", "outcome", "closed_at", "closed_by"]
    if missing:
        incident.override_reason = override_reason
        fields.append("override_reason")
    return _save(actor, incident, fields)


def zone_alerts_last_day(pairing, now=None) -> int:
    """Zone entries (pre-alert or alert) of the pairing in the last 24 hours."""
    now = now or timezone.now()
    return Event.objects.filter(
        pairing_key=f"pairing-{pairing.pk}", type="zone.enter", ts__gte=now - timedelta(days=1)
    ).count()


def distances_to_revise(pairing, now=None) -> bool:
    now = now or timezone.now()
    threshold = rules.alerts_per_day_revision(timezone.localdate(now))
    return zone_alerts_last_day(pairing, now) >= threshold
