"""FIXES.csv, streamed in chunks and parsed by a compiled byte parser.

Header `device,ts,lat,lon,accuracy_m,battery_pct,alarm` (any order; extra columns ignored).
Memory stays flat: one chunk of bytes and its arrays at a time. Any malformed row stops the read
with an InputError naming the file, line and column. Coordinates are never quoted back in error
messages: a victim's position must not end up in logs.
"""

import csv
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

from . import kernel
from .errors import InputError
from .jit import compiled
from .kernel import Fixes
from .timestamps import ISO_EXPECTED, parse_iso_ns

COLUMNS = ("device", "ts", "lat", "lon", "accuracy_m", "battery_pct", "alarm")
DEVICE, TS, LAT, LON, ACCURACY, BATTERY, ALARM = range(7)
_IGNORED = -1
CHUNK_BYTES = 1 << 22
MAX_LINE_BYTES = 1 << 16

OK, SLOW, BAD = 0, 1, 2  # number parse status; SLOW = valid, but exactness needs Python's float()
_FIELD_COUNT, _EMPTY, _NUMBER, _TIME, _ALARM_VALUE, _QUOTING = 1, 2, 3, 4, 5, 6
_REASONS = {
    _EMPTY: "a value is required",
    _NUMBER: "not a decimal number",
    _TIME: ISO_EXPECTED,
    _ALARM_VALUE: "must be empty, sos or tamper",
    _QUOTING: "badly quoted field",
}
_RANGES = {  # column -> (low, high, message), both bounds inclusive
    LAT: (-90.0, 90.0, "must be within [-90, 90]"),
    LON: (-180.0, 180.0, "must be within [-180, 180]"),
    ACCURACY: (0.0, np.finfo(np.float64).max, "must be a finite number of metres, 0 or more"),
    BATTERY: (0.0, 100.0, "must be within [0, 100]"),
}
# Fields whose text may be quoted in an error message (not positions).
_SHOWN = {TS, ACCURACY, BATTERY, ALARM}
_FNV_OFFSET, _FNV_PRIME = np.uint64(14695981039346656037), np.uint64(1099511628211)
_EXACT_POW10 = np.array([10.0**k for k in range(23)])  # all exact in float64
_MANTISSA_DIGITS_LIMIT = 10**17  # an int64 mantissa takes one more digit below this
_EXACT_MANTISSA = 2**53


class DeviceTable(NamedTuple):
    """Open-addressing hash table of the known device ids' UTF-8 bytes."""

    names: np.ndarray  # uint8, all ids concatenated
    first: np.ndarray  # int64[n + 1]
    slots: np.ndarray  # int32, -1 = empty


def device_table(devices: Sequence[str]) -> DeviceTable:
    encoded = [d.encode("utf-8") for d in devices]
    names = np.frombuffer(b"".join(encoded), np.uint8).copy()
    first = np.concatenate([[0], np.cumsum([len(e) for e in encoded])]).astype(np.int64)
    size = 1 << max(4, (2 * len(encoded)).bit_length())
    table = DeviceTable(names, first, np.full(size, -1, np.int32))
    _fill(table)
    return table


def read_fixes(path: str, devices: DeviceTable, chunk_bytes: int = CHUNK_BYTES) -> Iterator[Fixes]:
    """Yield the file's fixes in batches, in file order."""
    try:
        file = open(path, "rb")  # noqa: SIM115 (closed by the generator's with)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error}") from error
    with file:
        try:
            roles = _header(path, file.readline())
            yield from _batches(path, file, roles, devices, chunk_bytes)
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error}") from error


def _header(path: str, line: bytes) -> np.ndarray:
    try:
        text = line.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise InputError(f"{path}:1: header is not UTF-8") from None
    names = next(csv.reader([text]), [])
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise InputError(f"{path}:1: duplicate column {', '.join(duplicated)}")
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise InputError(
            f"{path}:1: missing column {', '.join(missing)} (header must have {','.join(COLUMNS)})"
        )
    return np.array([COLUMNS.index(n) if n in COLUMNS else _IGNORED for n in names], np.int8)


