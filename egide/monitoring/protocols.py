"""Device protocols → fixes: OsmAnd (query string, form, JSON), Traccar forwarding, batch JSON.

Parsing only: no database. Anything malformed raises `Malformed` with a message for the sender,
and then nothing of the request is stored. Parsing is strict where lenience would store a wrong
value as real: numbers are ASCII decimals (no `٤٨`, `１２` nor `4_8.1`), a device id is printable
ASCII without spaces (`"FUZZ-1 "` is not `FUZZ-1`), the unknown values clients send (accuracy or
hdop 0, battery -1) are stored as unknown, and a time before 2000 (`timestamp=0`) is no time. A
time without a zone is read in the devices' zone (`EGIDE_INTAKE_DEVICE_TIME_ZONE`, Europe/Paris
by default), as Traccar reads it in its server's.
"""

import math
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from egide.devices.models import DEVICE_ID_PATTERN
from egide.engine import InputError
from egide.engine.timestamps import NS_PER_S, parse_iso

# The protocols' alarm words that mean an SOS or a tampering; other alarms are not ours to act on.
SOS_ALARMS = {"sos"}
TAMPER_ALARMS = {"tamper", "tampering", "removing", "strapopen", "caseopen"}
MAX_BATCH = 10_000
# A device's clock before this is unset (a phone without a fix sends 0): no usable time.
EARLIEST_S = 946_684_800  # 2000-01-01T00:00:00Z
DEVICE_ID = re.compile(DEVICE_ID_PATTERN)
DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
LOCAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?", re.ASCII)
# Traccar Server's device status events, forwarded without a position.
STATUS_EVENTS = {"deviceOnline": "online", "deviceOffline": "offline", "deviceUnknown": "unknown"}


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
    valid: bool = True  # False: the client re-sends its last known position


@dataclass(frozen=True, slots=True)
class StatusReport:
    """A device's status without a position (Traccar's deviceOnline/deviceOffline events)."""

    device_id: str
    secret: str
    status: str


def checked_device_id(value, what: str = "id") -> str:
    text = _text(value, what)
    if not DEVICE_ID.fullmatch(text):
        raise Malformed(f"{what}: printable ASCII characters only, without spaces")
    return text


def _text(value, what: str, *, required: bool = True) -> str:
    if type(value) is str and 0 < len(value) <= 64:  # usual case
        return value
    if value is None or value == "":
        if required:
            raise Malformed(f"{what}: missing")
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise Malformed(f"{what}: must be a string")
    text = str(value)
    if len(text) > 64:
        raise Malformed(f"{what}: longer than 64 characters")
    return text


def _number(value, what: str, *, required: bool = True) -> float | None:
    if type(value) is float and math.isfinite(value):  # usual case, from JSON
        return value
    if value is None or value == "" or value == "null":  # Traccar's URL forwarder: "null"
        if required:
            raise Malformed(f"{what}: missing")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Malformed(f"{what}: must be a number")
    if isinstance(value, str) and not DECIMAL.fullmatch(value):
        raise Malformed(f"{what}: must be a number (ASCII digits)")
    number = float(value)
    if not math.isfinite(number):
        raise Malformed(f"{what}: must be a finite number")
    return number


def _within(value: float | None, low: float, high: float, what: str) -> float | None:
    if value is not None and not low <= value <= high:
        raise Malformed(f"{what}: must be within [{low:g}, {high:g}]")
    return value


