"""Accepting fixes: per-device secret check, clock check, durable storage, refusal counters.

A fix is committed to the intake log before the device hears "OK" (`store` returns only after
the transaction commits). A fix resent by a device (same device and time) is a duplicate: the
unique key ignores it and the device still hears "OK", so it stops resending. In the scale-out
mode (EGIDE_MONITORING_LOG=nats) the log is NATS JetStream (`jetstream.py`), with the same
promise: `store` returns once JetStream has the fixes on disk.
"""

import hmac
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from egide.devices.models import Device
from egide.devices.services import intake_secret_hash

from . import jetstream, routing
from .models import IntakeRefusal, RefusalReason
from .protocols import IncomingFix

# reference/monitoring.md, "Live intake only": a fix stamped more than 10 minutes after its
# reception is a device clock error, refused (the engine would freeze the device until then).
MAX_CLOCK_AHEAD_NS = 10 * 60 * 1_000_000_000
# A device's secret hash is cached this long in each process (a revoked secret stops working
# within this delay); negative answers are never cached.
SECRET_CACHE_S = 30.0

_secret_hashes: dict[str, tuple[str, float]] = {}

# Fixes are written with one statement, not through the ORM (whose per-value compiling was most
# of the batch endpoint's time); both skip a fix resent by its device.
INSERT_FIX = (
    "INSERT INTO monitoring_fix"
    " (device_id, ts, lat, lon, accuracy_m, battery_pct, alarm, source, received_at)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (device_id, ts) DO NOTHING"
)
# PostgreSQL takes the whole batch as one array per column (one round trip, one plan).
INSERT_FIX_ARRAYS = (
    "INSERT INTO monitoring_fix"
    " (device_id, ts, lat, lon, accuracy_m, battery_pct, alarm, source, received_at)"
    " SELECT d, t, la, lo, ac, ba, al, %s, %s FROM unnest(%s::varchar[], %s::bigint[],"
    " %s::float8[], %s::float8[], %s::float8[], %s::float8[], %s::varchar[])"
    " AS f(d, t, la, lo, ac, ba, al) ON CONFLICT (device_id, ts) DO NOTHING"
)


@dataclass
class Verdict:
    accepted: list[IncomingFix] = field(default_factory=list)
    unauthenticated: list[tuple[int, IncomingFix, str]] = field(default_factory=list)
    clock_ahead: list[tuple[int, IncomingFix]] = field(default_factory=list)


def _known_hashes(device_ids: set[str]) -> dict[str, str]:
    now = time.monotonic()
    known = {}
    missing = set()
    for device_id in device_ids:
        cached = _secret_hashes.get(device_id)
        if cached and cached[1] > now:
            known[device_id] = cached[0]
        else:
            missing.add(device_id)
    if missing:
        rows = Device.objects.filter(device_id__in=missing).values_list(
            "device_id", "intake_secret_hash"
        )
        for device_id, secret_hash in rows:
            known[device_id] = secret_hash
            _secret_hashes[device_id] = (secret_hash, now + SECRET_CACHE_S)
    return known


def forget_cached_secrets() -> None:
    _secret_hashes.clear()


def check(fixes: Sequence[IncomingFix], received_ns: int) -> Verdict:
    """Sort fixes into accepted, unauthenticated (unknown device or wrong secret: compared in
    constant time) and device clock ahead."""
    verdict = Verdict()
    hashes = _known_hashes({fix.device_id for fix in fixes})
    checked: dict[tuple[str, str], bool] = {}
    for index, fix in enumerate(fixes):
        expected = hashes.get(fix.device_id)
        if expected is None:
            verdict.unauthenticated.append((index, fix, RefusalReason.UNKNOWN_DEVICE))
            continue
        key = (fix.device_id, fix.secret)
        if key not in checked:
            checked[key] = bool(fix.secret) and hmac.compare_digest(
                intake_secret_hash(fix.secret), expected
            )
        if not checked[key]:
            verdict.unauthenticated.append((index, fix, RefusalReason.BAD_SECRET))
        elif fix.ts - received_ns > MAX_CLOCK_AHEAD_NS:
            verdict.clock_ahead.append((index, fix))
        else:
            verdict.accepted.append(fix)
    return verdict


def store(fixes: Sequence[IncomingFix], source: str) -> None:
    """Commit the fixes to the intake log (duplicates ignored); returns once committed."""
    if jetstream.enabled():
        jetstream.publish([(routing.partition_of(f.device_id), f) for f in fixes], source)
        return
    received_at = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = [list(column) for column in zip(*(_row(f) for f in fixes), strict=True)]
            cursor.execute(INSERT_FIX_ARRAYS, [source, received_at, *columns])
        else:
            received_at = connection.ops.adapt_datetimefield_value(received_at)
            cursor.executemany(INSERT_FIX, [(*_row(f), source, received_at) for f in fixes])


def _row(f: IncomingFix) -> tuple:
    """A fix as a row; numbers as floats (one type per column for PostgreSQL's arrays)."""
    return (
        f.device_id,
        f.ts,
        float(f.lat),
        float(f.lon),
        _float(f.accuracy_m),
        _float(f.battery_pct),
        f.alarm,
    )


def _float(value) -> float | None:
    return None if value is None else float(value)


def count_refusals(refusals: Sequence[tuple[str, str]]) -> None:
    """Add one to the counter of each (reason, device id)."""
    now = timezone.now()
    tally: dict[tuple[str, str], int] = {}
    for key in refusals:
        tally[key] = tally.get(key, 0) + 1
    for (reason, device_id), count in tally.items():
        counter = IntakeRefusal.objects.filter(reason=reason, device_id=device_id[:64])
        if counter.update(count=F("count") + count, last_at=now):
            continue
        try:
            with transaction.atomic():
                IntakeRefusal.objects.create(
                    reason=reason, device_id=device_id[:64], count=count, last_at=now
                )
        except IntegrityError:  # created meanwhile by another request
            counter.update(count=F("count") + count, last_at=now)