def _batches(path, file, roles, devices, chunk_bytes) -> Iterator[Fixes]:
    line = 2
    carry = b""
    while True:
        data = file.read(chunk_bytes)
        buf = carry + data
        cut = len(buf) if not data else buf.rfind(b"\n") + 1
        if cut == 0 and len(buf) > MAX_LINE_BYTES:
            raise InputError(f"{path}:{line}: line longer than {MAX_LINE_BYTES} bytes")
        if cut:
            chunk = np.frombuffer(buf, np.uint8, count=cut)
            fixes, line = _parse(path, chunk, line, roles, devices)
            yield fixes
        carry = buf[cut:]
        if not data:
            return


def _parse(path, chunk, line, roles, devices) -> tuple[Fixes, int]:
    """-> the chunk's fixes, and the number of the line after it."""
    rows = int(np.count_nonzero(chunk == 10)) + 1
    numbers = np.empty((4, rows))  # lat, lon, accuracy, battery: contiguous rows
    fixes = Fixes(
        np.empty(rows, np.int32), np.empty(rows, np.int64), *numbers, np.empty(rows, np.int8)
    )
    lines = np.empty(rows, np.int64)
    slow = np.empty((4 * rows, 4), np.int64)  # row, column, start, end of each SLOW number
    count, n_slow, error, next_line = _parse_chunk(
        chunk, line, roles, devices, fixes.dev, fixes.ts, numbers, fixes.alarm, lines, slow
    )
    fixes = Fixes(*(column[:count] for column in fixes))
    for row, column, start, end in slow[:n_slow]:
        fixes[column][row] = float(chunk[start:end].tobytes())  # Fixes fields follow COLUMNS
    _check_ranges(path, fixes, lines)
    if error[0]:
        raise InputError(_syntax_message(path, chunk, roles, error))
    return fixes, next_line


def _check_ranges(path, fixes: Fixes, lines: np.ndarray) -> None:
    for column, (low, high, message) in _RANGES.items():
        values = fixes[column]
        bad = np.flatnonzero(
            ~((values >= low) & (values <= high)) & ~_optional_missing(column, values)
        )
        if len(bad):
            shown = f" ({values[bad[0]]:g})" if column in _SHOWN else ""
            raise InputError(f"{path}:{lines[bad[0]]}: {COLUMNS[column]}: {message}{shown}")


def _optional_missing(column, values) -> np.ndarray:
    return np.isnan(values) if column in (ACCURACY, BATTERY) else np.zeros(len(values), np.bool_)


def _syntax_message(path, chunk, roles, error) -> str:
    code, line, role, start, end, found = error
    if code == _FIELD_COUNT:
        return f"{path}:{line}: expected {len(roles)} fields, found {found}"
    if code == _QUOTING:
        return f"{path}:{line}: {_REASONS[code]}"
    text = chunk[start:end].tobytes().decode("utf-8", "replace")
    shown = f" ({text[:40]!r})" if role in _SHOWN and code != _EMPTY else ""
    return f"{path}:{line}: {COLUMNS[role]}: {_REASONS[code]}{shown}"


