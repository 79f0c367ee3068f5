"""Events as JSON Lines, written in bulk from the kernel's arrays.

Each line is byte for byte `json.dumps(event.to_dict(), separators=(",", ":"))` (the Event class
stays the definition; a test holds the two together), without building an Event or a dict per
event. The JSON of every device, (pairing, zone) slot, kind and level is made once by `json`
itself; a compiled formatter (`_format`) assembles a chunk's lines and the key text of each id
(`Event._id`: the same text `json.dumps` makes of the event's key) as bytes; the ids are hashed
by hashlib, one call per event, and copied into their lines with numpy.

An alarm repeated on the same (device, ts) has the same id as the first: it is written once
(rule 2); the writer remembers the alarms it wrote, so its memory grows with alarms only.
"""

import json
from hashlib import sha256
from itertools import pairwise
from typing import BinaryIO

import numpy as np

from .engine import Engine
from .events import KINDS, LEVELS
from .jit import compiled
from .kernel import SOS, TAMPER, EventBuffer
from .timestamps import NS_PER_S, _civil_from_days

_ID_DIGITS = 32
_LINE_START = b'{"id":"'  # the id's hex digits follow, then `_AFTER_ID`
_AFTER_ID = b'","type":"'
_DEVICE_EVENT_REST = b'"pairing":null,"zone":null,"from":null,"to":null,"distance_m":null}\n'
_FIXED_BYTES = 200  # a line's and a key's bytes besides ids, kind, time and distance: fewer
_NS_PER_DAY = 86_400 * NS_PER_S


class EventWriter:
    """Writes the engine's event arrays to `out` (bytes) as JSON Lines; `count` is how many it
    wrote."""

    def __init__(self, engine: Engine, out: BinaryIO):
        self.out = out
        self.count = 0
        devices = [json.dumps(device).encode() for device in engine.devices]
        # Per slot: the `"pairing":…,"zone":…` of a line and the `pairing, zone` of an id's key.
        slots = [(json.dumps(p), json.dumps(z)) for p, z in engine.slot_ids]
        slot_lines = [f'"pairing":{p},"zone":{z},'.encode() for p, z in slots]
        slot_keys = [f"{p}, {z}".encode() for p, z in slots]
        kinds = [kind.encode() for kind in KINDS]
        levels = [f'"from":"{a}","to":"{b}",'.encode() for a in LEVELS for b in LEVELS]
        texts = [*devices, *slot_lines, *slot_keys, *kinds, *levels]
        self._texts = np.frombuffer(b"".join(texts) or b" ", np.uint8)
        self._first = np.cumsum([0, *(len(t) for t in texts)], dtype=np.int64)
        # Where each table starts in `texts`: devices, slot lines, slot keys, kinds, levels.
        self._tables = np.cumsum([0, len(devices), len(slots), len(slots), len(kinds)])
        longest = max((len(t) for t in texts), default=0)
        self._bytes_per_event = _FIXED_BYTES + 3 * longest
        self._alarms_written: set[tuple[int, int, int]] = set()

    def write(self, columns: EventBuffer) -> None:
        columns = self._once(columns)
        n = len(columns.ts)
        if not n:
            return
        lines = np.empty(n * self._bytes_per_event, np.uint8)
        keys = np.empty(n * self._bytes_per_event, np.uint8)
        line_first = np.empty(n + 1, np.int64)
        key_first = np.empty(n + 1, np.int64)
        _format(
            *columns, self._texts, self._first, self._tables, lines, line_first, keys, key_first
        )
        text = memoryview(keys[: key_first[n]])
        bounds = key_first.tolist()
        digests = "".join([sha256(text[a:b]).hexdigest()[:_ID_DIGITS] for a, b in pairwise(bounds)])
        at = line_first[:n, None] + (len(_LINE_START) + np.arange(_ID_DIGITS))
        lines[at] = np.frombuffer(digests.encode("ascii"), np.uint8).reshape(n, _ID_DIGITS)
        self.out.write(memoryview(lines)[: line_first[n]])
        self.count += n

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


