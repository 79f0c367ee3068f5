"""Each legal rule of protection orders at its edges (Europe/Paris, calendar days)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from egide.justice import rules

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def last_instant(year, month, day) -> datetime:
    return paris(year, month, day, 23, 59, 59, 999999)


class TestOpDecisionDeadline:
    """C. civ. 515-11: 6 days from the setting of the hearing date."""

    def test_six_calendar_days_weekend_included(self):
        # Set on Monday 2 March 2026: the 6th day is Sunday 8 March, not carried to Monday.
        assert rules.op_decision_due(paris(2026, 3, 2, 10, 0)) == last_instant(2026, 3, 8)

    def test_a_friday_setting_runs_across_the_weekend(self):
        assert rules.op_decision_due(paris(2026, 3, 6, 16, 30)) == last_instant(2026, 3, 12)

    def test_the_day_of_setting_is_not_counted_and_midnight_matters(self):
        before_midnight = rules.op_decision_due(paris(2026, 3, 3, 23, 59))
        after_midnight = rules.op_decision_due(paris(2026, 3, 4, 0, 1))
        assert before_midnight == last_instant(2026, 3, 9)
        assert after_midnight == last_instant(2026, 3, 10)

    def test_the_day_is_the_paris_day_not_the_utc_day(self):
        # 23:30 UTC on 3 March is already 4 March in Paris.
        set_at = datetime(2026, 3, 3, 23, 30, tzinfo=ZoneInfo("UTC"))
        assert rules.op_decision_due(set_at) == last_instant(2026, 3, 10)


class TestOppiDecisionDeadline:
    """C. civ. 515-13-1 (décret 2025-47): 24 hours."""

    def test_twenty_four_hours_across_midnight_and_weekend(self):
        assert rules.oppi_decision_due(paris(2026, 3, 6, 23, 30)) == paris(2026, 3, 7, 23, 30)

    def test_twenty_four_elapsed_hours_across_the_clock_change(self):
        # Night of 28-29 March 2026: clocks go forward; 24 real hours end at 13:00 local time.
        due = rules.oppi_decision_due(paris(2026, 3, 28, 12, 0))
        assert due == paris(2026, 3, 29, 13, 0)
        assert due - paris(2026, 3, 28, 12, 0) == timedelta(hours=24)

    def test_not_before_the_decree(self):
        with pytest.raises(ValueError):
            rules.oppi_decision_due(paris(2024, 1, 1, 12, 0))


class TestOpDuration:
    """C. civ. 515-12: 6 months, 12 since the loi du 13 juin 2024; from notification."""

    def test_six_months_before_the_2024_law(self):
        assert rules.op_duration_months(date(2024, 6, 14)) == 6

    def test_twelve_months_since_the_2024_law(self):
        assert rules.op_duration_months(date(2024, 6, 15)) == 12

    def test_twelve_months_from_notification_to_midnight(self):
        end = rules.op_base_end(paris(2026, 1, 31, 15, 0), date(2026, 1, 20))
        assert end == last_instant(2027, 1, 31)

    def test_a_short_month_ends_on_its_last_day(self):
        end = rules.op_base_end(paris(2024, 8, 31, 9, 0), date(2024, 6, 1))
        assert end == last_instant(2025, 2, 28)


class TestOpExtension:
    """C. civ. 515-12: a divorce or parental-authority proceeding filed meanwhile extends it."""

    NOTIFIED = paris(2026, 1, 10, 11, 0)
    DECIDED = date(2026, 1, 9)
    BASE_END = last_instant(2027, 1, 10)

    def end(self, *proceedings):
        return rules.op_end(self.NOTIFIED, self.DECIDED, proceedings)

    def test_without_proceeding_the_base_term(self):
        assert self.end() == self.BASE_END

    def test_a_pending_divorce_filed_during_the_term_extends_it_open_ended(self):
        assert self.end(("divorce", date(2026, 6, 1), None)) is None

    def test_filed_on_the_last_day_still_extends(self):
        assert self.end(("parental_authority", date(2027, 1, 10), None)) is None

    def test_extended_until_the_proceeding_is_decided(self):
        end = self.end(("legal_separation", date(2026, 12, 1), date(2027, 3, 15)))
        assert end == last_instant(2027, 3, 15)

    def test_a_proceeding_decided_within_the_term_does_not_shorten_it(self):
        assert self.end(("divorce", date(2026, 2, 1), date(2026, 5, 1))) == self.BASE_END

    def test_filed_after_the_term_or_before_notification_changes_nothing(self):
        assert self.end(("divorce", date(2027, 1, 11), None)) == self.BASE_END
        assert self.end(("divorce", date(2026, 1, 9), None)) == self.BASE_END


def test_automatic_suspension_lasts_six_months_at_most():
    # C. civ. 378-2 (loi 2024-233).
    assert rules.automatic_suspension_end(date(2026, 1, 15)) == last_instant(2026, 7, 15)


def test_breach_acknowledgement_defaults_to_one_hour(settings):
    assert rules.breach_acknowledgement_delay() == timedelta(hours=1)
    settings.BREACH_ACKNOWLEDGEMENT_MINUTES = 30
    assert rules.breach_acknowledgement_delay() == timedelta(minutes=30)


def test_add_months_keeps_the_day_or_takes_the_last_one():
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert rules.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
