"""The engine worker: events stored exactly once, state survives restarts, same as replay."""

from unittest import mock

import pytest

from egide.justice.models import BreachReport
from egide.monitoring import intake, pipeline
from egide.monitoring.choices import IncidentKind
from egide.monitoring.evidence import replayed_event_ids
from egide.monitoring.models import EngineCheckpoint, Event, Fix, Incident
from egide.monitoring.publisher import publish_pending
from egide.tools.scenario import Couple, stream

from .helpers import CLOSE, FAR, NEAR, NS, VICTIM, now_s, paired

pytestmark = pytest.mark.django_db(transaction=True)


def feed(*fixes):
    intake.store(list(fixes), "test")


def couple(pairing):
    return Couple(pairing.perpetrator_device.device_id, pairing.victim_device.device_id, VICTIM)


def incoming(device, ts_s, position, **extra):
    return intake.IncomingFix(device.device_id, "", ts_s * NS, *position, **extra)


def run_until_idle(worker):
    while worker.step() or publish_pending():
        pass


def test_an_approach_raises_one_prealert_incident_then_an_alert_with_a_breach_report():
    pairing = paired()
    worker = pipeline.Worker()
    wearer, her = pairing.perpetrator_device, pairing.victim_device
    t = now_s()
    feed(incoming(her, t, VICTIM), incoming(wearer, t, FAR))
    feed(incoming(wearer, t + 1, NEAR), incoming(wearer, t + 2, FAR))  # flapping pre-alert
    feed(incoming(wearer, t + 3, NEAR), incoming(wearer, t + 4, CLOSE))
    run_until_idle(worker)
    kinds = list(Incident.objects.order_by("priority").values_list("kind", "event_count"))
    assert kinds == [(IncidentKind.ALERT, 1), (IncidentKind.PREALERT, 3)]
    alert = Incident.objects.get(kind=IncidentKind.ALERT)
    assert alert.breach_report == BreachReport.objects.get(case=pairing.order.case)
    assert alert.case == pairing.order.case
    assert alert.distance_m == pytest.approx(1000, abs=5)


def test_reprocessing_after_a_crash_stores_nothing_twice(tmp_path):
    pairing = paired()
    worker = pipeline.Worker(batch_size=7)
    for fixes in stream([couple(pairing)], now_s() - 400, 400):
        feed(*fixes)
    worker.step()
    # The worker dies after the engine ran but before its transaction commits.
    killed = mock.patch.object(pipeline.EngineCheckpoint, "save", side_effect=RuntimeError("kill"))
    with killed, pytest.raises(RuntimeError):
        worker.step()
    assert EngineCheckpoint.objects.get().batch == 1
    # A fresh process restores the last snapshot and carries on.
    restarted = pipeline.Worker(batch_size=7)
    run_until_idle(restarted)
    assert not Fix.objects.filter(batch__isnull=True).exists()
    ids = list(Event.objects.values_list("id", flat=True))
    assert sorted(ids) == sorted(set(replayed_event_ids(tmp_path)))
    assert {"zone.enter", "zone.exit", "sos", "device.battery_low"} <= set(
        Event.objects.values_list("type", flat=True)
    )
    assert not Event.objects.filter(published_at__isnull=True).exists()


def test_a_new_pairing_is_picked_up_without_losing_the_others_state():
    first = paired()
    worker = pipeline.Worker()
    t = now_s()
    feed(incoming(first.victim_device, t, VICTIM), incoming(first.perpetrator_device, t, NEAR))
    run_until_idle(worker)
    second = paired()
    worker.refresh_config(every_s=0)
    feed(incoming(first.perpetrator_device, t + 1, CLOSE))
    feed(incoming(second.victim_device, t + 1, VICTIM))
    feed(incoming(second.perpetrator_device, t + 1, NEAR))
    run_until_idle(worker)
    levels = list(
        Event.objects.filter(type="zone.enter")
        .order_by("ts", "pairing_key")
        .values_list("pairing_key", "level_to")
    )
    assert levels == [
        (f"pairing-{first.pk}", "prealert"),
        (f"pairing-{first.pk}", "alert"),
        (f"pairing-{second.pk}", "prealert"),
    ]
