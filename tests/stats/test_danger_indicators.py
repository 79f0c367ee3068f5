"""Cases assessed high without a protection measure, and re-assessments done in time."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.assessment import services
from egide.assessment.choices import Trigger
from tests.assessment.helpers import lap, officer_and_case, record, sheet
from tests.factories import MembershipFactory, agency_for_role
from tests.justice.helpers import order_in_force

pytestmark = pytest.mark.django_db


def figures(client):
    response = client.get(reverse("stats:indicators"), {"format": "json"})
    return {item["code"]: item for item in response.json()["indicateurs"]}


def test_a_case_assessed_high_counts_until_an_order_protects_it(sign_in_as):
    analyst = sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency_for_role(Role.ANALYST)))
    officer, high = officer_and_case()
    record(officer, high, lap(), answers=sheet(lap(), yes=["q1"]))
    colleague, low = officer_and_case()
    record(colleague, low, lap())
    assert figures(analyst)["danger-eleve-sans-mesure"]["total"] == 1
    order_in_force(case=high)
    assert figures(analyst)["danger-eleve-sans-mesure"]["total"] == 0


def test_reassessments_due_are_counted_done_in_time_or_not(sign_in_as):
    analyst = sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency_for_role(Role.ANALYST)))
    with time_machine.travel("2026-03-10 09:00 +0100", tick=False):
        due = timezone.now() + timedelta(hours=2)
        officer, on_time = officer_and_case()
        services.force_reassessment(on_time, Trigger.ORDER_BREACH, due=due)
        _officer, late = officer_and_case()
        services.force_reassessment(late, Trigger.ORDER_BREACH, due=due)
        record(officer, on_time, lap())
    with time_machine.travel("2026-03-10 13:00 +0100", tick=False):
        assert figures(analyst)["reevaluations-dans-le-delai"]["total"] == 50.0


def test_the_delay_from_high_danger_to_a_first_measure(sign_in_as):
    analyst = sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency_for_role(Role.ANALYST)))
    officer, waited = officer_and_case()
    colleague, protected_first = officer_and_case()
    with time_machine.travel("2026-03-02 09:00 +0100", tick=False):
        order_in_force(case=protected_first)
        record(officer, waited, lap(), answers=sheet(lap(), yes=["q1"]))
        record(colleague, protected_first, lap(), answers=sheet(lap(), yes=["q1"]))
    with time_machine.travel("2026-03-04 08:00 +0100", tick=False):
        record(officer, waited, lap(), answers=sheet(lap(), yes=["q1"]))  # not the first
    with time_machine.travel("2026-03-06 10:00 +0100", tick=False):
        order_in_force(case=waited)
    with time_machine.travel("2026-03-20 12:00 +0100", tick=False):
        delay = figures(analyst)["danger-eleve-delai-avant-mesure"]
    assert delay["total"] == 4.0, "from 2 to 6 March; a case already protected is not counted"
