"""Device protocols → fixes: OsmAnd (query string, form, JSON), Traccar forwarding, batch JSON.

Parsing only: no database. Anything malformed raises `Malformed` with a message for the sender,
and then nothing of the request is stored.
"""

import math
from dataclasses import dataclass

from egide.engine import InputError
from egide.engine.timestamps import NS_PER_S, parse_iso

# The protocols' alarm words that mean an SOS or a tampering; other alarms are not ours to act on.
SOS_ALARMS = {"sos"}
TAMPER_ALARMS = {"tamper", "tampering", "removing", "strapopen", "caseopen"}
MAX_BATCH = 10_000


class Malformed(ValueError):
    """Bad input: the message says what and where."""


@dataclass(frozen=True, slots=True)
class IncomingFix:
    device_id: str
    secret: str
    ts: int  # ns since the epoch, UTC
    lat: float
    lon: float
    accuracy_m: float | None = None
    battery_pct: float | None = None
    alarm: str = ""


def _text(value, what: str, *, required: bool = True) -> str:
    if type(value) is str and 0 < len(value) <= 64 and not value[0].isspace():  # usual case
        return value.rstrip()
    if value is None or value == "":
        if required:
            raise Malformed(f"{what}: missing")
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise Malformed(f"{what}: must be a string")
    text = str(value).strip()
    if len(text) > 64:
        raise Malformed(f"{what}: longer than 64 characters")
    return text


