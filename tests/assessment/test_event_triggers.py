"""Re-assessment triggers that fire: a device alert, a release from custody, and
every event's due date shortened by the danger already established."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from egide.assessment import services
from egide.assessment.choices import Trigger
from egide.monitoring import publisher
from egide.monitoring.models import Event
from tests.devices.helpers import granted

from .helpers import acting, lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db
NOW = "2026-03-02 10:00:00+01:00"
REASON = "Menaces de mort rapportées par une voisine."


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield timezone.now()


def sos(device_id: str, now) -> Event:
    return Event.objects.create(
        id=f"sos-{device_id}",
        type="sos",
        ts=now,
        ts_ns=int(now.timestamp() * 1e9),
        device_id=device_id,
        batch=1,
    )


def test_an_sos_of_her_alarm_phone_makes_a_reassessment_due(
    frozen, django_capture_on_commit_callbacks
):
    case, _court, assignment = granted()
    with django_capture_on_commit_callbacks(execute=True):
        publisher.apply(sos(assignment.phone.device_id, frozen))
    task = case.reassessment_tasks.open().get()
    assert (task.trigger, task.due_at) == (Trigger.DEVICE_ALERT, frozen + timedelta(days=1))


def test_a_low_battery_is_not_a_change_of_her_situation(frozen, django_capture_on_commit_callbacks):
    case, _court, assignment = granted()
    event = sos(assignment.phone.device_id, frozen)
    event.type = "device.battery_low"
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        publisher.apply(event)
    assert not case.reassessment_tasks.filter(trigger=Trigger.DEVICE_ALERT).exists()


def test_a_release_from_custody_recorded_on_the_case_makes_a_reassessment_due(
    frozen, sign_in_as, client, django_capture_on_commit_callbacks
):
    officer, case = officer_and_case()
    sign_in_as(officer)
    url = reverse("cases:release_add", args=[case.pk])
    assert client.post(url, {"released_on": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"released_on": "2026-03-05"})
    assert response.status_code == 302
    task = case.reassessment_tasks.open().get()
    assert task.trigger == Trigger.RELEASE_FROM_CUSTODY
    assert case.timeline.filter(kind="custody_release").exists()


@pytest.mark.parametrize(
    ("yes", "raise_to", "delay"),
    [
        ((), None, timedelta(days=7)),  # standard: the court decision's own week
        (("q1",), None, timedelta(days=1)),  # high
        (("q1",), "extreme", timedelta(hours=12)),  # extreme: within hours
    ],
    ids=["standard", "high", "extreme"],
)
def test_an_events_due_date_follows_the_level(frozen, yes, raise_to, delay):
    officer, case = officer_and_case()
    assessment = record(officer, case, lap(), answers=sheet(lap(), yes=yes))
    if raise_to:
        services.record_override(acting(officer), assessment, level=raise_to, reason=REASON)
    task = services.force_reassessment(case, Trigger.COURT_DECISION)
    assert task.due_at == frozen + delay
