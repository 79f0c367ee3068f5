"""Accepting fixes: per-device secret check, clock check, durable storage, refusal counters.

A fix is committed to the intake log before the device hears "OK" (`store` returns only after
the transaction commits). A fix resent by a device (same device, time and alarm) is a duplicate:
the unique key ignores it and the device still hears "OK", so it stops resending; `store` says
which fixes were really stored, so the answer's count is true. A repeat of (device, time) that
carries an alarm none of its earlier fixes carried is stored (an SOS stamped with the last fix).
In the scale-out mode (EGIDE_MONITORING_LOG=nats) the log is NATS JetStream (`jetstream.py`),
with the same promise: `store` returns once JetStream has the fixes on disk.
"""

import hmac
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from egide.devices.models import Device
from egide.devices.secrets import SECRET_FIELDS, accepted_secret_hashes, intake_secret_hash

from . import jetstream, routing
from .choices import RefusalReason
from .models import DeviceReport, IntakeRefusal
from .protocols import IncomingFix, StatusReport

# docs/monitoring.md, "Live intake only": a fix stamped more than 10 minutes after its
# reception is a device clock error, refused (the engine would freeze the device until then).
MAX_CLOCK_AHEAD_NS = 10 * 60 * 1_000_000_000
# A device's accepted secrets are cached this long in each process: a rotated, revoked or lost
# device's secret is refused within this delay on every worker (several processes share nothing
# else). Negative answers are never cached.
SECRET_CACHE_S = 1.0
AUTH_CHUNK = 500  # devices read at a time when checking a batch

_secret_hashes: dict[str, tuple[tuple[str, ...], float]] = {}

# Fixes are written with one statement, not through the ORM (whose per-value compiling was most
# of the batch endpoint's time); both skip a fix resent by its device, and say what they stored.
INSERT_FIX = (
    "INSERT INTO monitoring_fix"
    " (device_id, ts, lat, lon, accuracy_m, battery_pct, alarm, source, received_at)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (device_id, ts, alarm) DO NOTHING"
)
# PostgreSQL takes the whole batch as one array per column (one round trip, one plan).
INSERT_FIX_ARRAYS = (
    "INSERT INTO monitoring_fix"
    " (device_id, ts, lat, lon, accuracy_m, battery_pct, alarm, source, received_at)"
    " SELECT d, t, la, lo, ac, ba, al, %s, %s FROM unnest(%s::varchar[], %s::bigint[],"
    " %s::float8[], %s::float8[], %s::float8[], %s::float8[], %s::varchar[])"
    " AS f(d, t, la, lo, ac, ba, al) ON CONFLICT (device_id, ts, alarm) DO NOTHING"
    " RETURNING device_id, ts, alarm"
)


@dataclass
class Verdict:
    accepted: list[IncomingFix] = field(default_factory=list)
    unauthenticated: list[tuple[int, IncomingFix, str]] = field(default_factory=list)
    clock_ahead: list[tuple[int, IncomingFix]] = field(default_factory=list)


def _known_hashes(device_ids: set[str]) -> dict[str, tuple[str, ...]]:
    """device id -> the hashes of the secrets it may use now (none: lost device)."""
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
        for device in Device.objects.filter(device_id__in=missing).only(*SECRET_FIELDS):
            known[device.device_id] = accepted_secret_hashes(device)
            _secret_hashes[device.device_id] = (known[device.device_id], now + SECRET_CACHE_S)
    return known


def refusal_of(expected: tuple[str, ...] | None, secret: str) -> str | None:
    """Why a device with these accepted hashes (None: unknown) refuses `secret`; None if it
    accepts it (compared in constant time, against every accepted hash)."""
    if expected is None:
        return RefusalReason.UNKNOWN_DEVICE
    if not expected:
        return RefusalReason.REVOKED
    digest = intake_secret_hash(secret) if secret else ""
    matches = [hmac.compare_digest(digest, candidate) for candidate in expected]
    return None if secret and any(matches) else RefusalReason.BAD_SECRET


def forget_cached_secrets() -> None:
    _secret_hashes.clear()


