"""A closed case is no longer followed: its re-assessments stop being due, and its danger is no
longer assessed, until it is reopened."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from egide.assessment import services
from egide.assessment.choices import Trigger
from egide.assessment.hooks import reassessments_due
from egide.assessment.models import Assessment
from egide.cases.choices import CloseReason
from egide.cases.services import close_case, reopen_case

from .helpers import acting, lap, officer_and_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_with_a_late_reassessment():
    officer, case = officer_and_case()
    services.force_reassessment(case, Trigger.ORDER_BREACH, due=timezone.now() - timedelta(hours=1))
    close_case(acting(officer), case, CloseReason.DANGER_ENDED)
    case.refresh_from_db()
    return officer, case


def panel(officer, case, rf) -> str:
    context = {"case": case, "membership": officer}
    return render_to_string("assessment/case_panel.html", context, request=rf.get("/"))


def test_a_closed_case_has_no_reassessment_due_nor_an_assess_button(
    closed_with_a_late_reassessment, rf, sign_in_as
):
    officer, case = closed_with_a_late_reassessment
    assert reassessments_due(acting(officer)).items == []
    html = panel(officer, case, rf)
    assert "Réévaluation en retard" not in html
    assert "Évaluer le danger" not in html
    assert "Historique des évaluations" in html
    client = sign_in_as(officer)
    assert str(case) not in client.get(reverse("assessment:list")).text


def test_a_closed_cases_danger_is_not_assessed(closed_with_a_late_reassessment, sign_in_as):
    officer, case = closed_with_a_late_reassessment
    url = reverse("assessment:run", args=[case.pk, lap().id])
    assert sign_in_as(officer).get(url).status_code == 403
    assert not Assessment.objects.exists()


def test_reopening_the_case_brings_its_reassessment_back(closed_with_a_late_reassessment, rf):
    officer, case = closed_with_a_late_reassessment
    reopen_case(acting(officer), case)
    case.refresh_from_db()
    items = reassessments_due(acting(officer)).items
    assert [str(item.label) for item in items] == [f"{case} — {Trigger.ORDER_BREACH.label}"]
    html = panel(officer, case, rf)
    assert "Réévaluation en retard" in html
    assert "Évaluer le danger" in html
