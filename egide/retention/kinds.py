"""Each kind of record the platform keeps, the rule that bounds it, and what is due today.

A kind answers two questions for a moment `now`: which rows are due (their retention is over:
groups of querysets, since a bracelet's data is bounded by each placement), and how many are in
the archive. The purge (`purge.py`) deletes what is due of the kinds that purge, and reports on
the others. The order of `KINDS` is the order of the purge (a hand-over goes before its call).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Min, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.audit.models import AuditEntry
from egide.cases.choices import CaseStatus
from egide.cases.models import Case
from egide.devices.choices import DeviceKind
from egide.devices.models import AlarmPhoneAssignment, Device, Pairing
from egide.helpline.models import CpcaHandover, PerpetratorCall, VictimCall
from egide.justice.rules import Dated, start_of_day
from egide.monitoring.models import Event, Fix

from . import rules
from .rules import Keep


def as_ns(moment: datetime) -> int:
    return round(moment.timestamp() * 1e6) * 1000


def placement_end(pairing: Pairing) -> datetime | None:
    """When a bracelet placement ended: its term, or the decision's earlier end; None if live."""
    ends = [end for end in (pairing.valid_until, pairing.order.ended_at) if end is not None]
    return min(ends) if ends else None


def grant_end(assignment: AlarmPhoneAssignment) -> datetime:
    """When a TGD grant ends, or ended: its withdrawal, or its term if earlier."""
    return min(at for at in (assignment.withdrawn_at, assignment.ends_at) if at)


def ended_placements(now: datetime) -> Iterator[tuple[Pairing, datetime]]:
    pairings = Pairing.objects.select_related(
        "order", "perpetrator_device", "victim_device"
    ).filter(Q(valid_until__lte=now) | Q(order__ended_at__lte=now))
    for pairing in pairings.iterator(chunk_size=500):
        end = placement_end(pairing)
        if end is not None and end <= now:
            yield pairing, end


def _devices(pairing: Pairing) -> tuple[str, str]:
    return pairing.perpetrator_device.device_id, pairing.victim_device.device_id


def placement_fixes(pairing: Pairing, end: datetime) -> QuerySet:
    # Claimed fixes only: a fix the engine has not processed yet is never taken from it.
    return Fix.objects.filter(
        device_id__in=_devices(pairing),
        ts__gte=as_ns(pairing.valid_from),
        ts__lte=as_ns(end),
        batch__isnull=False,
    )


def placement_events(pairing: Pairing, end: datetime) -> QuerySet:
    return Event.objects.filter(
        Q(pairing_key=f"pairing-{pairing.pk}")
        | Q(device_id__in=_devices(pairing), ts__gte=pairing.valid_from, ts__lte=end)
    )


@dataclass(frozen=True)
class Kind:
    """One kind of record under one rule. `due` lists querysets of the rows whose time is over."""

    code: str
    label: str
    model: type[Model]
    rule: tuple[Dated, ...]
    dated_by: str  # the field giving the oldest due record's date in the report
    counted_from: str  # the event the retention runs from, in words

    def keep(self, now: datetime) -> tuple[Keep, str]:
        return rules.keep(self.rule, timezone.localdate(now))

    def due(self, now: datetime) -> Iterable[QuerySet]:
        raise NotImplementedError

    def archived(self, now: datetime) -> int | None:
        """Rows in the archive now; None for a kind without an archive."""
        return None

    def oldest(self, groups: Iterable[QuerySet]):
        dates = [group.aggregate(at=Min(self.dated_by))["at"] for group in groups]
        dates = [at for at in dates if at is not None]
        return min(dates) if dates else None


class BarKind(Kind):
    """A BAR's positions or events: kept for the placement, then 1 month, then archived."""

    def _by_state(self, now: datetime) -> Iterator[tuple[str, QuerySet]]:
        keep, _source = self.keep(now)
        today = timezone.localdate(now)
        select = placement_fixes if self.model is Fix else placement_events
        for pairing, end in ended_placements(now):
            ended_on = timezone.localdate(end)
            if keep.purged_from(ended_on) <= today:
                yield "due", select(pairing, end)
            elif keep.archived_from(ended_on) <= today:
                yield "archived", select(pairing, end)

    def due(self, now):
        return [group for state, group in self._by_state(now) if state == "due"]

    def archived(self, now):
        return sum(group.count() for state, group in self._by_state(now) if state == "archived")


