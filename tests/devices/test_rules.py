"""Each legal rule of TGD and BAR at its edges."""

from datetime import date, timedelta

import pytest

from egide.devices import rules

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize("km", [1, 2, 10])
def test_alert_distance_whole_km_from_1_to_10(km):
    assert rules.alert_distance_error(km, TODAY) is None


@pytest.mark.parametrize("km", [0, 11, -1, 2.5, 1.0, "2", True, None])
def test_other_alert_distances_are_refused_with_a_message(km):
    assert "nombre entier" in str(rules.alert_distance_error(km, TODAY))


@pytest.mark.parametrize(
    ("km", "metres"), [(1, (1000, 2000)), (2, (2000, 4000)), (10, (10000, 20000))]
)
def test_pre_alert_is_twice_the_alert(km, metres):
    assert rules.distances_m(km, TODAY) == metres


def test_distances_refuse_an_unlawful_alert():
    with pytest.raises(ValueError):
        rules.distances_m(11, TODAY)


def test_bar_distance_rule_is_dated_from_the_2020_decree():
    with pytest.raises(ValueError):
        rules.distances_m(2, date(2020, 9, 24))


def conditions(no_cohabitation=True, ban=False, danger=False):
    return rules.TgdConditions(no_cohabitation, ban, danger)


class TestTgdConditions:
    """CPP 41-3-1: no cohabitation AND (judicial contact ban OR proven imminent danger)."""

    def test_granted_with_a_contact_ban(self):
        assert rules.tgd_refusals(conditions(ban=True)) == []

    def test_granted_with_a_proven_imminent_danger(self):
        assert rules.tgd_refusals(conditions(danger=True)) == []

    def test_refused_when_living_together_even_with_a_ban(self):
        assert len(rules.tgd_refusals(conditions(no_cohabitation=False, ban=True))) == 1

    def test_refused_without_ban_nor_danger(self):
        assert len(rules.tgd_refusals(conditions())) == 1

    def test_grant_lasts_six_months(self):
        assert rules.tgd_grant_months(TODAY) == 6

    def test_phones_are_tested_every_fifteen_days(self):
        assert rules.tgd_test_interval(TODAY) == timedelta(days=15)


class TestCivilBarConsent:
    """C. civ. 515-11-1: only with a contact ban and both parties' consent."""

    def test_allowed_with_contact_ban_and_both_consents(self):
        refusals = rules.civil_bar_refusals(
            contact_ban=True, perpetrator_consent=True, victim_consent=True
        )
        assert refusals == []

    @pytest.mark.parametrize(("perpetrator", "victim"), [(False, True), (True, False)])
    def test_refused_without_either_consent(self, perpetrator, victim):
        refusals = rules.civil_bar_refusals(
            contact_ban=True, perpetrator_consent=perpetrator, victim_consent=victim
        )
        assert len(refusals) == 1

    def test_refused_without_contact_ban(self):
        refusals = rules.civil_bar_refusals(
            contact_ban=False, perpetrator_consent=True, victim_consent=True
        )
        assert len(refusals) == 1


def test_criminal_bar_six_months_two_years_at_most():
    assert rules.criminal_bar_months(TODAY) == (6, 24)


@pytest.mark.parametrize(
    ("renewals", "last_day"),
    [(0, date(2026, 9, 2)), (1, date(2027, 3, 2)), (2, date(2027, 9, 2)), (3, date(2028, 3, 2))],
)
def test_a_criminal_bar_runs_in_six_month_periods_from_the_order(renewals, last_day):
    assert rules.criminal_bar_end(TODAY, renewals) == last_day


def test_month_end_clipping_never_shortens_the_next_period():
    ordered_on = date(2026, 8, 31)
    assert rules.criminal_bar_end(ordered_on, 0) == date(2027, 2, 28)
    assert rules.criminal_bar_end(ordered_on, 1) == date(2027, 8, 31)


@pytest.mark.parametrize("renewals", [0, 1, 2])
def test_renewals_within_two_years_are_allowed(renewals):
    assert rules.criminal_bar_renewal_error(TODAY, renewals) is None


def test_a_renewal_beyond_two_years_is_refused_with_the_end_date():
    message = str(rules.criminal_bar_renewal_error(TODAY, 3))
    assert "24 mois" in message and "R. 24-19" in message and "02/03/2028" in message


def test_the_criminal_bar_rule_cites_its_article():
    assert "R. 24-19" in rules.in_force(rules.CRIMINAL_BAR_MONTHS, TODAY).source
    assert "R. 24-19" in rules.in_force(rules.CRIMINAL_BAR_MAX_MONTHS, TODAY).source
