"""Re-assessment deadlines per level, and tasks created by case events."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from egide.assessment import services
from egide.assessment.choices import Trigger
from egide.assessment.models import ReassessmentTask
from egide.cases.models import Case
from egide.cases.signals import incident_recorded, separation_recorded

from .helpers import acting, grid, lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db
NOW = "2026-03-02 10:00:00+01:00"
REASON = "Menaces de mort rapportées par une voisine."


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield timezone.now()


@pytest.mark.parametrize(
    ("yes", "days"), [((), 60), (("q1",), 7)], ids=["standard-60-days", "high-7-days"]
)
def test_the_next_reassessment_follows_the_level(frozen, yes, days):
    officer, case = officer_and_case()
    record(officer, case, lap(), answers=sheet(lap(), yes=yes))
    task = services.next_reassessment(case)
    assert task.trigger == Trigger.LEVEL_DEADLINE
    assert task.due_at == frozen + timedelta(days=days)


def test_a_raise_to_extreme_brings_the_deadline_to_3_days(frozen):
    officer, case = officer_and_case()
    assessment = record(officer, case, lap())
    services.record_override(acting(officer), assessment, level="extreme", reason=REASON)
    assert services.next_reassessment(case).due_at == frozen + timedelta(days=3)


def test_a_pending_downgrade_keeps_the_deadline_of_the_computed_level(frozen):
    officer, case = officer_and_case()
    answers = sheet(grid(), yes=["p_firearms", "c_separation"])
    assessment = record(officer, case, grid(), answers=answers)
    services.record_override(acting(officer), assessment, level="medium", reason=REASON)
    assert services.next_reassessment(case).due_at == frozen + timedelta(days=7)


def test_a_new_incident_makes_a_reassessment_due_within_a_day(frozen):
    officer, case = officer_and_case()
    incident_recorded.send(sender=Case, case=case, incident=None)
    task = ReassessmentTask.objects.get(case=case)
    assert (task.trigger, task.due_at) == (Trigger.NEW_INCIDENT, frozen + timedelta(days=1))


def test_a_separation_makes_a_reassessment_due(frozen):
    officer, case = officer_and_case()
    separation_recorded.send(sender=Case, case=case)
    assert ReassessmentTask.objects.get(case=case).trigger == Trigger.SEPARATION


def test_repeated_events_keep_one_task_with_the_earliest_date(frozen):
    officer, case = officer_and_case()
    services.force_reassessment(case, Trigger.ORDER_BREACH, due=frozen + timedelta(days=5))
    services.force_reassessment(case, Trigger.ORDER_BREACH, due=frozen + timedelta(hours=2))
    services.force_reassessment(case, Trigger.ORDER_BREACH, due=frozen + timedelta(days=9))
    task = ReassessmentTask.objects.get(case=case)
    assert task.due_at == frozen + timedelta(hours=2)


def test_the_next_assessment_completes_every_open_task(frozen):
    officer, case = officer_and_case()
    services.force_reassessment(case, Trigger.DEVICE_ALERT)
    services.force_reassessment(case, Trigger.RELEASE_FROM_CUSTODY)
    assessment = record(officer, case, lap())
    assert case.reassessment_tasks.filter(done_by=assessment).count() == 2
    assert [t.trigger for t in case.reassessment_tasks.open()] == [Trigger.LEVEL_DEADLINE]


def test_an_overdue_task_is_overdue(frozen):
    officer, case = officer_and_case()
    services.force_reassessment(case, Trigger.COURT_DECISION)
    with time_machine.travel(frozen + timedelta(days=8), tick=False):
        assert ReassessmentTask.objects.overdue().count() == 1