@compiled
def _format(
    kind,
    ts,
    dev,
    slot,
    level_from,
    level_to,
    distance,
    texts,
    first,
    tables,
    lines,
    line_first,
    keys,
    key_first,
):
    """Each event's line into `lines` (its id's digits left for the caller: spaces) and its id's
    key text (`Event._id`) into `keys`; line i is lines[line_first[i]:line_first[i + 1]]."""
    devices, slot_lines, slot_keys, kinds, levels = (
        tables[0],
        tables[1],
        tables[2],
        tables[3],
        tables[4],
    )
    stamp = np.empty(40, np.uint8)
    p = q = 0
    for i in range(len(ts)):
        line_first[i], key_first[i] = p, q
        n_stamp = _iso(ts[i], stamp)
        k = kinds + kind[i]
        d = devices + dev[i]
        # {"id":"…","type":"KIND","ts":"TS","device":DEVICE,
        p = _put_bytes(lines, p, _LINE_START)
        for _ in range(_ID_DIGITS):
            lines[p] = 32
            p += 1
        p = _put_bytes(lines, p, _AFTER_ID)
        p = _put_text(lines, p, texts, first, k)
        p = _put_bytes(lines, p, b'","ts":"')
        p = _put(lines, p, stamp, 0, n_stamp)
        p = _put_bytes(lines, p, b'","device":')
        p = _put_text(lines, p, texts, first, d)
        lines[p] = 44  # ,
        p += 1
        # ["KIND", PAIRING, ZONE, DEVICE, "TS"], as json.dumps writes a list
        q = _put_bytes(keys, q, b'["')
        q = _put_text(keys, q, texts, first, k)
        q = _put_bytes(keys, q, b'", ')
        if slot[i] < 0:
            p = _put_bytes(lines, p, _DEVICE_EVENT_REST)
            q = _put_bytes(keys, q, b"null, null")
        else:
            p = _put_text(lines, p, texts, first, slot_lines + slot[i])
            p = _put_text(lines, p, texts, first, levels + 3 * level_from[i] + level_to[i])
            p = _put_bytes(lines, p, b'"distance_m":')
            p = _put_int(lines, p, int(np.rint(distance[i])))  # round(): half to even
            p = _put_bytes(lines, p, b"}\n")
            q = _put_text(keys, q, texts, first, slot_keys + slot[i])
        q = _put_bytes(keys, q, b", ")
        q = _put_text(keys, q, texts, first, d)
        q = _put_bytes(keys, q, b', "')
        q = _put(keys, q, stamp, 0, n_stamp)
        q = _put_bytes(keys, q, b'"]')
    line_first[len(ts)], key_first[len(ts)] = p, q


@compiled
def _put(out, p, source, start, end):
    for j in range(start, end):
        out[p] = source[j]
        p += 1
    return p


@compiled
def _put_bytes(out, p, constant):
    for j in range(len(constant)):
        out[p] = constant[j]
        p += 1
    return p


@compiled
def _put_text(out, p, texts, first, index):
    return _put(out, p, texts, first[index], first[index + 1])


@compiled
def _put_int(out, p, value):
    """Decimal digits of value >= 0."""
    digits = 1
    while value >= 10**digits:
        digits += 1
    for j in range(digits - 1, -1, -1):
        out[p + j] = 48 + value % 10
        value //= 10
    return p + digits


@compiled
def _iso(ns, out):
    """`format_iso(ns)` into out -> its length: `YYYY-MM-DDThh:mm:ss[.fff|.ffffff|.fffffffff]Z`."""
    days, rest = ns // _NS_PER_DAY, ns % _NS_PER_DAY
    seconds, frac = rest // NS_PER_S, rest % NS_PER_S
    y, m, d = _civil_from_days(days)
    p = _fixed(out, 0, y, 4)
    out[p] = 45
    p = _fixed(out, p + 1, m, 2)
    out[p] = 45
    p = _fixed(out, p + 1, d, 2)
    out[p] = 84  # T
    p = _fixed(out, p + 1, seconds // 3600, 2)
    out[p] = 58
    p = _fixed(out, p + 1, seconds // 60 % 60, 2)
    out[p] = 58
    p = _fixed(out, p + 1, seconds % 60, 2)
    if frac:
        out[p] = 46  # .
        if frac % 1_000_000 == 0:
            p = _fixed(out, p + 1, frac // 1_000_000, 3)
        elif frac % 1000 == 0:
            p = _fixed(out, p + 1, frac // 1000, 6)
        else:
            p = _fixed(out, p + 1, frac, 9)
    out[p] = 90  # Z
    return p + 1


@compiled
def _fixed(out, p, value, width):
    for j in range(width - 1, -1, -1):
        out[p + j] = 48 + value % 10
        value //= 10
    return p + width


_civil_from_days = compiled(_civil_from_days)
