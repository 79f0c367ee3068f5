"""The reference implementation: the rules of `docs/monitoring.md`, one fix at a time, plainly.

Written apart from the kernel (dicts and sets, no arrays, no compiled code): the property tests
hold the fast engine to it event for event, and `monitor bench` times the fast replay beside
`reference_replay`, the straightforward way of doing the same (the csv module, `datetime`, one
dict per event, `json.dumps`). It shares only the configuration model, the haversine and the
Event type with the package. Times are read to the microsecond (`datetime`).
"""

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TextIO

from .events import Event
from .geo import haversine_m
from .model import MOVING_ZONE_ID, Config, load_config

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LEVELS = ("clear", "prealert", "alert")
BATTERY_RANK = {"ok": 0, "low": 1, "critical": 2}


@dataclass(frozen=True)
class Fix:
    device: str
    ts: int  # ns
    lat: float = 0.0
    lon: float = 0.0
    accuracy: float | None = None
    battery: float | None = None
    alarm: str | None = None


def oracle_events(config: Config, fixes: Iterable[Fix]) -> list[Event]:
    known = {d for p in config.pairings for d in (p.perpetrator_device, p.victim_device)}
    known |= set(config.alarm_phones)
    offline_after = config.settings.offline_after_ns
    pairings_of: dict[str, list] = {}
    for pairing in config.pairings:
        for device in dict.fromkeys((pairing.perpetrator_device, pairing.victim_device)):
            pairings_of.setdefault(device, []).append(pairing)
    alarms_of: dict[tuple[str, int], set[str]] = {}  # every (device, ts) received: its alarms
    latest: dict[str, Fix] = {}
    battery: dict[str, str] = {}
    level: dict[tuple, int] = {}
    events: list[Event] = []
    for fix in fixes:
        if fix.device not in known:
            continue
        repeat = (fix.device, fix.ts) in alarms_of
        raised = alarms_of.setdefault((fix.device, fix.ts), set())
        if fix.alarm and fix.alarm not in raised:  # rules 2 and 8: once per (device, ts, alarm)
            raised.add(fix.alarm)
            events.append(
                Event("sos" if fix.alarm == "sos" else "device.tamper", fix.ts, fix.device)
            )
        if repeat:
            continue
        previous = latest.get(fix.device)
        if previous is not None and fix.ts < previous.ts:
            continue  # late
        if previous is not None and fix.ts - previous.ts > offline_after:
            events.append(Event("device.offline", previous.ts + offline_after, fix.device))
            events.append(Event("device.online", fix.ts, fix.device))
        if fix.battery is not None:
            state, event = _battery(battery.get(fix.device, "ok"), fix.battery)
            battery[fix.device] = state
            if event:
                events.append(Event(event, fix.ts, fix.device))
        latest[fix.device] = fix
        for pairing in pairings_of.get(fix.device, ()):
            events += _pairing(config, pairing, fix, latest, level)
    if latest:
        end = max(f.ts for f in latest.values())
        events += [
            Event("device.offline", f.ts + offline_after, d)
            for d, f in latest.items()
            if end - f.ts > offline_after
        ]
    return events


def _pairing(config, pairing, fix, latest, level) -> list[Event]:
    if pairing.valid_from is not None and fix.ts < pairing.valid_from:
        return []
    if pairing.valid_until is not None and fix.ts >= pairing.valid_until:
        return []
    limit = config.settings.max_accuracy_m
    events = []
    perpetrator = latest.get(pairing.perpetrator_device)
    victim = latest.get(pairing.victim_device)
    if perpetrator and victim:
        distance = haversine_m(perpetrator.lat, perpetrator.lon, victim.lat, victim.lon)
        poor = _poor(perpetrator, limit) or _poor(victim, limit)
        zone = (pairing.alert_m, pairing.prealert_m)
        events += _zone(level, pairing, MOVING_ZONE_ID, zone, distance, poor, fix)
    if fix.device == pairing.perpetrator_device:
        for zone in pairing.zones:
            if any(start <= fix.ts < end for start, end in zone.exemptions):
                continue
            distance = haversine_m(fix.lat, fix.lon, zone.lat, zone.lon)
            thresholds = (zone.alert_m, zone.prealert_m)
            events += _zone(level, pairing, zone.id, thresholds, distance, _poor(fix, limit), fix)
    return events


def _poor(fix: Fix, limit: float) -> bool:
    return fix.accuracy is not None and fix.accuracy > limit


def _zone(level, pairing, zone_id, thresholds, distance, poor, fix) -> list[Event]:
    key = (pairing.id, zone_id)
    current = level.get(key, 0)
    new = _next_level(current, distance, *thresholds, poor)
    if new == current:
        return []
    level[key] = new
    kind = "zone.enter" if new > current else "zone.exit"
    return [
        Event(
            kind,
            fix.ts,
            fix.device,
            pairing.id,
            zone_id,
            LEVELS[current],
            LEVELS[new],
            round(distance),
        )
    ]


def _next_level(current, d, alert, prealert, poor) -> int:
    raw = 2 if d <= alert else 1 if d <= prealert else 0
    if raw > current:
        return raw
    if raw == current or poor:
        return current
    leave_alert = max(1.1 * alert, alert + 200)
    leave_prealert = max(1.1 * prealert, prealert + 200)
    if current == 2:
        if d > leave_alert:
            return 0 if d > leave_prealert else 1
        return 2
    return 0 if d > leave_prealert else 1


def _battery(state: str, percent: float) -> tuple[str, str | None]:
    raw = "critical" if percent < 10 else "low" if percent < 20 else "ok"
    if BATTERY_RANK[raw] > BATTERY_RANK[state]:
        return raw, f"device.battery_{raw}"
    if state == "critical":
        return ("ok" if percent >= 25 else "low" if percent >= 15 else "critical"), None
    if state == "low":
        return ("ok" if percent >= 25 else "low"), None
    return state, None


def reference_replay(pairings_path: str, fixes_path: str, out: TextIO) -> None:
    """`monitor replay`, the straightforward way (valid input assumed: a yardstick, not a tool)."""
    config = load_config(pairings_path)
    with open(fixes_path, newline="", encoding="utf-8") as file:
        fixes = (
            Fix(
                row["device"],
                _ns(row["ts"]),
                float(row["lat"]),
                float(row["lon"]),
                float(row["accuracy_m"]) if row["accuracy_m"] else None,
                float(row["battery_pct"]) if row["battery_pct"] else None,
                row["alarm"] or None,
            )
            for row in csv.DictReader(file)
        )
        for event in oracle_events(config, fixes):
            out.write(json.dumps(event.to_dict(), separators=(",", ":")) + "\n")


def _ns(text: str) -> int:
    return (datetime.fromisoformat(text) - EPOCH) // timedelta(microseconds=1) * 1000