@compiled(nogil=True)  # parsed in a reader thread while the engine works
def _parse_chunk(buf, line, roles, devices, dev, ts, numbers, alarm, lines, slow):
    """Parse whole rows of buf into dev, ts, numbers (lat, lon, accuracy, battery: one row each)
    and alarm -> (rows parsed, slow numbers, error, next line). On a malformed row, stop:
    error = (code, line, column, start, end, fields found); code 0 means none.

    One loop with helpers on (buf, start, end) only, the values' columns written in turn without
    a loop over them: numba passes arrays by value, so handing the output arrays to a helper per
    field, or choosing among them per field, costs more than the parsing itself."""
    names, first, slots = devices
    error = np.zeros(6, np.int64)
    spans = np.empty((len(COLUMNS), 3), np.int64)  # start, end, has "" escapes
    scratch = np.empty(MAX_LINE_BYTES, np.uint8)
    n_roles = len(roles)
    r = n_slow = 0
    pos = 0
    while pos < len(buf):
        eol = pos
        while eol < len(buf) and buf[eol] != 10:
            eol += 1
        end = eol - 1 if eol > pos and buf[eol - 1] == 13 else eol
        if end > pos:  # blank lines are skipped
            # Plain rows (no field opens with a quote) are split here, in one pass; the others,
            # and rows with the wrong number of fields, by `_split`, which also reports faults.
            column = 0
            start = pos
            plain = True
            for i in range(pos, end + 1):
                if i < end and buf[i] != 44:  # ,
                    continue
                if start < i and buf[start] == 34 or column >= n_roles:  # "
                    plain = False
                    break
                role = roles[column]
                if role != _IGNORED:
                    spans[role, 0], spans[role, 1], spans[role, 2] = start, i, 0
                column += 1
                start = i + 1
            if not (plain and column == n_roles) and not _split(
                buf, pos, end, line, roles, spans, error
            ):
                return r, n_slow, error, line
            # The values, in COLUMNS order: the first fault of a row is the one reported.
            start, stop = spans[DEVICE, 0], spans[DEVICE, 1]
            if start == stop:
                _fail(error, _EMPTY, line, DEVICE, start, stop, 0)
                return r, n_slow, error, line
            if spans[DEVICE, 2]:  # quotes doubled inside quotes: undo them first
                size = _unescape(buf, start, stop, scratch)
                dev[r] = _lookup(names, first, slots, scratch, 0, size)
            else:
                dev[r] = _lookup(names, first, slots, buf, start, stop)
            start, stop = spans[TS, 0], spans[TS, 1]
            ts[r], ok = parse_iso_ns(buf, start, stop)
            if not ok:
                _fail(error, _EMPTY if start == stop else _TIME, line, TS, start, stop, 0)
                return r, n_slow, error, line
            for role in range(LAT, ALARM):
                start, stop = spans[role, 0], spans[role, 1]
                value, status = np.nan, OK
                if stop > start:
                    value, status = _number(buf, start, stop)
                elif role <= LON:
                    status = BAD
                if status == BAD:
                    code = _EMPTY if stop == start else _NUMBER
                    _fail(error, code, line, role, start, stop, 0)
                    return r, n_slow, error, line
                if status == SLOW:
                    slow[n_slow, 0], slow[n_slow, 1] = r, role
                    slow[n_slow, 2], slow[n_slow, 3] = start, stop
                    n_slow += 1
                numbers[role - LAT, r] = value
            start, stop = spans[ALARM, 0], spans[ALARM, 1]
            alarm[r] = _alarm(buf, start, stop)
            if alarm[r] < 0:
                _fail(error, _ALARM_VALUE, line, ALARM, start, stop, 0)
                return r, n_slow, error, line
            lines[r] = line
            r += 1
        pos = eol + 1
        line += 1
    return r, n_slow, error, line


@compiled
def _split(buf, pos, end, line, roles, spans, error):
    """Record the span of each wanted column of row buf[pos:end]; False on a malformed row."""
    column = 0
    start = pos
    while True:
        stop, content_start, content_end, escaped = _field(buf, start, end)
        if stop < 0:
            _fail(error, _QUOTING, line, 0, start, end, 0)
            return False
        if column < len(roles) and roles[column] != _IGNORED:
            role = roles[column]
            spans[role, 0], spans[role, 1], spans[role, 2] = content_start, content_end, escaped
        column += 1
        if stop >= end:
            break
        start = stop + 1
    if column != len(roles):
        _fail(error, _FIELD_COUNT, line, 0, pos, end, column)
        return False
    return True


@compiled
def _field(buf, start, end):
    """-> (index of the comma or end, content start, content end, has "" escapes);
    stop = -1 if a quoted field is malformed."""
    if start < end and buf[start] == 34:  # "
        i = start + 1
        escaped = False
        while i < end:
            if buf[i] == 34:
                if i + 1 < end and buf[i + 1] == 34:
                    escaped = True
                    i += 2
                    continue
                if i + 1 == end or buf[i + 1] == 44:
                    return i + 1, start + 1, i, escaped
                return -1, 0, 0, False
            i += 1
        return -1, 0, 0, False
    i = start
    while i < end and buf[i] != 44:  # ,
        i += 1
    return i, start, i, False


