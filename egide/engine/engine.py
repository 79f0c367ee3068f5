"""The Engine: configuration indexed once, state kept between batches, events out.

The same object serves the batch replay and the live pipeline: feed it batches of fixes in
arrival order, as many and as small as wanted; cutting the stream elsewhere, or snapshotting and
restoring the state in between, changes nothing to the events.

An alarm is raised by every fix that carries it, repeats included (rule 2): a repeat of an alarm
already raised for the same (device, ts) gets the very same event id, so whoever keeps the events
keeps them by id (the replay's writer, the live event table) and the operator sees it once.
The engine's state is its own: callers use the operations below, never the arrays.
"""

import hashlib
import io
import math
from collections.abc import Iterator, Sequence

import numpy as np

from . import kernel
from .errors import InputError
from .events import KINDS, LEVELS, Event
from .geo import RAD_PER_DEG
from .kernel import NO_TS, EventBuffer, Fixes, State, Tables
from .model import MOVING_ZONE_ID, Config, parse_config

_EVENT_BUFFER = 8192  # events per kernel call; the kernel stops and resumes when it is full
_EVENT_DTYPES = ("i1", "i8", "i4", "i4", "i1", "i1", "f8")  # EventBuffer fields
_ALARMS = {
    None: kernel.NO_ALARM,
    "": kernel.NO_ALARM,
    "sos": kernel.ALARM_SOS,
    "tamper": kernel.ALARM_TAMPER,
}