def refusals(claims: Sequence[tuple[str, str]], *, stop_early: bool = False) -> dict[int, str]:
    """index -> why the (device id, secret) claim at that index is refused (unknown device,
    revoked, wrong secret: compared in constant time). Devices are read AUTH_CHUNK at a time;
    `stop_early` stops after the first chunk with a refusal (a batch is refused whole anyway,
    so a flood of made-up ids costs one small read)."""
    refused: dict[int, str] = {}
    checked: dict[tuple[str, str], str | None] = {}
    for start in range(0, len(claims), AUTH_CHUNK):
        chunk = claims[start : start + AUTH_CHUNK]
        hashes = _known_hashes({device_id for device_id, _ in chunk})
        for offset, claim in enumerate(chunk):
            if claim not in checked:
                checked[claim] = refusal_of(hashes.get(claim[0]), claim[1])
            if checked[claim] is not None:
                refused[start + offset] = checked[claim]
        if refused and stop_early:
            break
    return refused


def check(fixes: Sequence[IncomingFix], received_ns: int) -> Verdict:
    """Sort fixes into accepted, unauthenticated and device clock ahead."""
    verdict = Verdict()
    refused = refusals([(fix.device_id, fix.secret) for fix in fixes])
    for index, fix in enumerate(fixes):
        if index in refused:
            verdict.unauthenticated.append((index, fix, refused[index]))
        elif fix.ts - received_ns > MAX_CLOCK_AHEAD_NS:
            verdict.clock_ahead.append((index, fix))
        else:
            verdict.accepted.append(fix)
    return verdict


def store(fixes: Sequence[IncomingFix], source: str) -> list[bool]:
    """Commit the fixes to the intake log; returns once committed, with, for each fix, whether
    it was stored (False: a duplicate, ignored)."""
    if not fixes:
        return []
    if jetstream.enabled():
        return jetstream.publish([(routing.partition_of(f.device_id), f) for f in fixes], source)
    received_at = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = [list(column) for column in zip(*(_row(f) for f in fixes), strict=True)]
            cursor.execute(INSERT_FIX_ARRAYS, [source, received_at, *columns])
            inserted = Counter(cursor.fetchall())
            return [_take(inserted, (f.device_id, f.ts, f.alarm)) for f in fixes]
        received_at = connection.ops.adapt_datetimefield_value(received_at)
        stored = []
        for f in fixes:
            cursor.execute(INSERT_FIX, (*_row(f), source, received_at))
            stored.append(cursor.rowcount == 1)
        return stored


def _take(inserted: Counter, key: tuple) -> bool:
    """Whether `key` is among the inserted rows (each row answers for one fix only)."""
    if inserted[key] > 0:
        inserted[key] -= 1
        return True
    return False


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


def refusal_counts(refusals: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """One request's refusals as at most one counter per reason: per device when they name a
    single known device, else under "" (an unknown device id is the sender's choice: never a
    counter of its own, so a request adds a bounded number of rows)."""
    by_reason: dict[str, list[str]] = {}
    for reason, device_id in refusals:
        by_reason.setdefault(reason, []).append(device_id)
    counts = {}
    for reason, device_ids in by_reason.items():
        single = len(set(device_ids)) == 1 and reason != RefusalReason.UNKNOWN_DEVICE
        counts[(reason, device_ids[0] if single else "")] = len(device_ids)
    return counts


def count_refusals(counts: dict[tuple[str, str], int]) -> None:
    """Add the counts to their counters (one write per counter)."""
    now = timezone.now()
    for (reason, device_id), count in counts.items():
        counter = IntakeRefusal.objects.filter(reason=reason, device_id=device_id)
        if counter.update(count=F("count") + count, last_at=now):
            continue
        try:
            with transaction.atomic():
                IntakeRefusal.objects.create(
                    reason=reason, device_id=device_id, count=count, last_at=now
                )
        except IntegrityError:  # created meanwhile by another request
            counter.update(count=F("count") + count, last_at=now)


def record_statuses(reports: Sequence[StatusReport]) -> None:
    """Each authenticated device's latest reported status (one row per device)."""
    now = timezone.now()
    latest = {report.device_id: report.status for report in reports}
    for device_id, status in latest.items():
        DeviceReport.objects.update_or_create(
            device_id=device_id, defaults={"status": status, "reported_at": now}
        )
