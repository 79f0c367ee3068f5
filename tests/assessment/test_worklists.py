"""Home-page worklists: re-assessments due or overdue, high danger without protection."""

from datetime import timedelta

import pytest
from django.utils import timezone

from egide.assessment import services
from egide.assessment.choices import Trigger
from egide.assessment.hooks import high_danger_unprotected, reassessments_due
from egide.cases import protection

from .helpers import acting, lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_measure_domains(monkeypatch):
    """The registry as it starts: no domain reports protection measures."""
    monkeypatch.setattr(protection.measures, "_entries", [])


def test_an_overdue_reassessment_is_listed_as_overdue():
    officer, case = officer_and_case()
    services.force_reassessment(case, Trigger.ORDER_BREACH, due=timezone.now() - timedelta(hours=1))
    items = reassessments_due(acting(officer)).items
    assert [str(item.label) for item in items] == [f"{case} — {Trigger.ORDER_BREACH.label}"]
    assert items[0].detail.startswith("En retard")


def test_a_deadline_weeks_away_is_not_listed_yet():
    officer, case = officer_and_case()
    record(officer, case, lap())
    assert reassessments_due(acting(officer)).items == []


def test_high_danger_cases_are_listed_until_a_domain_reports_a_measure(no_measure_domains):
    officer, case = officer_and_case()
    record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    assert [item.label for item in high_danger_unprotected(acting(officer)).items] == [str(case)]

    def every_case_is_protected(cases):
        return cases

    protection.measures.register(every_case_is_protected)
    assert high_danger_unprotected(acting(officer)).items == []
    assert protection.has_protection_measure(case)


def test_other_units_do_not_see_the_case_in_their_worklists(no_measure_domains):
    officer, case = officer_and_case()
    record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    stranger, _other = officer_and_case()
    assert high_danger_unprotected(acting(stranger)).items == []
