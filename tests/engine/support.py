"""Building configurations and fixes for the engine tests, and running the fast engine."""

import json
from collections import Counter

from egide.engine import Engine, parse_config
from egide.engine.geo import EARTH_RADIUS_M, RAD_PER_DEG
from egide.engine.reference import Fix, oracle_events
from egide.engine.timestamps import NS_PER_S, format_iso, parse_iso

T0 = parse_iso("2026-03-02T06:00:00Z", "T0")
BASE = (48.85, 2.35)
M_PER_DEG_LAT = EARTH_RADIUS_M * RAD_PER_DEG  # haversine along a meridian is exactly R * dphi


def at(seconds: float) -> int:
    """ns, `seconds` after T0."""
    return T0 + round(seconds * NS_PER_S)


def iso(seconds: float) -> str:
    return format_iso(at(seconds))


def north(metres: float, origin=BASE) -> tuple[float, float]:
    """The point `metres` due north of origin."""
    return origin[0] + metres / M_PER_DEG_LAT, origin[1]


def fix(device, seconds, metres=None, **fields) -> Fix:
    """A fix at T0 + seconds, `metres` north of BASE (or at BASE)."""
    lat, lon = north(metres) if metres is not None else BASE
    return Fix(device, at(seconds), lat, lon, **fields)


def config(pairings=(), alarm_phones=(), settings=None):
    document = {"pairings": list(pairings), "alarm_phones": list(alarm_phones)}
    if settings is not None:
        document["settings"] = settings
    return parse_config(json.dumps(document), "test.json")


def pairing(pid="P1", perpetrator="A", victim="V", alert_m=1000, zones=(), **fields) -> dict:
    return {
        "id": pid,
        "perpetrator_device": perpetrator,
        "victim_device": victim,
        "alert_m": alert_m,
        "zones": list(zones),
        **fields,
    }


def zone(zid="home", metres=0.0, alert_m=500, **fields) -> dict:
    lat, lon = north(metres)
    return {"id": zid, "lat": lat, "lon": lon, "alert_m": alert_m, **fields}


def run_engine(cfg, fixes: list[Fix], cuts=(), restore=False):
    """The fast engine over `fixes`, in batches cut at `cuts`; with `restore`, each batch runs
    on a new Engine restored from the previous one's snapshot. Same pipeline as the replay."""
    engine = Engine(cfg)
    bounds = [0, *sorted(set(cuts)), len(fixes)]
    batches = [engine_batch(engine, fixes[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    events = []
    for batch in batches:
        if restore:
            snapshot = engine.snapshot()
            engine = Engine(cfg)
            engine.restore(snapshot)
        events += engine.process(batch)
    # Kept by id, as the replay's writer and the live event table keep them (rule 2).
    return list({e.id: e for e in events + engine.finish()}.values())


def engine_batch(engine: Engine, fixes: list[Fix]):
    return engine.fixes(
        [f.device for f in fixes],
        [f.ts for f in fixes],
        [f.lat for f in fixes],
        [f.lon for f in fixes],
        [f.accuracy for f in fixes],
        [f.battery for f in fixes],
        [f.alarm for f in fixes],
    )


def as_multiset(events) -> Counter:
    return Counter(json.dumps(e.to_dict(), sort_keys=True) for e in events)


def events(cfg, fixes: list[Fix]) -> list[dict]:
    """The engine's events as dicts, after checking the oracle agrees exactly."""
    fast = run_engine(cfg, fixes)
    assert as_multiset(fast) == as_multiset(oracle_events(cfg, fixes))
    return [e.to_dict() for e in fast]


def kinds(found: list[dict], device=None) -> list[tuple]:
    """(type, ts, zone, from, to) of each event in time order, optionally for one device."""
    return sorted(
        (
            (e["type"], e["ts"], e["zone"], e["from"], e["to"])
            for e in found
            if device is None or e["device"] == device
        ),
        key=lambda k: (k[1], k),
    )
