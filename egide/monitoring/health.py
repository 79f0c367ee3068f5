"""The platform watching itself, and the devices' health.

Degraded (red banner for operators) when fixes wait too long for the engine, the engine worker
stops beating, or stored events wait too long to reach the console. In the scale-out mode the
fixes wait in the JetStream log, one engine per partition: the lag is that of the oldest message
no partition has processed yet, the engine is as alive as its stalest partition with work
waiting, and a log that does not answer is itself an outage.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Min
from django.utils import timezone

from egide.devices.choices import DeviceKind, DeviceStatus
from egide.devices.models import Device
from egide.devices.services import tests_due

from . import jetstream
from .choices import RefusalReason
from .models import DeviceReport, EngineCheckpoint, Event, Fix, IntakeRefusal
from .pipeline import as_datetime
from .routing import partition_count

# Platform rule: beyond these, monitoring is degraded (tamper alerts must reach the centre within
# 15 s — Spain's specification, docs/monitoring.md — so the pipeline must stay well under).
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
    log_down: bool = False  # scale-out mode: NATS JetStream did not answer

    @property
    def problems(self) -> list[str]:
        found = ["log_down"] if self.log_down else []
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


def _silence(heartbeat, now) -> float | None:
    return None if heartbeat is None else _age(heartbeat, now)


@dataclass
class EngineReading:
    intake_lag_s: float
    engine_silence_s: float | None
    log_down: bool = False


def _embedded_engine(now) -> EngineReading:
    """Fixes wait in the SQL intake log (no batch yet); one worker beats."""
    oldest_fix = Fix.objects.filter(batch__isnull=True).aggregate(m=Min("received_at"))["m"]
    heartbeat = EngineCheckpoint.objects.aggregate(m=Max("heartbeat_at"))["m"]
    return EngineReading(_age(oldest_fix, now), _silence(heartbeat, now))


def _scale_out_engine(now) -> EngineReading:
    """Fixes wait in the stream after each partition's checkpoint. One dead partition worker
    must show while the others run, so the engine's silence is that of the stalest partition
    with work waiting (a partition never started counts as silent); with nothing waiting
    anywhere, that of the freshest one, as in the embedded mode."""
    numbers = {jetstream.subject(number): number for number in range(partition_count())}
    heartbeats, after = {}, dict.fromkeys(numbers.values(), 0)
    for name, heartbeat, sequence in EngineCheckpoint.objects.filter(
        partition__in=numbers
    ).values_list("partition", "heartbeat_at", "stream_sequence"):
        heartbeats[numbers[name]], after[numbers[name]] = heartbeat, sequence
    freshest = _silence(max(heartbeats.values(), default=None), now)
    try:
        waiting = jetstream.oldest_waiting(after)
    except jetstream.LogUnavailable:
        return EngineReading(0.0, freshest, log_down=True)
    if not waiting:
        return EngineReading(0.0, freshest)
    silences = [_silence(heartbeats.get(number), now) for number in waiting]
    stalest = None if None in silences else max(silences)
    return EngineReading(_age(min(waiting.values()), now), stalest)


def platform_health(now=None) -> PlatformHealth:
    now = now or timezone.now()
    engine = (_scale_out_engine if jetstream.enabled() else _embedded_engine)(now)
    unpublished = Event.objects.filter(published_at__isnull=True)
    return PlatformHealth(
        intake_lag_s=engine.intake_lag_s,
        engine_silence_s=engine.engine_silence_s,
        outbox_backlog=unpublished.count(),
        outbox_lag_s=_age(unpublished.aggregate(m=Min("stored_at"))["m"], now),
        last_event_at=Event.objects.aggregate(m=Max("stored_at"))["m"],
        log_down=engine.log_down,
    )


@dataclass
class DeviceHealth:
    device: Device
    last_fix_at: datetime | None
    battery_pct: float | None
    offline: bool
    clock_errors: int
    test_due: bool
    last_fix_age_s: int | None = None  # seconds, shown as such while under two minutes
    fix_taken_at: datetime | None = None  # the latest fix's own time (the device's clock)
    unusable: int = 0  # fixes accepted as rejected (bad time or value): the client moved on
    reported: DeviceReport | None = None  # status reported without a position (Traccar)


def _battery(device_id: str) -> float | None:
    return (
        Fix.objects.filter(device_id=device_id, battery_pct__isnull=False)
        .order_by("-ts")
        .values_list("battery_pct", flat=True)
        .first()
    )


def device_health(offline_after_s: int = 180, now=None) -> list[DeviceHealth]:
    """Devices out with victims or wearers: last fix age, battery, offline (and the status a
    Traccar server reported), fixes refused for a clock ahead or rejected as unusable, tests."""
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
    refused = IntakeRefusal.objects.filter(device_id__in=ids)
    clock = dict(refused.filter(reason=RefusalReason.CLOCK_AHEAD).values_list("device_id", "count"))
    unusable = dict(refused.filter(reason=RefusalReason.UNUSABLE).values_list("device_id", "count"))
    reports = {
        report.device_id: report for report in DeviceReport.objects.filter(device_id__in=ids)
    }
    due = set(tests_due(now).values_list("pk", flat=True))
    rows = []
    for device in devices:
        info = latest.get(device.device_id)
        last = info["received"] if info else None
        taken = as_datetime(info["ts"]) if info else None
        rows.append(
            DeviceHealth(
                device=device,
                last_fix_at=last,
                battery_pct=_battery(device.device_id),
                offline=last is None or now - last > timedelta(seconds=offline_after_s),
                clock_errors=clock.get(device.device_id, 0),
                test_due=device.kind == DeviceKind.ALARM_PHONE and device.pk in due,
                last_fix_age_s=None if last is None else round(_age(last, now)),
                fix_taken_at=taken,
                unusable=unusable.get(device.device_id, 0),
                reported=reports.get(device.device_id),
            )
        )
    return rows
