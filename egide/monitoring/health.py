"""The platform watching itself, and the devices' health.

Degraded (red banner for operators) when fixes wait too long for the engine, the engine worker
stops beating, or stored events wait too long to reach the console.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Min
from django.utils import timezone

from egide.devices.models import Device, DeviceKind, DeviceStatus
from egide.devices.services import tests_due

from .models import EngineCheckpoint, Event, Fix, IntakeRefusal, RefusalReason

# Platform rule: beyond these, monitoring is degraded (tamper alerts must reach the centre within
# 15 s — Spain's specification, reference/monitoring.md — so the pipeline must stay well under).
MAX_INTAKE_LAG_S = 10
MAX_WORKER_SILENCE_S = 10
MAX_OUTBOX_LAG_S = 10


@dataclass
class PlatformHealth:
    intake_lag_s: float
    engine_silence_s: float | None
    outbox_backlog: int
    outbox_lag_s: float
    last_event_at: datetime | None

    @property
    def problems(self) -> list[str]:
        found = []
        if self.intake_lag_s > MAX_INTAKE_LAG_S:
            found.append("intake_lag")
        if self.engine_silence_s is None or self.engine_silence_s > MAX_WORKER_SILENCE_S:
            found.append("engine_down")
        if self.outbox_lag_s > MAX_OUTBOX_LAG_S:
            found.append("outbox_lag")
        return found

    @property
    def degraded(self) -> bool:
        return bool(self.problems)


def _age(moment, now) -> float:
    return 0.0 if moment is None else max(0.0, (now - moment).total_seconds())


def platform_health(now=None) -> PlatformHealth:
    now = now or timezone.now()
    oldest_fix = Fix.objects.filter(batch__isnull=True).aggregate(m=Min("received_at"))["m"]
    heartbeat = EngineCheckpoint.objects.aggregate(m=Max("heartbeat_at"))["m"]
    unpublished = Event.objects.filter(published_at__isnull=True)
    return PlatformHealth(
        intake_lag_s=_age(oldest_fix, now),
        engine_silence_s=None if heartbeat is None else _age(heartbeat, now),
        outbox_backlog=unpublished.count(),
        outbox_lag_s=_age(unpublished.aggregate(m=Min("stored_at"))["m"], now),
        last_event_at=Event.objects.aggregate(m=Max("stored_at"))["m"],
    )


@dataclass
class DeviceHealth:
    device: Device
    last_fix_at: datetime | None
    battery_pct: float | None
    offline: bool
    clock_errors: int
    test_due: bool


def _battery(device_id: str) -> float | None:
    return (
        Fix.objects.filter(device_id=device_id, battery_pct__isnull=False)
        .order_by("-ts")
        .values_list("battery_pct", flat=True)
        .first()
    )


def device_health(offline_after_s: int = 180, now=None) -> list[DeviceHealth]:
    """Devices out with victims or wearers: last fix age, battery, offline, clock errors, tests."""
    now = now or timezone.now()
    devices = list(
        Device.objects.filter(status=DeviceStatus.ASSIGNED).order_by("kind", "device_id")
    )
    ids = [d.device_id for d in devices]
    latest = {}
    for row in (
        Fix.objects.filter(device_id__in=ids)
        .values("device_id")
        .annotate(ts=Max("ts"), received=Max("received_at"))
    ):
        latest[row["device_id"]] = row
    clock = dict(
        IntakeRefusal.objects.filter(
            reason=RefusalReason.CLOCK_AHEAD, device_id__in=ids
        ).values_list("device_id", "count")
    )
    due = set(tests_due(now).values_list("pk", flat=True))
    rows = []
    for device in devices:
        info = latest.get(device.device_id)
        last = info["received"] if info else None
        rows.append(
            DeviceHealth(
                device=device,
                last_fix_at=last,
                battery_pct=_battery(device.device_id),
                offline=last is None or now - last > timedelta(seconds=offline_after_s),
                clock_errors=clock.get(device.device_id, 0),
                test_due=device.kind == DeviceKind.ALARM_PHONE and device.pk in due,
            )
        )
    return rows
