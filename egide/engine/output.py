"""Events as JSON Lines, written in bulk from the kernel's arrays.

Each line is byte for byte `json.dumps(event.to_dict(), separators=(",", ":"))` (the Event class
stays the definition; a test holds the two together), without building an Event or a dict per
event: the JSON of every device, (pairing, zone) slot, kind and level is made once, times are
formatted a chunk at a time, and the id is hashed from the same key text as `Event.id`.

An alarm repeated on the same (device, ts) has the same id as the first: it is written once
(rule 2); the writer remembers the alarms it wrote, so its memory grows with alarms only.
"""

import hashlib
import json
from typing import TextIO

import numpy as np

from .engine import Engine
from .events import KINDS, LEVELS
from .kernel import SOS, TAMPER, EventBuffer
from .timestamps import iso_texts

_DEVICE_EVENT_REST = '"pairing":null,"zone":null,"from":null,"to":null,"distance_m":null'
_FROM_TO = [[f'"from":"{a}","to":"{b}",' for b in LEVELS] for a in LEVELS]


class EventWriter:
    """Writes the engine's event arrays to `out` as JSON Lines; `count` is how many it wrote."""

    def __init__(self, engine: Engine, out: TextIO):
        self.out = out
        self.count = 0
        self._devices = [json.dumps(device) for device in engine.devices]
        # Per slot: the `"pairing":…,"zone":…` of a line and the `pairing, zone` of an id's key.
        slots = [(json.dumps(p), json.dumps(z)) for p, z in engine.slot_ids]
        self._slot_line = [f'"pairing":{p},"zone":{z}' for p, z in slots]
        self._slot_key = [f"{p}, {z}" for p, z in slots]
        self._alarms_written: set[tuple[int, int, int]] = set()

    def write(self, columns: EventBuffer) -> None:
        columns = self._once(columns)
        if not len(columns.ts):
            return
        sha256 = hashlib.sha256
        devices, slot_line, slot_key = self._devices, self._slot_line, self._slot_key
        lines = []
        append = lines.append
        for kind, ts, dev, slot, level_from, level_to, distance in zip(
            columns.kind.tolist(),
            iso_texts(columns.ts),
            columns.dev.tolist(),
            columns.slot.tolist(),
            columns.level_from.tolist(),
            columns.level_to.tolist(),
            columns.distance.tolist(),
            strict=True,
        ):
            kind = KINDS[kind]
            device = devices[dev]
            if slot < 0:
                key = f'["{kind}", null, null, {device}, "{ts}"]'
                rest = _DEVICE_EVENT_REST
            else:
                key = f'["{kind}", {slot_key[slot]}, {device}, "{ts}"]'
                rest = (
                    f"{slot_line[slot]},{_FROM_TO[level_from][level_to]}"
                    f'"distance_m":{round(distance)}'
                )
            append(
                f'{{"id":"{sha256(key.encode()).hexdigest()[:32]}","type":"{kind}","ts":"{ts}",'
                f'"device":{device},{rest}}}\n'
            )
        self.out.write("".join(lines))
        self.count += len(lines)

    def _once(self, columns: EventBuffer) -> EventBuffer:
        """The columns less the alarms already written (same (kind, device, ts), same id)."""
        alarms = np.flatnonzero((columns.kind == SOS) | (columns.kind == TAMPER))
        if not len(alarms):
            return columns
        keep = np.ones(len(columns.ts), np.bool_)
        written = self._alarms_written
        for row in alarms.tolist():
            key = (int(columns.kind[row]), int(columns.dev[row]), int(columns.ts[row]))
            keep[row] = key not in written
            written.add(key)
        return EventBuffer(*(column[keep] for column in columns))
