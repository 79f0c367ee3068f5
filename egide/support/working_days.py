"""French public holidays and working days ("jours ouvrés": Monday to Friday, not a holiday).

Code du travail L. 3133-1 lists the national holidays; Alsace-Moselle keeps Good Friday and
26 December (Code du travail L. 3134-13); each overseas département has its day of the abolition
of slavery (loi n° 83-550 and décret n° 83-1003).
"""

from datetime import date, timedelta
from functools import cache

NATIONAL_FIXED = ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
# Easter Monday, Ascension Thursday, Whit Monday.
NATIONAL_EASTER_OFFSETS = (1, 39, 50)
ALSACE_MOSELLE = frozenset({"57", "67", "68"})
ABOLITION_OF_SLAVERY = {
    "971": (5, 27),
    "972": (5, 22),
    "973": (6, 10),
    "974": (12, 20),
    "976": (4, 27),
}


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int, departement: str = "") -> frozenset[date]:
    easter = easter_sunday(year)
    days = {date(year, month, day) for month, day in NATIONAL_FIXED}
    days |= {easter + timedelta(days=offset) for offset in NATIONAL_EASTER_OFFSETS}
    if departement in ALSACE_MOSELLE:
        days |= {easter - timedelta(days=2), date(year, 12, 26)}
    if departement in ABOLITION_OF_SLAVERY:
        days.add(date(year, *ABOLITION_OF_SLAVERY[departement]))
    return frozenset(days)


def is_working_day(day: date, departement: str = "") -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year, departement)


def add_working_days(start: date, count: int, departement: str = "") -> date:
    """The `count`-th working day after `start` (`start` itself is not counted)."""
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, departement):
            remaining -= 1
    return day