def _number(value, what: str, *, required: bool = True) -> float | None:
    if type(value) is float and math.isfinite(value):  # usual case, from JSON
        return value
    if value is None or value == "":
        if required:
            raise Malformed(f"{what}: missing")
        return None
    if isinstance(value, bool):
        raise Malformed(f"{what}: must be a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Malformed(f"{what}: must be a number") from None
    if not math.isfinite(number):
        raise Malformed(f"{what}: must be a finite number")
    return number


def _within(value: float | None, low: float, high: float, what: str) -> float | None:
    if value is not None and not low <= value <= high:
        raise Malformed(f"{what}: must be within [{low:g}, {high:g}]")
    return value


def parse_time(value, what: str = "timestamp") -> int:
    """Unix seconds or milliseconds (number or digits), or ISO 8601 with a zone → ns."""
    if isinstance(value, str) and not _looks_numeric(value):
        try:
            return parse_iso(value.strip(), what)
        except InputError as error:
            raise Malformed(str(error)) from None
    number = _number(value, what)
    # Milliseconds since 1970 exceed 1e11 from March 1973 on; seconds will not until year 5138.
    seconds = number / 1000 if abs(number) >= 1e11 else number
    if not 0 <= seconds < 7_258_118_400:  # 1970 to 2200, as the engine's ISO parser
        raise Malformed(f"{what}: out of range")
    return round(seconds * NS_PER_S)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _alarm(value) -> str:
    if not value:
        return ""
    words = {w.strip().lower() for w in str(value or "").split(",") if w.strip()}
    if words & SOS_ALARMS:
        return "sos"
    if words & TAMPER_ALARMS:
        return "tamper"
    return ""


def _fix(device_id, secret, ts, lat, lon, accuracy=None, battery=None, alarm="") -> IncomingFix:
    return IncomingFix(
        device_id=_text(device_id, "id"),
        secret=_text(secret, "secret", required=False),
        ts=ts,
        lat=_within(_number(lat, "lat"), -90.0, 90.0, "lat"),
        lon=_within(_number(lon, "lon"), -180.0, 180.0, "lon"),
        accuracy_m=_within(_number(accuracy, "accuracy", required=False), 0.0, 1e7, "accuracy"),
        battery_pct=_within(_number(battery, "batt", required=False), 0.0, 100.0, "batt"),
        alarm=_alarm(alarm),
    )


def osmand_params(params, now_ns: int, secret: str = "") -> IncomingFix:
    """OsmAnd's query string or form: id, timestamp, lat, lon (or location=lat,lon), accuracy
    (or hdop, in metres here), batt, alarm; `secret` may come as a parameter."""
    lat, lon = params.get("lat"), params.get("lon")
    if (lat is None or lon is None) and params.get("location"):
        lat, _, lon = params["location"].partition(",")
    stamp = params.get("timestamp")
    return _fix(
        params.get("id") or params.get("deviceid"),
        secret or params.get("secret"),
        now_ns if stamp in (None, "") else parse_time(stamp),
        lat,
        lon,
        params.get("accuracy") or params.get("hdop"),
        params.get("batt"),
        params.get("alarm", ""),
    )


def osmand_json(document, now_ns: int, secret: str = "") -> IncomingFix:
    """Traccar Client 9+: {"device_id", "location": {"timestamp", "coords": {...},
    "battery": {"level": 0-1}, "extras": {"alarm"?}}}."""
    if not isinstance(document, dict) or not isinstance(document.get("location"), dict):
        raise Malformed("location: missing or not an object")
    location = document["location"]
    coords = location.get("coords")
    if not isinstance(coords, dict):
        raise Malformed("location.coords: missing or not an object")
    battery = location.get("battery") if isinstance(location.get("battery"), dict) else {}
    level = _number(battery.get("level"), "location.battery.level", required=False)
    if level is not None and level >= 0:  # -1: the phone does not know
        level = _within(level, 0.0, 1.0, "location.battery.level") * 100
    else:
        level = None
    extras = location.get("extras") if isinstance(location.get("extras"), dict) else {}
    stamp = location.get("timestamp")
    return _fix(
        document.get("device_id") or document.get("id"),
        secret or document.get("secret"),
        now_ns if stamp in (None, "") else parse_time(stamp, "location.timestamp"),
        coords.get("latitude"),
        coords.get("longitude"),
        coords.get("accuracy"),
        level,
        extras.get("alarm") or ("sos" if location.get("event") == "sos" else ""),
    )


def traccar_forward(document, secret: str = "") -> IncomingFix:
    """Traccar Server's position or event forwarding (forward.type=json):
    {"position": {"fixTime", "latitude", "longitude", "accuracy", "attributes": {"batteryLevel",
    "alarm"}}, "device": {"uniqueId"}, "event"?: {"type": "alarm", "attributes": {"alarm"}}}."""
    if not isinstance(document, dict):
        raise Malformed("document: must be an object")
    device = document.get("device")
    position = document.get("position")
    if not isinstance(device, dict):
        raise Malformed("device: missing or not an object")
    if not isinstance(position, dict):
        raise Malformed(
            "position: missing or not an object (events without a position are not fixes)"
        )
    attributes = position.get("attributes") if isinstance(position.get("attributes"), dict) else {}
    event = document.get("event") if isinstance(document.get("event"), dict) else {}
    event_attributes = event.get("attributes") if isinstance(event.get("attributes"), dict) else {}
    alarm = event_attributes.get("alarm") or attributes.get("alarm", "")
    stamp = position.get("fixTime") or position.get("deviceTime")
    return _fix(
        device.get("uniqueId"),
        secret,
        parse_time(stamp if stamp is not None else "", "position.fixTime"),
        position.get("latitude"),
        position.get("longitude"),
        position.get("accuracy") or None,
        attributes.get("batteryLevel"),
        alarm,
    )


def batch(document, secret: str = "") -> list[IncomingFix]:
    """Gateways: {"fixes": [{"id", "secret"?, "ts", "lat", "lon", "accuracy_m"?, "battery_pct"?,
    "alarm"?}, ...]} (a header secret applies to fixes without their own)."""
    if not isinstance(document, dict) or not isinstance(document.get("fixes"), list):
        raise Malformed("fixes: missing or not a list")
    items = document["fixes"]
    if not items:
        raise Malformed("fixes: empty")
    if len(items) > MAX_BATCH:
        raise Malformed(f"fixes: more than {MAX_BATCH} in one batch")
    fixes = []
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise Malformed("must be an object")
            fixes.append(
                _fix(
                    item.get("id"),
                    item.get("secret") or secret,
                    parse_time(item.get("ts"), "ts"),
                    item.get("lat"),
                    item.get("lon"),
                    item.get("accuracy_m"),
                    item.get("battery_pct"),
                    item.get("alarm", ""),
                )
            )
        except Malformed as error:
            raise Malformed(f"fixes[{index}]: {error}") from None
    return fixes