@compiled
def _alarm(buf, start, end):
    """Alarm code of `` / `sos` / `tamper`, or -1."""
    n = end - start
    if n == 0:
        return kernel.NO_ALARM
    if n == 3 and buf[start] == 115 and buf[start + 1] == 111 and buf[start + 2] == 115:
        return kernel.ALARM_SOS
    tamper = (116, 97, 109, 112, 101, 114)
    if n != 6:
        return -1
    for k in range(6):
        if buf[start + k] != tamper[k]:
            return -1
    return kernel.ALARM_TAMPER


@compiled
def _number(buf, start, end):
    """Decimal `[+-]digits[.digits][e[+-]digits]` -> (value, OK | SLOW | BAD).

    OK when the value is exactly m * 10^k with m < 2^53 and |k| <= 22: one IEEE operation on two
    exact doubles, hence correctly rounded, as Python's float() is. Longer texts are SLOW: the
    caller converts them with float(), so both agree to the last bit."""
    i = start
    negative = False
    if i < end and (buf[i] == 43 or buf[i] == 45):
        negative = buf[i] == 45
        i += 1
    mantissa = 0
    exponent = 0
    digits = 0
    exact = True
    seen_point = False
    while i < end:
        c = buf[i]
        if c == 46 and not seen_point:
            seen_point = True
        elif 48 <= c <= 57:
            digits += 1
            if mantissa < _MANTISSA_DIGITS_LIMIT:
                mantissa = mantissa * 10 + (c - 48)
                exponent -= seen_point
            elif c != 48 or not seen_point:
                exact = False  # digits beyond what an int64 mantissa can hold
                exponent += not seen_point
        else:
            break
        i += 1
    if digits == 0:
        return 0.0, BAD
    if i < end and (buf[i] == 101 or buf[i] == 69):  # e E
        power, i, ok = _exponent(buf, i + 1, end)
        if not ok:
            return 0.0, BAD
        exponent += power
    if i != end:
        return 0.0, BAD
    if not exact or mantissa > _EXACT_MANTISSA or abs(exponent) > 22:
        return 0.0, SLOW if mantissa else OK
    value = (
        mantissa * _EXACT_POW10[exponent] if exponent >= 0 else mantissa / _EXACT_POW10[-exponent]
    )
    return (-value if negative else value), OK


@compiled
def _exponent(buf, i, end):
    sign = 1
    if i < end and (buf[i] == 43 or buf[i] == 45):
        sign = -1 if buf[i] == 45 else 1
        i += 1
    start = i
    power = 0
    while i < end and 48 <= buf[i] <= 57:
        power = min(power * 10 + (buf[i] - 48), 100_000)
        i += 1
    return sign * power, i, i > start


@compiled
def _unescape(buf, start, end, scratch):
    n = 0
    i = start
    while i < end and n < len(scratch):  # a longer id cannot be a known one anyway
        scratch[n] = buf[i]
        n += 1
        i += 2 if buf[i] == 34 else 1  # "" -> "
    return n


@compiled
def _fail(error, code, line, role, start, end, found):
    error[0], error[1], error[2], error[3], error[4], error[5] = code, line, role, start, end, found


@compiled
def _hash(buf, start, end):
    h = _FNV_OFFSET
    for i in range(start, end):
        h = (h ^ np.uint64(buf[i])) * _FNV_PRIME
    return h


@compiled
def _fill(table):
    mask = len(table.slots) - 1
    for d in range(len(table.first) - 1):
        k = _hash(table.names, table.first[d], table.first[d + 1]) & mask
        while table.slots[k] >= 0:
            k = (k + 1) & mask
        table.slots[k] = d


@compiled
def _lookup(names, first, slots, buf, start, end):
    """Index of the device whose id is buf[start:end], or -1."""
    mask = len(slots) - 1
    k = _hash(buf, start, end) & mask
    while slots[k] >= 0:
        d = slots[k]
        if _same(names, first[d], first[d + 1], buf, start, end):
            return d
        k = (k + 1) & mask
    return -1


@compiled
def _same(a, a_start, a_end, b, b_start, b_end):
    n = a_end - a_start
    if n != b_end - b_start:
        return False
    k = 0
    while k < n and a[a_start + k] == b[b_start + k]:
        k += 1
    return k == n
