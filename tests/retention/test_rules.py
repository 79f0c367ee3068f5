"""The retention periods as the texts count them: months end on the same day of the month (the
last day of a shorter month), and the day a period ends the record changes state."""

from datetime import date

import pytest

from egide.justice.rules import RuleNotInForce
from egide.retention import rules


def test_r_631_11_keeps_a_bracelet_s_data_one_month_live_then_five_years_eleven_months():
    keep, source = rules.keep(rules.BAR_DATA, date(2026, 12, 3))
    assert "R. 631-11 3°" in source
    assert keep.archived_from(date(2026, 1, 31)) == date(2026, 2, 28)
    assert keep.purged_from(date(2026, 1, 31)) == date(2032, 1, 28)
    assert keep.purged_from(date(2026, 3, 15)) == date(2032, 3, 15)


def test_the_latest_start_purged_is_the_last_day_whose_period_is_over():
    keep, _source = rules.keep(rules.HELPLINE_CALLS, date(2028, 3, 1))
    last = keep.latest_start_purged(date(2028, 3, 1))
    assert keep.purged_from(last) <= date(2028, 3, 1) < keep.purged_from(last.replace(day=2))


def test_before_r_631_11_the_former_article_applies_and_nothing_before_the_bar_existed():
    assert "R. 61-48" in rules.keep(rules.BAR_DATA, date(2021, 6, 1))[1]
    with pytest.raises(RuleNotInForce):
        rules.keep(rules.BAR_DATA, date(2020, 1, 1))


def test_closed_cases_and_the_audit_log_are_reported_not_purged():
    today = date(2026, 12, 3)
    assert not rules.keep(rules.CLOSED_CASES, today)[0].purge
    assert not rules.keep(rules.AUDIT_LOG, today)[0].purge
    assert rules.keep(rules.TGD_POSITIONS, today)[0].active_days == 3