def parse_time(value, what: str = "timestamp") -> int:
    """Unix seconds or milliseconds (number or digits), ISO 8601 with a zone, or a local time
    (`2014-06-04 09:10:11`, ISO without a zone) in the devices' zone → ns; 2000 to 2200."""
    if isinstance(value, str) and not DECIMAL.fullmatch(value):
        ns = _local_time(value) if LOCAL_TIME.fullmatch(value) else _iso(value, what)
    else:
        number = _number(value, what)
        # Milliseconds since 1970 exceed 1e11 from March 1973 on; seconds never will here.
        # Whole numbers in integers: a float product would blur the nanoseconds.
        unit = 1_000_000 if abs(number) >= 1e11 else NS_PER_S
        ns = int(number) * unit if number.is_integer() else round(number * unit)
    if not EARLIEST_S * NS_PER_S <= ns < 7_258_118_400 * NS_PER_S:  # 2000 to 2200
        raise Malformed(f"{what}: out of range (2000 to 2200)")
    return ns


def _iso(text: str, what: str) -> int:
    if not text.isascii():
        raise Malformed(f"{what}: ASCII digits only")
    try:
        return parse_iso(text, what)
    except InputError as error:
        raise Malformed(str(error)) from None


def _local_time(text: str) -> int:
    zone = ZoneInfo(settings.EGIDE_INTAKE_DEVICE_TIME_ZONE)
    moment = datetime.fromisoformat(text).replace(tzinfo=zone)
    whole = int(moment.replace(microsecond=0).timestamp())
    return whole * NS_PER_S + moment.microsecond * 1000


def _alarm(value) -> str:
    if not value:
        return ""
    words = {w.strip().lower() for w in str(value or "").split(",") if w.strip()}
    if words & SOS_ALARMS:
        return "sos"
    if words & TAMPER_ALARMS:
        return "tamper"
    return ""


def _unknown_if_not_positive(value):
    """Accuracy or hdop 0 (or -1) is what clients send when they do not know it."""
    number = _number(value, "accuracy", required=False)
    return None if number is None or number <= 0 else number


def _fix(
    device, secret, ts, lat, lon, accuracy=None, battery=None, alarm="", valid=True
) -> IncomingFix:
    return IncomingFix(
        device_id=checked_device_id(device),
        secret=_text(secret, "secret", required=False),
        ts=ts,
        lat=_within(_number(lat, "lat"), -90.0, 90.0, "lat"),
        lon=_within(_number(lon, "lon"), -180.0, 180.0, "lon"),
        accuracy_m=_within(_unknown_if_not_positive(accuracy), 0.0, 1e7, "accuracy"),
        battery_pct=_within(_number(battery, "batt", required=False), 0.0, 100.0, "batt"),
        alarm=_alarm(alarm),
        valid=valid,
    )


def _valid(value) -> bool:
    """OsmAnd `valid` (Traccar reads true/1); absent means valid."""
    if value is None or value == "":
        return True
    return value is True or str(value).lower() in ("true", "1")


def osmand_params(params, now_ns: int, secret: str = "") -> IncomingFix:
    """OsmAnd's query string or form: id (or deviceid), timestamp, lat, lon (or
    location=lat,lon), accuracy (or hdop, in metres here), batt, alarm, valid; `secret` may
    come as a parameter."""
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
        _unknown_if_not_positive(params.get("accuracy")) or params.get("hdop"),
        params.get("batt"),
        params.get("alarm", ""),
        _valid(params.get("valid")),
    )


def osmand_json(document, now_ns: int, secret: str = "") -> list[IncomingFix]:
    """Traccar Client 9+: {"device_id", "location": {"timestamp", "coords": {...},
    "battery": {"level": 0-1}, "alarm"?, "extras": {"alarm"?}}}; `location` may be a list
    (the client's batched upload), and the body a list of such documents."""
    documents = document if isinstance(document, list) else [document]
    if not documents or len(documents) > MAX_BATCH:
        raise Malformed(f"body: 1 to {MAX_BATCH} documents")
    fixes = []
    for item in documents:
        if not isinstance(item, dict):
            raise Malformed("body: must be an object")
        locations = item.get("location")
        locations = locations if isinstance(locations, list) else [locations]
        if len(fixes) + len(locations) > MAX_BATCH:
            raise Malformed(f"location: more than {MAX_BATCH}")
        for location in locations:
            fixes.append(_osmand_location(item, location, now_ns, secret))
    return fixes


