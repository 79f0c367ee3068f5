"""Payment deadlines count working days, skipping weekends and French public holidays."""

from datetime import date

import pytest

from egide.support.aid import payment_due
from egide.support.working_days import add_working_days, easter_sunday, public_holidays


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_national_holidays_2025():
    holidays = public_holidays(2025)
    assert len(holidays) == 11
    for day in (date(2025, 4, 21), date(2025, 5, 29), date(2025, 6, 9), date(2025, 11, 11)):
        assert day in holidays


def test_local_holidays():
    assert date(2025, 4, 18) in public_holidays(2025, "67")  # Good Friday, Alsace
    assert date(2025, 12, 26) in public_holidays(2025, "57")
    assert date(2025, 4, 18) not in public_holidays(2025, "27")
    assert date(2025, 12, 20) in public_holidays(2025, "974")


def test_weekend_is_skipped():
    # Received Friday 14 Nov 2025: Mon 17, Tue 18, Wed 19.
    assert add_working_days(date(2025, 11, 14), 3) == date(2025, 11, 19)


def test_holidays_are_skipped():
    # Received Friday 7 Nov 2025: Mon 10, (Tue 11 is Armistice), Wed 12, Thu 13.
    assert payment_due(date(2025, 11, 7), already_allocataire=True) == date(2025, 11, 13)


def test_five_days_for_a_new_claimant():
    # Received Thursday 17 Apr 2025: Fri 18, (Mon 21 Easter Monday), Tue 22, Wed 23, Thu 24, Fri 25.
    assert payment_due(date(2025, 4, 17), already_allocataire=False) == date(2025, 4, 25)


def test_good_friday_counts_only_in_alsace_moselle():
    assert payment_due(date(2025, 4, 17), True, "27") == date(2025, 4, 23)
    assert payment_due(date(2025, 4, 17), True, "67") == date(2025, 4, 24)


def test_ascension_bridge():
    # Wednesday 28 May 2025; Thursday 29 is Ascension: Fri 30, Mon 2 June, Tue 3 June.
    assert payment_due(date(2025, 5, 28), True) == date(2025, 6, 3)