class TgdPositions(Kind):
    """An alarm phone's positions, three days from their recording; eight for the positions of a
    grant whose longer keeping the procureur authorised."""

    def due(self, now):
        keep, _source = self.keep(now)
        longer, _source = rules.keep(rules.TGD_POSITIONS_AUTHORISED, timezone.localdate(now))
        phones = Device.objects.filter(kind=DeviceKind.ALARM_PHONE).values("device_id")
        claimed = Fix.objects.filter(device_id__in=phones, batch__isnull=False)
        longer_cutoff = now - timedelta(days=longer.active_days)
        kept_longer = Q()
        for assignment in AlarmPhoneAssignment.objects.select_related("phone").filter(
            positions_kept_longer_at__isnull=False
        ):
            end = grant_end(assignment)
            kept_longer |= Q(
                device_id=assignment.phone.device_id,
                ts__gte=as_ns(assignment.granted_at),
                ts__lte=as_ns(end),
            )
        recent = claimed.filter(
            received_at__gt=longer_cutoff,
            received_at__lte=now - timedelta(days=keep.active_days),
        )
        return [
            claimed.filter(received_at__lte=longer_cutoff),
            recent.exclude(kept_longer) if kept_longer else recent,
        ]


class TgdEvents(Kind):
    """An alarm phone's events (alarms, tests), three days after the grant ended."""

    def due(self, now):
        keep, _source = self.keep(now)
        ended = AlarmPhoneAssignment.objects.select_related("phone").filter(
            Q(withdrawn_at__lte=now) | Q(ends_at__lte=now)
        )
        groups = []
        for assignment in ended.iterator(chunk_size=500):
            end = grant_end(assignment)
            if end + timedelta(days=keep.active_days) <= now:
                groups.append(
                    Event.objects.filter(
                        device_id=assignment.phone.device_id,
                        ts__gte=assignment.granted_at,
                        ts__lte=end,
                    )
                )
        return groups


class DatedRows(Kind):
    """Rows whose retention runs from one date field of their own."""

    def due(self, now):
        keep, _source = self.keep(now)
        last_day = keep.latest_start_purged(timezone.localdate(now))
        before = start_of_day(last_day + timedelta(days=1))
        return [self.rows().filter(**{f"{self.dated_by}__lt": before})]

    def rows(self) -> QuerySet:
        return self.model.objects.all()


class ClosedCases(DatedRows):
    def rows(self):
        return Case.objects.filter(status=CaseStatus.CLOSED)


KINDS: tuple[Kind, ...] = (
    BarKind(
        "bar_positions",
        _("Positions des bracelets (BAR)"),
        Fix,
        rules.BAR_DATA,
        "received_at",
        _("la fin du placement"),
    ),
    BarKind(
        "bar_events",
        _("Événements des bracelets (BAR)"),
        Event,
        rules.BAR_DATA,
        "ts",
        _("la fin du placement"),
    ),
    TgdPositions(
        "tgd_positions",
        _("Positions des téléphones grave danger"),
        Fix,
        rules.TGD_POSITIONS,
        "received_at",
        _("leur enregistrement"),
    ),
    TgdEvents(
        "tgd_events",
        _("Événements des téléphones grave danger"),
        Event,
        rules.TGD_EVENTS,
        "ts",
        _("la fin de l'attribution"),
    ),
    DatedRows(
        "cpca_handovers",
        _("Mises en relation « Ne frappez pas » avec un CPCA"),
        CpcaHandover,
        rules.CPCA_HANDOVERS,
        "consent_given_at",
        _("l'accord de l'appelant"),
    ),
    DatedRows(
        "victim_calls",
        _("Appels au 3919"),
        VictimCall,
        rules.HELPLINE_CALLS,
        "received_at",
        _("l'appel"),
    ),
    DatedRows(
        "perpetrator_calls",
        _("Appels à « Ne frappez pas »"),
        PerpetratorCall,
        rules.HELPLINE_CALLS,
        "received_at",
        _("l'appel"),
    ),
    ClosedCases(
        "closed_cases", _("Dossiers clos"), Case, rules.CLOSED_CASES, "closed_at", _("la clôture")
    ),
    DatedRows(
        "audit_log",
        _("Journal d'audit"),
        AuditEntry,
        rules.AUDIT_LOG,
        "at",
        _("l'inscription"),
    ),
)

# Declared, not stored by Égide: the register and the report name them with their rule.
NOT_STORED = (
    (
        _("Enregistrements des appels du centre de surveillance"),
        rules.CALL_RECORDINGS,
        _("la fin du placement"),
    ),
)


def kind(code: str) -> Kind:
    for candidate in KINDS:
        if candidate.code == code:
            return candidate
    raise LookupError(code)
