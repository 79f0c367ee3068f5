"""The compiled per-fix loop: rules 2-10 of `docs/monitoring.md`, on arrays.

Everything here is numbers: devices, pairings and zones are indices built by `engine.py`, times
are int64 nanoseconds, levels and event kinds are small integer codes. The loop stops early when
the event buffer could overflow, and the caller resumes it from the returned index.
"""

from typing import NamedTuple

import numpy as np

from .geo import haversine_rad
from .jit import compiled

NO_TS = np.iinfo(np.int64).min  # a device that has sent no accepted fix yet

CLEAR, PREALERT, ALERT = 0, 1, 2
BATTERY_OK, BATTERY_LOW, BATTERY_CRITICAL = 0, 1, 2
NO_ALARM, ALARM_SOS, ALARM_TAMPER = 0, 1, 2
PERPETRATOR, VICTIM = 1, 2  # role bits of a device in a pairing

ZONE_ENTER, ZONE_EXIT, SOS, TAMPER, BATTERY_LOW_EVENT, BATTERY_CRITICAL_EVENT = 0, 1, 2, 3, 4, 5
OFFLINE, ONLINE = 6, 7
DEVICE_EVENTS_PER_FIX = 4  # an alarm, offline + online, a battery change

# counters, kept in the state
RECEIVED, UNKNOWN, DUPLICATE, OLDER, ACCEPTED, MAX_TS = range(6)


class Tables(NamedTuple):
    """The configuration as arrays. Slot = one (pairing, zone); a pairing's moving zone is its
    first slot, its fixed zones follow."""

    dev_first: np.ndarray  # int64[n_dev + 1]: memberships of device d are [first[d], first[d+1])
    member_pairing: np.ndarray  # int32
    member_role: np.ndarray  # int8, PERPETRATOR | VICTIM bits
    pairing_perpetrator: np.ndarray  # int32
    pairing_victim: np.ndarray  # int32
    pairing_from: np.ndarray  # int64, inclusive
    pairing_until: np.ndarray  # int64, exclusive
    pairing_slot: np.ndarray  # int32: the moving zone's slot
    pairing_fixed: np.ndarray  # int32: number of fixed zones
    slot_phi: np.ndarray  # float64, fixed zone centre latitude (radians)
    slot_lam: np.ndarray  # float64, longitude (radians)
    slot_cos: np.ndarray  # float64, cos(latitude)
    slot_alert: np.ndarray  # float64, metres
    slot_prealert: np.ndarray
    slot_leave_alert: np.ndarray  # max(1.1 alert, alert + 200)
    slot_leave_prealert: np.ndarray  # max(1.1 prealert, prealert + 200)
    slot_first_exemption: np.ndarray  # int64[n_slot + 1]
    exemption_start: np.ndarray  # int64, sorted, disjoint per slot
    exemption_end: np.ndarray
    offline_after_ns: int
    max_accuracy_m: float
    max_events_per_fix: int  # bounds what one fix can emit, to keep the buffer from overflowing


class State(NamedTuple):
    dev_ts: np.ndarray  # int64, latest accepted ts or NO_TS
    dev_phi: np.ndarray  # float64, latest accepted position (radians)
    dev_lam: np.ndarray
    dev_cos: np.ndarray
    dev_poor: np.ndarray  # bool: latest accepted position has a poor accuracy
    dev_battery: np.ndarray  # int8
    slot_level: np.ndarray  # int8
    counters: np.ndarray  # int64[6]


class Fixes(NamedTuple):
    dev: np.ndarray  # int32, -1 for a device no pairing or alarm phone names
    ts: np.ndarray  # int64 ns
    lat: np.ndarray  # float64 degrees
    lon: np.ndarray
    accuracy: np.ndarray  # float64, NaN when missing
    battery: np.ndarray  # float64, NaN when missing
    alarm: np.ndarray  # int8


class EventBuffer(NamedTuple):
    kind: np.ndarray  # int8
    ts: np.ndarray  # int64
    dev: np.ndarray  # int32
    slot: np.ndarray  # int32, -1 for device events
    level_from: np.ndarray  # int8
    level_to: np.ndarray
    distance: np.ndarray  # float64


