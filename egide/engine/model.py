"""Pairings, zones, alarm phones and settings: the engine's configuration, loaded from JSON.

The JSON format is the one of `docs/monitoring.md` ("Batch replay formats"). Validation is
strict (unknown keys are refused) because a replay is evidence: a misspelt `prealert_m` must not
silently fall back to its default.
"""

import json
import math
from dataclasses import dataclass, field

from .errors import InputError
from .timestamps import ISO_EXPECTED, NS_PER_S, parse_iso

MOVING_ZONE_ID = "victim"
DEFAULT_OFFLINE_AFTER_S = 180
DEFAULT_MAX_ACCURACY_M = 250.0
# Longer would make no sense for a tag, and keeps every stamp within int64 nanoseconds.
MAX_OFFLINE_AFTER_S = 366 * 86_400

Id = str | int  # pairing and zone ids are echoed in events as they were written


@dataclass(frozen=True)
class Zone:
    id: Id
    lat: float
    lon: float
    alert_m: float
    prealert_m: float
    exemptions: tuple[tuple[int, int], ...] = ()  # [start, end) in ns


@dataclass(frozen=True)
class Pairing:
    id: Id
    perpetrator_device: str
    victim_device: str
    alert_m: float
    prealert_m: float
    valid_from: int | None = None  # ns, inclusive
    valid_until: int | None = None  # ns, exclusive
    zones: tuple[Zone, ...] = ()


@dataclass(frozen=True)
class Settings:
    offline_after_ns: int = DEFAULT_OFFLINE_AFTER_S * NS_PER_S
    max_accuracy_m: float = DEFAULT_MAX_ACCURACY_M


@dataclass(frozen=True)
class Config:
    pairings: tuple[Pairing, ...]
    alarm_phones: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)


