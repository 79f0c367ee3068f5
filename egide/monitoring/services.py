"""What operators and supervisors do with an incident. Every change is audited (field names)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.audit.models import Action
from egide.audit.services import record

from . import perms, rules
from .models import Dispatch, Event, Incident, IncidentNote, IncidentStatus, Outcome


class IncidentRuleError(ValidationError):
    """An action refused by the procedure; the message is for the operator."""


def _require(request) -> None:
    if not perms.can_handle_incidents(request.membership):
        raise PermissionDenied


def _save(request, incident: Incident, fields: list[str]) -> Incident:
    incident.changed_at = timezone.now()
    incident.save(update_fields=[*fields, "changed_at"])
    record(request, Action.UPDATE, incident, fields=fields)
    return incident


def _not_closed(incident: Incident) -> None:
    if incident.status == IncidentStatus.CLOSED:
        raise IncidentRuleError(_("Cet incident est clos."))


@transaction.atomic
def acknowledge(request, incident: Incident) -> Incident:
    """Taken in hand: the time it took is kept (acknowledged_at - opened_at)."""
    _require(request)
    now = timezone.now()
    taken = Incident.objects.filter(pk=incident.pk, status=IncidentStatus.OPEN).update(
        status=IncidentStatus.ACKNOWLEDGED,
        acknowledged_at=now,
        acknowledged_by=request.user,
        changed_at=now,
    )
    incident.refresh_from_db()
    if taken:
        record(request, Action.UPDATE, incident, fields=["status", "acknowledged_at"])
    return incident


def _taken(request, incident: Incident) -> None:
    _not_closed(incident)
    if incident.status == IncidentStatus.OPEN:
        acknowledge(request, incident)


@transaction.atomic
def wearer_called(request, incident: Incident, *, turned_away: bool) -> Incident:
    _require(request)
    _taken(request, incident)
    incident.wearer_called_at, incident.wearer_turned_away = timezone.now(), turned_away
    return _save(request, incident, ["wearer_called_at", "wearer_turned_away"])


@transaction.atomic
def victim_called(request, incident: Incident) -> Incident:
    _require(request)
    _taken(request, incident)
    incident.victim_called_at = timezone.now()
    return _save(request, incident, ["victim_called_at"])


@transaction.atomic
def send_police(request, incident: Incident) -> Incident:
    """The dispatch message goes out (retried until the dispatch room acknowledges it)."""
    _require(request)
    _taken(request, incident)
    if incident.police_sent_at is None:
        incident.police_sent_at = timezone.now()
        Dispatch.objects.get_or_create(incident=incident)
        _save(request, incident, ["police_sent_at"])
    return incident


@transaction.atomic
def add_note(request, incident: Incident, text: str) -> IncidentNote:
    _require(request)
    if not text.strip():
        raise IncidentRuleError(_("La note est vide."))
    note = IncidentNote.objects.create(incident=incident, author=request.user, text=text.strip())
    Incident.objects.filter(pk=incident.pk).update(changed_at=timezone.now())
    record(request, Action.CREATE, note, fields=["text"])
    return note


@transaction.atomic
def close(request, incident: Incident, *, outcome: str) -> Incident:
    _require(request)
    _taken(request, incident)
    if outcome not in Outcome.values:
        raise IncidentRuleError(_("Indiquez l'issue de l'incident."))
    incident.status, incident.outcome = IncidentStatus.CLOSED, outcome
    incident.closed_at, incident.closed_by = timezone.now(), request.user
    return _save(request, incident, ["status", "outcome", "closed_at", "closed_by"])


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
