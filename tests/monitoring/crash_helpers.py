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
    from egide.monitoring.scenario import Couple, stream

    from .helpers import SECRET, VICTIM

    pairs = [Couple(p, v, VICTIM, SECRET) for p, v in couples]
    return stream(pairs, start_s, STEPS, silent=SILENT)


def feed(couples_json: str, start_s: int, steps_per_write: int = 5, pause_s: float = 0.02) -> None:
    """The stream, written to the intake log a few time steps at a time, as devices would."""
    _django()
    from egide.monitoring import intake

    pending = []
    for n, fixes in enumerate(_stream(json.loads(couples_json), start_s), start=1):
        pending += fixes
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
        },
        sys.stdout,
    )