def load_config(path: str) -> Config:
    """Read and validate PAIRINGS.json; InputError naming the file and line on any fault."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from error
    return parse_config(text, path)


def parse_config(text: str, name: str = "<config>") -> Config:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}:{error.lineno}: invalid JSON: {error.msg}") from error
    try:
        return _config(document)
    except _Invalid as error:
        line = _line_of(text, error.path)
        raise InputError(f"{name}:{line}: {_path_text(error.path)}: {error.reason}") from None


class _Invalid(Exception):
    def __init__(self, path: tuple, reason: str):
        super().__init__(reason)
        self.path, self.reason = path, reason


def _config(doc) -> Config:
    _object(doc, (), required={"pairings"}, optional={"alarm_phones", "settings"})
    pairings = tuple(_pairing(p, ("pairings", i)) for i, p in enumerate(_list(doc, "pairings", ())))
    _unique([p.id for p in pairings], ("pairings",), "pairing id")
    phones = tuple(
        _device(value, ("alarm_phones", i))
        for i, value in enumerate(_list(doc, "alarm_phones", ()))
    )
    return Config(pairings, phones, _settings(doc.get("settings"), ("settings",)))


def _pairing(doc, path) -> Pairing:
    _object(
        doc,
        path,
        required={"id", "perpetrator_device", "victim_device", "alert_m"},
        optional={"prealert_m", "valid_from", "valid_until", "zones"},
    )
    alert_m = _distance(doc, "alert_m", path)
    zones = tuple(_zone(z, (*path, "zones", i)) for i, z in enumerate(_list(doc, "zones", path)))
    _unique([z.id for z in zones], (*path, "zones"), "zone id")
    valid_from = _optional_time(doc, "valid_from", path)
    valid_until = _optional_time(doc, "valid_until", path)
    if valid_from is not None and valid_until is not None and valid_until <= valid_from:
        raise _Invalid((*path, "valid_until"), "must be after valid_from")
    return Pairing(
        id=_id(doc["id"], (*path, "id")),
        perpetrator_device=_device(doc["perpetrator_device"], (*path, "perpetrator_device")),
        victim_device=_device(doc["victim_device"], (*path, "victim_device")),
        alert_m=alert_m,
        prealert_m=_prealert(doc, alert_m, path),
        valid_from=valid_from,
        valid_until=valid_until,
        zones=zones,
    )


def _zone(doc, path) -> Zone:
    _object(
        doc, path, required={"id", "lat", "lon", "alert_m"}, optional={"prealert_m", "exemptions"}
    )
    zone_id = _id(doc["id"], (*path, "id"))
    if zone_id == MOVING_ZONE_ID:
        raise _Invalid((*path, "id"), f'"{MOVING_ZONE_ID}" is reserved for the moving zone')
    alert_m = _distance(doc, "alert_m", path)
    windows = _list(doc, "exemptions", path) if "exemptions" in doc else []
    return Zone(
        id=zone_id,
        lat=_coordinate(doc, "lat", 90.0, path),
        lon=_coordinate(doc, "lon", 180.0, path),
        alert_m=alert_m,
        prealert_m=_prealert(doc, alert_m, path),
        exemptions=tuple(_window(w, (*path, "exemptions", i)) for i, w in enumerate(windows)),
    )


def _window(doc, path) -> tuple[int, int]:
    _object(doc, path, required={"start", "end"}, optional=set())
    start = _time(doc["start"], (*path, "start"))
    end = _time(doc["end"], (*path, "end"))
    if end <= start:
        raise _Invalid((*path, "end"), "must be after start")
    return start, end


def _settings(doc, path) -> Settings:
    if doc is None:
        return Settings()
    _object(doc, path, required=set(), optional={"offline_after_s", "max_accuracy_m"})
    offline_after_s = _number(doc, "offline_after_s", path, DEFAULT_OFFLINE_AFTER_S)
    if not 0 < offline_after_s <= MAX_OFFLINE_AFTER_S:
        raise _Invalid((*path, "offline_after_s"), f"must be in (0, {MAX_OFFLINE_AFTER_S}]")
    return Settings(
        offline_after_ns=round(offline_after_s * NS_PER_S),
        max_accuracy_m=_distance(doc, "max_accuracy_m", path, DEFAULT_MAX_ACCURACY_M),
    )


def _object(doc, path, required: set, optional: set) -> None:
    if not isinstance(doc, dict):
        raise _Invalid(path, "must be an object")
    missing = sorted(required - doc.keys())
    if missing:
        raise _Invalid(path, f"missing {', '.join(missing)}")
    unknown = sorted(doc.keys() - required - optional)
    if unknown:
        raise _Invalid(path, f"unknown key {', '.join(unknown)}")


def _list(doc, key, path) -> list:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise _Invalid((*path, key), "must be a list")
    return value


def _id(value, path) -> Id:
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise _Invalid(path, "must be a non-empty string or an integer")
    return value


def _device(value, path) -> str:
    # Device ids are compared with the CSV's text, so an integer id means its decimal text.
    return str(_id(value, path))


def _number(doc, key, path, default=None) -> float:
    value = doc.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Invalid((*path, key), "must be a finite number")
    return float(value)


def _distance(doc, key, path, default=None) -> float:
    value = _number(doc, key, path, default)
    if value < 0:
        raise _Invalid((*path, key), "must be a distance in metres, 0 or more")
    return value


def _prealert(doc, alert_m, path) -> float:
    if doc.get("prealert_m") is None:
        return 2 * alert_m
    return _distance(doc, "prealert_m", path)


def _coordinate(doc, key, bound, path) -> float:
    value = _number(doc, key, path)
    if not -bound <= value <= bound:
        raise _Invalid((*path, key), f"must be within [-{bound:g}, {bound:g}]")
    return value


def _time(value, path) -> int:
    if not isinstance(value, str):
        raise _Invalid(path, "must be an ISO 8601 time")
    try:
        return parse_iso(value, "")
    except InputError:
        raise _Invalid(path, ISO_EXPECTED) from None


def _optional_time(doc, key, path) -> int | None:
    value = doc.get(key)
    return None if value is None else _time(value, (*path, key))


def _unique(ids, path, what) -> None:
    seen = set()
    for i, value in enumerate(ids):
        if value in seen:
            raise _Invalid((*path, i), f"duplicate {what} {json.dumps(value)}")
        seen.add(value)


def _path_text(path) -> str:
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    return text.lstrip(".") or "document"


def _line_of(text: str, path: tuple) -> int:
    """Line of the deepest JSON object on `path`, found by re-parsing with positions (rare)."""
    node = _LocatingDecoder(text).decode(text)
    line = 1
    for step in path:
        if isinstance(node, _Located):
            line = node.line
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return node.line if isinstance(node, _Located) else line


class _Located(dict):
    line = 1


class _LocatingDecoder(json.JSONDecoder):
    # The pure-Python scanner calls `parse_object` with the object's offset; the C one does not.
    def __init__(self, text: str):
        super().__init__()
        self._text = text
        self.parse_object = self._parse_object
        self.scan_once = json.scanner.py_make_scanner(self)

    def _parse_object(self, s_and_end, *args):
        obj, end = json.decoder.JSONObject(s_and_end, *args)
        located = _Located(obj)
        located.line = self._text.count("\n", 0, s_and_end[1]) + 1
        return located, end
