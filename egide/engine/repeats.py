"""Voiding alarms of fixes that repeat an earlier (device, ts).

The kernel tells a duplicate of a device's latest fix from a fresh one by its state alone. A fix
older than the latest is either late (its alarm counts, rule 8) or a repeat of any fix received
before (ignored entirely, rule 2); telling them apart needs every (device, ts) ever received,
which would make memory grow with the input. Only alarms are at stake (an older fix changes no
state), so the few alarm events of older fixes are held and checked here against the stream
itself, read again. Live, the fix store's unique (device, ts) key does this job at intake.
"""

from collections.abc import Iterable, Mapping

import numpy as np

from .errors import InputError
from .events import Event
from .kernel import Fixes


def void_repeats(held: list[Event], device_index: Mapping[str, int], stream: Iterable[Fixes]):
    """Keep the held events whose fix was the first with its (device, ts) in the stream (the same
    stream, from its start, that the engine was fed)."""
    if not held:
        return []
    keys = {(device_index[e.device], e.ts) for e in held}
    devices = np.array(sorted({d for d, _ in keys}), np.int32)
    times = np.array(sorted({t for _, t in keys}), np.int64)
    last = max(e.arrival for e in held)
    first_arrival: dict[tuple[int, int], int] = {}
    arrival = 0
    for fixes in stream:
        for i in np.flatnonzero(np.isin(fixes.dev, devices) & np.isin(fixes.ts, times)):
            first_arrival.setdefault((int(fixes.dev[i]), int(fixes.ts[i])), arrival + int(i))
        arrival += len(fixes.ts)
        if arrival > last:
            break
    if arrival <= last:
        raise InputError("fixes changed while being read a second time (pass a file, not a pipe)")
    return [e for e in held if first_arrival[(device_index[e.device], e.ts)] == e.arrival]