class Engine:
    """Pairings and fixes in, events out (`docs/monitoring.md`, rules 1-10)."""

    def __init__(self, config: Config):
        self.config = config
        self.devices = _device_ids(config)
        self.device_index = {device: i for i, device in enumerate(self.devices)}
        self.tables = _tables(config, self.device_index)
        self.state = _new_state(len(self.devices), len(self.tables.slot_alert))
        self.slot_ids = [
            (p.id, zone)
            for p in config.pairings
            for zone in (MOVING_ZONE_ID, *(z.id for z in p.zones))
        ]
        capacity = max(_EVENT_BUFFER, 2 * self.tables.max_events_per_fix)
        self._buffer = EventBuffer(*(np.empty(capacity, dtype) for dtype in _EVENT_DTYPES))
        self._fingerprint = hashlib.sha256(repr(config).encode()).digest()

    def fixes(self, device: Sequence[str], ts, lat, lon, accuracy=None, battery=None, alarm=None):
        """A batch from Python values (ts in ns; None for a missing accuracy, battery or alarm)."""
        n = len(device)

        def floats(values):
            values = [None] * n if values is None else values
            return np.array([np.nan if v is None else v for v in values], dtype=np.float64)

        return Fixes(
            dev=np.array([self.device_index.get(d, -1) for d in device], dtype=np.int32),
            ts=np.asarray(ts, dtype=np.int64),
            lat=np.asarray(lat, dtype=np.float64),
            lon=np.asarray(lon, dtype=np.float64),
            accuracy=floats(accuracy),
            battery=floats(battery),
            alarm=np.array([_ALARMS[a] for a in (alarm or [None] * n)], dtype=np.int8),
        )

    def process(self, fixes: Fixes) -> list[Event]:
        """Apply a batch of fixes in arrival order; -> the events it raises."""
        return [e for columns in self.process_columns(fixes) for e in self.events(columns)]

    def process_columns(self, fixes: Fixes) -> Iterator[EventBuffer]:
        """`process`, the events as arrays (a copy per chunk): for writers that need no objects."""
        start = 0
        while start < len(fixes.ts):
            start, count = kernel.process(
                self.tables, self.state, fixes, start, self._buffer, len(self._buffer.ts)
            )
            yield EventBuffer(*(column[:count].copy() for column in self._buffer))

    def finish(self) -> list[Event]:
        """End of a replay: `device.offline` for every device silent for more than offline_after_s
        before the latest accepted fix of all (rule 10)."""
        return self.events(self.finish_columns())

    def finish_columns(self) -> EventBuffer:
        """`finish`, the events as arrays."""
        latest = self.state.counters[kernel.MAX_TS]
        silent = self.silent_before(latest) if latest != NO_TS else np.empty(0, np.intp)
        ts = self.state.dev_ts[silent] + self.tables.offline_after_ns
        dev = np.asarray(silent, np.int32)
        none = np.full(len(dev), -1, np.int32)
        zeros = np.zeros(len(dev), np.int8)
        kinds = np.full(len(dev), kernel.OFFLINE, np.int8)
        return EventBuffer(kinds, ts, dev, none, zeros, zeros, np.zeros(len(dev)))

    def silent_before(self, moment_ns: int) -> np.ndarray:
        """Indices of the devices whose latest accepted fix is more than offline_after_s before
        `moment_ns` (rule 10)."""
        ts = self.state.dev_ts
        return np.flatnonzero((ts != NO_TS) & (moment_ns - self.tables.offline_after_ns > ts))

    def latest_ts(self, device: int) -> int:
        """The device's latest accepted ts (ns), or NO_TS."""
        return int(self.state.dev_ts[device])

    def reconfigured(self, config: Config) -> "Engine":
        """A new engine for `config` that carries this one's state over: devices' latest positions
        and batteries by device id, zone levels by (pairing, zone), counters as they were."""
        new = Engine(config)
        o, n = self.state, new.state
        kept = [
            (i, self.device_index[d]) for i, d in enumerate(new.devices) if d in self.device_index
        ]
        if kept:
            to, frm = (np.array(side) for side in zip(*kept, strict=True))
            for name in ("dev_ts", "dev_phi", "dev_lam", "dev_cos", "dev_poor", "dev_battery"):
                getattr(n, name)[to] = getattr(o, name)[frm]
        old_slots = {slot: k for k, slot in enumerate(self.slot_ids)}
        for k, slot in enumerate(new.slot_ids):
            if slot in old_slots:
                n.slot_level[k] = o.slot_level[old_slots[slot]]
        n.counters[...] = o.counters
        return new

    @property
    def counters(self) -> dict[str, int]:
        c = self.state.counters
        return {
            "received": int(c[kernel.RECEIVED]),
            "unknown_device": int(c[kernel.UNKNOWN]),
            "duplicate_of_latest": int(c[kernel.DUPLICATE]),
            "older_than_latest": int(c[kernel.OLDER]),
            "accepted": int(c[kernel.ACCEPTED]),
        }

    def snapshot(self) -> bytes:
        """The whole mutable state, exactly, tied to this configuration."""
        out = io.BytesIO()
        np.savez(out, config=np.frombuffer(self._fingerprint, np.uint8), **self.state._asdict())
        return out.getvalue()

    def restore(self, data: bytes) -> None:
        with np.load(io.BytesIO(data)) as saved:
            if saved["config"].tobytes() != self._fingerprint:
                raise InputError("snapshot: taken with another configuration")
            for name, array in self.state._asdict().items():
                array[...] = saved[name]

    def state_bytes(self) -> int:
        return sum(array.nbytes for array in self.state)

    def events(self, columns: EventBuffer) -> list[Event]:
        """Event objects of kernel arrays (the live path; the replay writes arrays directly)."""
        events = []
        for kind, ts, dev, slot, level_from, level_to, distance in zip(
            *(column.tolist() for column in columns), strict=True
        ):
            if slot < 0:
                event = Event(KINDS[kind], ts, self.devices[dev])
            else:
                pairing, zone = self.slot_ids[slot]
                event = Event(
                    KINDS[kind],
                    ts,
                    self.devices[dev],
                    pairing,
                    zone,
                    LEVELS[level_from],
                    LEVELS[level_to],
                    round(distance),
                )
            events.append(event)
        return events


def _device_ids(config: Config) -> tuple[str, ...]:
    named = [d for p in config.pairings for d in (p.perpetrator_device, p.victim_device)]
    return tuple(dict.fromkeys([*named, *config.alarm_phones]))


def _new_state(n_devices: int, n_slots: int) -> State:
    counters = np.zeros(6, np.int64)
    counters[kernel.MAX_TS] = NO_TS
    return State(
        dev_ts=np.full(n_devices, NO_TS, np.int64),
        dev_phi=np.zeros(n_devices),
        dev_lam=np.zeros(n_devices),
        dev_cos=np.zeros(n_devices),
        dev_poor=np.zeros(n_devices, np.bool_),
        dev_battery=np.full(n_devices, kernel.BATTERY_OK, np.int8),
        slot_level=np.full(n_slots, kernel.CLEAR, np.int8),
        counters=counters,
    )


