"""The outbox's consumer: each stored event becomes operator work, exactly once.

An event is claimed by a compare-and-set on `published_at` inside the transaction that applies
it, so two publishers never apply it twice and a crash in between leaves it for the next one.
Grouping: repeated pre-alerts of one pairing join its open incident; an exit joins the open zone
incident it ends; a device back online joins its offline incident.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.cases.models import Case
from egide.cases.signals import device_alert_raised
from egide.devices.models import AlarmPhoneAssignment, Device, Pairing
from egide.engine import MOVING_ZONE_ID
from egide.errors import RuleError
from egide.justice.choices import BreachKind, BreachSource
from egide.justice.services import report_breach

from .choices import PRIORITY, IncidentKind, IncidentStatus
from .models import Event, Incident

log = logging.getLogger(__name__)

DEVICE_EVENT_KINDS = {
    "sos": IncidentKind.SOS,
    "device.tamper": IncidentKind.TAMPER,
    "device.offline": IncidentKind.OFFLINE,
    "device.battery_low": IncidentKind.BATTERY,
    "device.battery_critical": IncidentKind.BATTERY,
}
# Kinds where a new event joins an unclosed incident of the same device instead of opening one.
GROUPED_DEVICE_KINDS = {IncidentKind.OFFLINE, IncidentKind.BATTERY}
ZONE_KINDS = (IncidentKind.ALERT, IncidentKind.PREALERT)
# Incidents that change her situation: the case's danger is re-assessed
# (docs/assessment.md, rule 5).
REASSESSING_KINDS = {IncidentKind.SOS, IncidentKind.ALERT, IncidentKind.TAMPER}


def escalation_delay_s() -> int:
    """Unacknowledged incidents go to the supervisor after this (docs/monitoring-console.md)."""
    return settings.EGIDE_MONITORING_ESCALATION_S


def publish_pending(limit: int = 200) -> int:
    """Apply up to `limit` unpublished events, oldest first; -> how many were applied."""
    pending = list(
        Event.objects.filter(published_at__isnull=True).order_by("stored_at", "ts", "id")[:limit]
    )
    applied = 0
    for event in pending:
        with transaction.atomic():
            claimed = Event.objects.filter(pk=event.pk, published_at__isnull=True).update(
                published_at=timezone.now()
            )
            if claimed:
                apply(event)
                applied += 1
    return applied


def _pairing(event: Event) -> Pairing | None:
    prefix, _, pk = event.pairing_key.partition("-")
    if prefix != "pairing" or not pk.isdigit():
        return None
    return Pairing.objects.select_related("order__case").filter(pk=int(pk)).first()


def _device_context(device_id: str):
    """The device, and the pairing or phone assignment that gives it a case."""
    device = Device.objects.filter(device_id=device_id).first()
    if device is None:
        return None, None, None
    now = timezone.now()
    assignment = (
        AlarmPhoneAssignment.objects.filter(
            phone_id=device.pk, withdrawn_at__isnull=True, ends_at__gt=now
        )
        .select_related("case")
        .first()
    )
    if assignment is not None:
        return device, None, assignment.case
    pairing = (
        Pairing.objects.filter(Q(perpetrator_device=device) | Q(victim_device=device))
        .filter(valid_from__lte=now)
        .select_related("order__case")
        .order_by("-valid_from")
        .first()
    )
    if pairing is not None:
        return device, pairing, pairing.order.case
    return device, None, None


def _open(kind: str, event: Event, **links) -> Incident:
    now = timezone.now()
    incident = Incident.objects.create(
        kind=kind,
        priority=PRIORITY[kind],
        zone=event.zone,
        distance_m=event.distance_m,
        occurred_at=event.ts,
        opened_at=now,
        changed_at=now,
        **links,
    )
    case = links.get("case")
    if kind in REASSESSING_KINDS and case is not None:
        transaction.on_commit(lambda: device_alert_raised.send(sender=Case, case=case, kind=kind))
    return incident


def _join(incident: Incident, event: Event, **changes) -> Incident:
    incident.event_count += 1
    incident.changed_at = timezone.now()
    if event.distance_m is not None:
        incident.distance_m = event.distance_m
    for name, value in changes.items():
        setattr(incident, name, value)
    incident.save()
    return incident


def _unclosed(**filters):
    return Incident.objects.exclude(status=IncidentStatus.CLOSED).filter(**filters)


def apply(event: Event) -> Incident | None:
    if event.type in ("zone.enter", "zone.exit"):
        incident = _zone_event(event)
    elif event.type == "device.online":
        incident = _unclosed(kind=IncidentKind.OFFLINE, device__device_id=event.device_id).first()
        if incident is not None:
            _join(incident, event)
    else:
        incident = _device_event(event)
    if incident is not None:
        Event.objects.filter(pk=event.pk).update(incident=incident)
    return incident


def _device_event(event: Event) -> Incident | None:
    kind = DEVICE_EVENT_KINDS.get(event.type)
    if kind is None:
        return None
    device, pairing, case = _device_context(event.device_id)
    if kind in GROUPED_DEVICE_KINDS and device is not None:
        incident = _unclosed(kind=kind, device=device).first()
        if incident is not None:
            return _join(incident, event)
    return _open(kind, event, device=device, pairing=pairing, case=case)


def _zone_event(event: Event) -> Incident | None:
    pairing = _pairing(event)
    if pairing is None:
        log.warning("zone event %s of an unknown pairing", event.pk)
        return None
    ongoing = _unclosed(pairing=pairing, kind__in=ZONE_KINDS).order_by("priority", "-opened_at")
    if event.type == "zone.exit":
        incident = ongoing.first()
        return _join(incident, event) if incident is not None else None
    if event.level_to == "alert":
        incident = ongoing.filter(kind=IncidentKind.ALERT).first()
        if incident is not None:
            return _join(incident, event)
        incident = _open(
            IncidentKind.ALERT,
            event,
            device=pairing.perpetrator_device,
            pairing=pairing,
            case=pairing.order.case,
        )
        _report_breach(incident, pairing, event)
        return incident
    incident = ongoing.first()  # repeated pre-alerts: one incident for the episode
    if incident is not None:
        return _join(incident, event)
    return _open(
        IncidentKind.PREALERT,
        event,
        device=pairing.perpetrator_device,
        pairing=pairing,
        case=pairing.order.case,
    )


def _report_breach(incident: Incident, pairing: Pairing, event: Event) -> None:
    """An alert is a breach: the procureur is told at once (reference: "the procureur is
    informed of each breach"). No position is written in it, only the distance."""
    moving = event.zone == MOVING_ZONE_ID
    kind = BreachKind.ALERT_DISTANCE if moving else BreachKind.FIXED_ZONE
    description = (
        _("Alerte du bracelet anti-rapprochement : l'auteur est à %(distance)s m de la victime.")
        if moving
        else _(
            "Alerte du bracelet anti-rapprochement : l'auteur est entré dans une zone interdite."
        )
    ) % {"distance": event.distance_m}
    try:
        breach = report_breach(pairing, kind, event.ts, description, source=BreachSource.MONITORING)
    except RuleError:
        log.warning("incident %s: no court to report the breach to", incident.pk)
        return
    incident.breach_report = breach
    incident.save(update_fields=["breach_report"])


def escalate_unacknowledged(now=None) -> int:
    """Compare-and-set, safe with several workers: open incidents past the delay go up."""
    now = now or timezone.now()
    late = now - timedelta(seconds=escalation_delay_s())
    return Incident.objects.filter(
        status=IncidentStatus.OPEN, escalated_at__isnull=True, opened_at__lt=late
    ).update(escalated_at=now, changed_at=now)
