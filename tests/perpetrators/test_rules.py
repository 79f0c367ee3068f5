"""The reporting deadlines of perpetrator programmes at their edges (Europe/Paris, calendar
days, the day of the event not counted)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from egide.justice.rules import RuleNotInForce
from egide.perpetrators import rules
from egide.perpetrators.choices import ReportKind

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def last_instant(year, month, day) -> datetime:
    return paris(year, month, day, 23, 59, 59, 999999)


def test_an_unexcused_absence_is_reported_within_five_days_weekend_included():
    # A session on Friday 6 March 2026: the fifth day is Wednesday 11 March.
    due = rules.report_due(ReportKind.UNEXCUSED_ABSENCE, paris(2026, 3, 6, 18, 0))
    assert due == last_instant(2026, 3, 11)


def test_an_interruption_is_reported_as_an_absence():
    due = rules.report_due(ReportKind.INTERRUPTION, paris(2026, 3, 6, 9, 0))
    assert due == last_instant(2026, 3, 11)


def test_the_end_of_the_programme_is_reported_within_fifteen_days():
    due = rules.report_due(ReportKind.COMPLETION, paris(2026, 2, 20, 10, 0))
    assert due == last_instant(2026, 3, 7)


def test_the_day_is_the_paris_day():
    # 23:30 UTC on 5 March is already 6 March in Paris.
    due = rules.report_due(
        ReportKind.UNEXCUSED_ABSENCE, datetime(2026, 3, 5, 23, 30, tzinfo=ZoneInfo("UTC"))
    )
    assert due == last_instant(2026, 3, 11)


def test_no_rule_applies_before_the_first_centres():
    assert rules.report_due(ReportKind.COMPLETION, paris(2020, 7, 24, 0, 1))
    with pytest.raises(RuleNotInForce):
        rules.report_due(ReportKind.COMPLETION, paris(2020, 7, 23, 12, 0))


def test_every_report_kind_has_a_dated_delay_with_its_source():
    assert set(rules.REPORT_DELAYS) == set(ReportKind.values)
    for versions in rules.REPORT_DELAYS.values():
        assert all(version.source for version in versions)
