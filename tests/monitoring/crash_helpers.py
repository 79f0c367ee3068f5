"""Run in subprocesses by test_crash.py, against a scratch database of their own:
`python -c "from tests.monitoring.crash_helpers import setup; setup()"` and friends."""

import json
import sys
import tempfile
import time
from pathlib import Path

import django

COUPLES = 3
STEPS = 600
SILENT = (200, 420)  # the first victim unit goes quiet for 220 s (offline, then online)
# Every REPEAT_EVERY steps the last couple's devices re-send their latest fix as a phone's SOS
# or a bracelet's tamper does (stamped with the last fix: a repeat carrying a new alarm), and
# once more without it (a pure resend, dropped at intake).
REPEAT_EVERY = 50
ALARM_REPEATS = 2 * (STEPS // REPEAT_EVERY)


def _django() -> None:
    django.setup()


def setup() -> None:
    """Three active pairings; their device ids on standard output."""
    _django()
    from .helpers import SECRET, paired

    couples = []
    for _ in range(COUPLES):
        pairing = paired()
        couples.append([pairing.perpetrator_device.device_id, pairing.victim_device.device_id])
    print(json.dumps({"couples": couples, "secret": SECRET}))


def _stream(couples, start_s):
    from egide.tools.scenario import Couple, stream

    from .helpers import SECRET, VICTIM

    pairs = [Couple(p, v, VICTIM, SECRET) for p, v in couples]
    return stream(pairs, start_s, STEPS, silent=SILENT)


def feed(couples_json: str, start_s: int, steps_per_write: int = 5, pause_s: float = 0.02) -> None:
    """The stream, written to the intake log a few time steps at a time, as devices would."""
    _django()
    from dataclasses import replace

    from egide.monitoring import intake

    couples = json.loads(couples_json)
    repeating = dict(zip(couples[-1], ("tamper", "sos"), strict=True))
    pending, latest = [], {}
    for n, fixes in enumerate(_stream(couples, start_s), start=1):
        pending += fixes
        latest.update((fix.device_id, fix) for fix in fixes if fix.device_id in repeating)
        if n % REPEAT_EVERY == 0:
            for device, alarm in repeating.items():
                pending += [replace(latest[device], alarm=alarm), latest[device]]
        if n % steps_per_write == 0:
            intake.store(pending, "test")
            pending = []
            time.sleep(pause_s)
    if pending:
        intake.store(pending, "test")


def verify(partition: str | None = None) -> None:
    """Stored events against `monitor replay` of the processed fixes, as JSON (the engine
    configuration is the checkpoint's of `partition`)."""
    _django()
    from egide.monitoring.evidence import replayed_event_ids
    from egide.monitoring.models import Event, Fix
    from egide.monitoring.pipeline import EMBEDDED_PARTITION

    plain = set(Fix.objects.filter(alarm="").values_list("device_id", "ts"))
    repeats = {
        (device, ts, "sos" if alarm == "sos" else "device.tamper")
        for device, ts, alarm in Fix.objects.exclude(alarm="").values_list(
            "device_id", "ts", "alarm"
        )
        if (device, ts) in plain
    }
    alarm_events = set(
        Event.objects.filter(type__in=["sos", "device.tamper"]).values_list(
            "device_id", "ts_ns", "type"
        )
    )

    with tempfile.TemporaryDirectory() as directory:
        replayed = replayed_event_ids(Path(directory), partition or EMBEDDED_PARTITION)
    stored = list(Event.objects.values_list("id", flat=True))
    json.dump(
        {
            "fixes": Fix.objects.count(),
            "unprocessed": Fix.objects.filter(batch__isnull=True).count(),
            "stored": len(stored),
            "replayed": len(replayed),
            "replayed_distinct": len(set(replayed)),
            "lost": sorted(set(replayed) - set(stored)),
            "unexpected": sorted(set(stored) - set(replayed)),
            "unpublished": Event.objects.filter(published_at__isnull=True).count(),
            "types": sorted(set(Event.objects.values_list("type", flat=True))),
            "alarm_repeats": len(repeats),
            "alarm_repeats_without_event": len(repeats - alarm_events),
        },
        sys.stdout,
    )
