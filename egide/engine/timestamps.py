"""ISO 8601 timestamps <-> integer nanoseconds since the Unix epoch (UTC).

One parser, compiled, serves the CSV kernel and the JSON loader alike, so a time means the same
thing wherever it is written. Nanoseconds keep every fraction a device may send exact (no float
rounding can merge two fixes into a false duplicate). Years are limited to 1970-2200 so that
differences and sums of times (gaps, offline stamps) never overflow int64.
"""

import numpy as np

from .errors import InputError
from .jit import compiled

NS_PER_S = 1_000_000_000
_NS_PER_DAY = 86_400 * NS_PER_S
_MIN_YEAR, _MAX_YEAR = 1970, 2200
ISO_EXPECTED = "not an ISO 8601 time with a zone, years 1970-2200 (e.g. 2026-03-02T06:00:00Z)"


@compiled
def _days_from_civil(y, m, d):
    # Howard Hinnant's algorithm: days since 1970-01-01 in the proleptic Gregorian calendar.
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@compiled
def _days_in_month(y, m):
    if m == 2:
        leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
        return 29 if leap else 28
    return 30 if m in (4, 6, 9, 11) else 31


@compiled
def _digits(buf, pos, count, end):
    """Value of `count` ASCII digits at pos, or -1."""
    if pos + count > end:
        return -1
    value = 0
    for i in range(pos, pos + count):
        c = buf[i] - 48
        if c < 0 or c > 9:
            return -1
        value = value * 10 + c
    return value


@compiled
def _offset_seconds(buf, pos, end):
    """UTC offset of `Z`, `±hh`, `±hhmm` or `±hh:mm` filling buf[pos:end], or -1 if malformed."""
    n = end - pos
    if n == 1 and (buf[pos] == 90 or buf[pos] == 122):  # Z, z
        return 0, True
    if n not in (3, 5, 6) or (buf[pos] != 43 and buf[pos] != 45):  # + -
        return -1, False
    hh = _digits(buf, pos + 1, 2, end)
    mm = 0
    if n == 5:
        mm = _digits(buf, pos + 3, 2, end)
    elif n == 6:
        mm = _digits(buf, pos + 4, 2, end) if buf[pos + 3] == 58 else -1
    if hh < 0 or hh > 23 or mm < 0 or mm > 59:
        return -1, False
    seconds = hh * 3600 + mm * 60
    return (seconds if buf[pos] == 45 else -seconds), True


@compiled
def parse_iso_ns(buf, pos, end):
    """Parse `YYYY-MM-DD[T ]hh:mm[:ss[.fraction]]` + zone in buf[pos:end] -> (ns, ok).

    A zone is required: a time without one is ambiguous, and replays serve as evidence.
    """
    y = _digits(buf, pos, 4, end)
    mo = _digits(buf, pos + 5, 2, end)
    d = _digits(buf, pos + 8, 2, end)
    hh = _digits(buf, pos + 11, 2, end)
    mi = _digits(buf, pos + 14, 2, end)
    if min(y, mo, d, hh, mi) < 0 or end - pos < 17:
        return 0, False
    if buf[pos + 4] != 45 or buf[pos + 7] != 45 or buf[pos + 13] != 58:
        return 0, False
    if buf[pos + 10] != 84 and buf[pos + 10] != 116 and buf[pos + 10] != 32:  # T t space
        return 0, False
    if y < _MIN_YEAR or y > _MAX_YEAR or mo < 1 or mo > 12 or d < 1:
        return 0, False
    if d > _days_in_month(y, mo) or hh > 23 or mi > 59:
        return 0, False
    i = pos + 16
    ss = 0
    frac_ns = 0
    if buf[i] == 58:  # :ss
        ss = _digits(buf, i + 1, 2, end)
        if ss < 0 or ss > 59:
            return 0, False
        i += 3
        if i < end and (buf[i] == 46 or buf[i] == 44):  # . or ,
            i += 1
            scale = NS_PER_S
            start = i
            while i < end and 48 <= buf[i] <= 57:
                scale //= 10
                if scale == 0:  # finer than a nanosecond
                    return 0, False
                frac_ns += (buf[i] - 48) * scale
                i += 1
            if i == start:
                return 0, False
    offset, ok = _offset_seconds(buf, i, end)
    if not ok:
        return 0, False
    seconds = _days_from_civil(y, mo, d) * 86_400 + hh * 3600 + mi * 60 + ss + offset
    return seconds * NS_PER_S + frac_ns, True


def parse_iso(text: str, where: str) -> int:
    """Nanoseconds of an ISO 8601 text; InputError naming `where` if it is not one."""
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8) if isinstance(text, str) else None
    if raw is not None:
        ns, ok = parse_iso_ns(raw, 0, len(raw))
        if ok:
            return int(ns)
    raise InputError(f"{where}: {ISO_EXPECTED}")


def format_iso(ns: int) -> str:
    """`2026-03-02T06:00:00Z`, with the shortest of .mmm/.uuuuuu/.nnnnnnnnn only if needed."""
    days, rest = divmod(ns, _NS_PER_DAY)
    seconds, frac = divmod(rest, NS_PER_S)
    y, m, d = _civil_from_days(days)
    text = (
        f"{y:04d}-{m:02d}-{d:02d}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    )
    if frac:
        digits = f"{frac:09d}"
        width = 3 if digits.endswith("000000") else 6 if digits.endswith("000") else 9
        text += "." + digits[:width]
    return text + "Z"


def _civil_from_days(z: int) -> tuple[int, int, int]:
    # Inverse of _days_from_civil (Howard Hinnant).
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


def iso_texts(ns: np.ndarray) -> list[str]:
    """`format_iso` of every element of an int64 array, the whole seconds formatted by numpy."""
    seconds, frac = np.divmod(ns, NS_PER_S)
    texts = np.datetime_as_string(seconds.astype("M8[s]")).tolist()
    fractional = np.flatnonzero(frac).tolist()
    out = [f"{text}Z" for text in texts]
    for i in fractional:
        out[i] = format_iso(int(ns[i]))
    return out