def _tables(config: Config, device_index: dict[str, int]) -> Tables:
    pairings = config.pairings
    roles: dict[tuple[int, int], int] = {}
    for p, pairing in enumerate(pairings):
        perpetrator = (device_index[pairing.perpetrator_device], p)
        victim = (device_index[pairing.victim_device], p)
        roles[perpetrator] = roles.get(perpetrator, 0) | kernel.PERPETRATOR
        roles[victim] = roles.get(victim, 0) | kernel.VICTIM
    members = sorted(roles)
    member_dev = np.array([d for d, _ in members], np.int64)
    dev_first = np.searchsorted(member_dev, np.arange(len(device_index) + 1)).astype(np.int64)
    fixed = np.array([len(p.zones) for p in pairings], np.int32)
    slot = np.concatenate([[0], np.cumsum(fixed + 1)[:-1]]).astype(np.int32)
    slots = _slot_arrays(config)
    member_pairing = np.array([p for _, p in members], np.int32)
    per_device = np.bincount(member_dev, weights=1 + fixed[member_pairing], minlength=1)
    return Tables(
        dev_first=dev_first,
        member_pairing=member_pairing,
        member_role=np.array([roles[m] for m in members], np.int8),
        pairing_perpetrator=np.array(
            [device_index[p.perpetrator_device] for p in pairings], np.int32
        ),
        pairing_victim=np.array([device_index[p.victim_device] for p in pairings], np.int32),
        pairing_from=np.array([_or(p.valid_from, NO_TS) for p in pairings], np.int64),
        pairing_until=np.array([_or(p.valid_until, -(NO_TS + 1)) for p in pairings], np.int64),
        pairing_slot=slot,
        pairing_fixed=fixed,
        **slots,
        offline_after_ns=config.settings.offline_after_ns,
        max_accuracy_m=config.settings.max_accuracy_m,
        max_events_per_fix=int(per_device.max()) + kernel.DEVICE_EVENTS_PER_FIX,
    )


def _slot_arrays(config: Config) -> dict[str, np.ndarray]:
    """Per (pairing, zone) slot: the moving zone first (no centre), then the fixed zones."""
    centre, alert, prealert, windows = [], [], [], []
    for pairing in config.pairings:
        centre.append((0.0, 0.0))
        alert.append(pairing.alert_m)
        prealert.append(pairing.prealert_m)
        windows.append([])
        for zone in pairing.zones:
            centre.append((zone.lat, zone.lon))
            alert.append(zone.alert_m)
            prealert.append(zone.prealert_m)
            windows.append(_merged(zone.exemptions))
    phi = [lat * RAD_PER_DEG for lat, _ in centre]
    alert_m, prealert_m = np.array(alert, np.float64), np.array(prealert, np.float64)
    flat = [w for slot_windows in windows for w in slot_windows]
    return {
        "slot_phi": np.array(phi, np.float64),
        "slot_lam": np.array([lon * RAD_PER_DEG for _, lon in centre], np.float64),
        # math.cos as in the kernel: numpy's vectorised cos may differ in the last bit.
        "slot_cos": np.array([math.cos(x) for x in phi], np.float64),
        "slot_alert": alert_m,
        "slot_prealert": prealert_m,
        "slot_leave_alert": np.maximum(1.1 * alert_m, alert_m + 200.0),
        "slot_leave_prealert": np.maximum(1.1 * prealert_m, prealert_m + 200.0),
        "slot_first_exemption": np.concatenate([[0], np.cumsum([len(w) for w in windows])]).astype(
            np.int64
        ),
        "exemption_start": np.array([s for s, _ in flat], np.int64),
        "exemption_end": np.array([e for _, e in flat], np.int64),
    }


def _merged(windows) -> list[tuple[int, int]]:
    """Overlapping or touching [start, end) windows as one: same union, sorted and disjoint, so
    the kernel can bisect."""
    merged: list[list[int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _or(value, default):
    return default if value is None else value


WARM_UP_CONFIG = """{"pairings": [{"id": "p", "perpetrator_device": "a", "victim_device": "v",
  "alert_m": 500, "valid_from": "2026-01-01T00:00:00Z", "zones": [{"id": "z", "lat": 48.8,
  "lon": 2.3, "alert_m": 200, "exemptions": [{"start": "2026-01-01T00:00:00Z",
  "end": "2026-01-02T00:00:00Z"}]}]}], "alarm_phones": ["t"]}"""


def warm_up() -> None:
    """Compile the kernels the live engine runs, or load them from numba's cache (seconds the
    first time after an install, on a busy machine tens of them): call it before taking any
    lock, so that no fix pays it inside a transaction."""
    engine = Engine(parse_config(WARM_UP_CONFIG, "warm-up"))
    ts = 1_767_225_600 * 10**9  # 2026-01-01
    engine.process(
        engine.fixes(["a", "v", "t"], [ts] * 3, [48.8] * 3, [2.3] * 3, alarm=[None, None, "sos"])
    )