@compiled
def process(tables, state, fixes, start, events, capacity):
    """Run fixes[start:] until done or the buffer nears `capacity`; -> (next index, n events).

    One flat loop on purpose: numba passes arrays by value (a struct per array), so handing the
    tables to a helper for every fix would cost more than the rules themselves. Helpers take
    scalars only, except `_emit`, which runs once per event, not per fix.
    """
    counters, dev_ts, level = state.counters, state.dev_ts, state.slot_level
    n = 0
    i = start
    budget = capacity - tables.max_events_per_fix
    while i < len(fixes.ts) and n <= budget:
        counters[RECEIVED] += 1
        d, ts = fixes.dev[i], fixes.ts[i]
        i += 1
        if d < 0:  # rule 2: no pairing or alarm phone names the device
            counters[UNKNOWN] += 1
            continue
        latest = dev_ts[d]
        # Rule 8, for every fix, repeats and late ones included: an alarm is never lost. A repeat
        # of an alarm already raised for this (device, ts) gets that event's id, and ids are
        # stored and written once (rule 2: "emits that alarm once").
        if fixes.alarm[i - 1] != NO_ALARM:
            kind = SOS if fixes.alarm[i - 1] == ALARM_SOS else TAMPER
            n = _emit(events, n, kind, ts, d, -1, 0, 0, 0.0)
        if ts == latest:  # rule 2: a repeat of the latest (device, ts) changes no state
            counters[DUPLICATE] += 1
            continue
        if ts < latest:  # rule 2: late, or a repeat of an older fix; no state either way
            counters[OLDER] += 1
            continue
        counters[ACCEPTED] += 1
        counters[MAX_TS] = max(counters[MAX_TS], ts)
        if latest != NO_TS and ts - latest > tables.offline_after_ns:  # rule 10
            n = _emit(events, n, OFFLINE, latest + tables.offline_after_ns, d, -1, 0, 0, 0.0)
            n = _emit(events, n, ONLINE, ts, d, -1, 0, 0, 0.0)
        battery, kind = _battery(state.dev_battery[d], fixes.battery[i - 1])  # rule 9
        state.dev_battery[d] = battery
        if kind >= 0:
            n = _emit(events, n, kind, ts, d, -1, 0, 0, 0.0)
        phi = fixes.lat[i - 1] * (np.pi / 180.0)
        dev_ts[d] = ts
        state.dev_phi[d] = phi
        state.dev_lam[d] = fixes.lon[i - 1] * (np.pi / 180.0)
        state.dev_cos[d] = np.cos(phi)
        # Rule 5: a missing accuracy (NaN) compares false, so it counts as good.
        state.dev_poor[d] = fixes.accuracy[i - 1] > tables.max_accuracy_m
        for k in range(tables.dev_first[d], tables.dev_first[d + 1]):
            p = tables.member_pairing[k]
            if not tables.pairing_from[p] <= ts < tables.pairing_until[p]:  # rule 6: validity
                continue
            slot = tables.pairing_slot[p]
            pe, vi = tables.pairing_perpetrator[p], tables.pairing_victim[p]
            if dev_ts[pe] != NO_TS and dev_ts[vi] != NO_TS:  # rule 6: the moving zone
                distance = haversine_rad(
                    state.dev_phi[pe],
                    state.dev_lam[pe],
                    state.dev_cos[pe],
                    state.dev_phi[vi],
                    state.dev_lam[vi],
                    state.dev_cos[vi],
                )
                poor = state.dev_poor[pe] or state.dev_poor[vi]
                new = _next_level(
                    tables.slot_alert[slot],
                    tables.slot_prealert[slot],
                    tables.slot_leave_alert[slot],
                    tables.slot_leave_prealert[slot],
                    level[slot],
                    distance,
                    poor,
                )
                if new != level[slot]:
                    n = _emit(
                        events,
                        n,
                        ZONE_ENTER if new > level[slot] else ZONE_EXIT,
                        ts,
                        d,
                        slot,
                        level[slot],
                        new,
                        distance,
                    )
                    level[slot] = new
            if not tables.member_role[k] & PERPETRATOR:
                continue
            for z in range(slot + 1, slot + 1 + tables.pairing_fixed[p]):  # rule 6: fixed zones
                if _exempt(
                    tables.exemption_start,
                    tables.exemption_end,
                    tables.slot_first_exemption[z],
                    tables.slot_first_exemption[z + 1],
                    ts,
                ):
                    continue
                distance = haversine_rad(
                    phi,
                    state.dev_lam[d],
                    state.dev_cos[d],
                    tables.slot_phi[z],
                    tables.slot_lam[z],
                    tables.slot_cos[z],
                )
                new = _next_level(
                    tables.slot_alert[z],
                    tables.slot_prealert[z],
                    tables.slot_leave_alert[z],
                    tables.slot_leave_prealert[z],
                    level[z],
                    distance,
                    state.dev_poor[d],
                )
                if new != level[z]:
                    n = _emit(
                        events,
                        n,
                        ZONE_ENTER if new > level[z] else ZONE_EXIT,
                        ts,
                        d,
                        z,
                        level[z],
                        new,
                        distance,
                    )
                    level[z] = new
    return i, n


@compiled
def _battery(current, percent):
    """Rule 9 -> (new state, event kind or -1). NaN (no reading) changes nothing."""
    if np.isnan(percent):
        return current, -1
    raw = BATTERY_CRITICAL if percent < 10 else BATTERY_LOW if percent < 20 else BATTERY_OK
    if raw > current:
        return raw, BATTERY_CRITICAL_EVENT if raw == BATTERY_CRITICAL else BATTERY_LOW_EVENT
    # Improving is silent and needs 5 points of margin over the threshold left behind.
    with_margin = (
        BATTERY_OK if percent >= 25 else BATTERY_LOW if percent >= 15 else BATTERY_CRITICAL
    )
    return min(current, with_margin), -1


@compiled
def _exempt(starts, ends, lo, hi, ts):
    """ts inside one of the windows [starts[j], ends[j]) for lo <= j < hi (sorted, disjoint)."""
    first = lo
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= ts:
            lo = mid + 1
        else:
            hi = mid
    return lo > first and ts < ends[lo - 1]


@compiled
def _next_level(alert, prealert, leave_alert, leave_prealert, current, distance, poor):
    """Rules 3-5: immediate escalation, hysteresis to de-escalate, poor fixes never lower."""
    if distance <= alert:
        raw = ALERT
    elif distance <= prealert:
        raw = PREALERT
    else:
        raw = CLEAR
    if raw >= current:
        return raw
    if poor:
        return current
    if distance <= leave_alert and current == ALERT:
        return ALERT
    return CLEAR if distance > leave_prealert else PREALERT


@compiled
def _emit(events, n, kind, ts, d, slot, level_from, level_to, distance):
    events.kind[n] = kind
    events.ts[n] = ts
    events.dev[n] = d
    events.slot[n] = slot
    events.level_from[n] = level_from
    events.level_to[n] = level_to
    events.distance[n] = distance
    return n + 1