def _osmand_location(document: dict, location, now_ns: int, secret: str) -> IncomingFix:
    if not isinstance(location, dict):
        raise Malformed("location: missing or not an object")
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
    alarm = location.get("alarm") or extras.get("alarm")
    return _fix(
        document.get("device_id") or document.get("id"),
        secret or document.get("secret"),
        now_ns if stamp in (None, "") else parse_time(stamp, "location.timestamp"),
        coords.get("latitude"),
        coords.get("longitude"),
        coords.get("accuracy"),
        level,
        alarm or ("sos" if location.get("event") == "sos" else ""),
    )


def traccar_forward(document, secret: str = "") -> IncomingFix | StatusReport:
    """Traccar Server's position or event forwarding (forward.type=json):
    {"position": {"fixTime", "valid", "latitude", "longitude", "accuracy", "attributes":
    {"batteryLevel", "alarm"}}, "device": {"uniqueId"}, "event"?: {"type": "alarm",
    "attributes": {"alarm"}}}. A device status event (deviceOnline, deviceOffline,
    deviceUnknown) comes without a position: a `StatusReport`, no fix."""
    if not isinstance(document, dict):
        raise Malformed("document: must be an object")
    device = document.get("device")
    position = document.get("position")
    if not isinstance(device, dict):
        raise Malformed("device: missing or not an object")
    event = document.get("event") if isinstance(document.get("event"), dict) else {}
    if position is None and event.get("type") in STATUS_EVENTS:
        return StatusReport(
            checked_device_id(device.get("uniqueId"), "device.uniqueId"),
            _text(secret, "secret", required=False),
            STATUS_EVENTS[event["type"]],
        )
    if not isinstance(position, dict):
        raise Malformed(
            "position: missing or not an object (only device status events come without one)"
        )
    attributes = position.get("attributes") if isinstance(position.get("attributes"), dict) else {}
    event_attributes = event.get("attributes") if isinstance(event.get("attributes"), dict) else {}
    alarm = event_attributes.get("alarm") or attributes.get("alarm", "")
    stamp = position.get("fixTime") or position.get("deviceTime")
    return _fix(
        device.get("uniqueId"),
        secret,
        parse_time(stamp if stamp is not None else "", "position.fixTime"),
        position.get("latitude"),
        position.get("longitude"),
        position.get("accuracy"),
        attributes.get("batteryLevel"),
        alarm,
        position.get("valid") is not False,
    )


def batch_claims(document, secret: str = "", first: int | None = None) -> list[tuple[str, str]]:
    """The (device id, secret) each fix of a batch (or its `first` fixes) claims, read before
    anything else is parsed, so that a flood of made-up ids is refused cheaply. Malformed if
    the batch's shape or any claim read is not what `batch` would accept."""
    items = _batch_items(document)[:first]
    claims = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise Malformed(f"fixes[{index}]: must be an object")
        try:
            claims.append(
                (
                    checked_device_id(item.get("id")),
                    _text(item.get("secret") or secret, "secret", required=False),
                )
            )
        except Malformed as error:
            raise Malformed(f"fixes[{index}]: {error}") from None
    return claims


def _batch_items(document) -> list:
    if not isinstance(document, dict) or not isinstance(document.get("fixes"), list):
        raise Malformed("fixes: missing or not a list")
    items = document["fixes"]
    if not items:
        raise Malformed("fixes: empty")
    if len(items) > MAX_BATCH:
        raise Malformed(f"fixes: more than {MAX_BATCH} in one batch")
    return items


def batch(document, secret: str = "") -> list[IncomingFix]:
    """Gateways: {"fixes": [{"id", "secret"?, "ts", "lat", "lon", "accuracy_m"?, "battery_pct"?,
    "alarm"?}, ...]} (a header secret applies to fixes without their own)."""
    items = _batch_items(document)
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
