"""The scale-out mode in one process: fixes go through NATS JetStream, partitioned by pairing,
and the partition workers store fixes, events and state in PostgreSQL (real NATS, real
PostgreSQL; skipped on SQLite, where the mode does not run)."""

import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from egide.monitoring import intake, jetstream, routing
from egide.monitoring.evidence import replayed_event_ids
from egide.monitoring.models import Event, Fix, Incident, IncidentKind
from egide.monitoring.partitions import Partitions
from egide.monitoring.publisher import publish_pending

from .helpers import CLOSE, FAR, NEAR, NS, SECRET, VICTIM, now_s, paired

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scale_out(settings, nats_url, nats_stream):
    settings.EGIDE_MONITORING_LOG = "nats"
    settings.EGIDE_NATS_URL = nats_url
    settings.EGIDE_NATS_STREAM = nats_stream
    settings.EGIDE_MONITORING_PARTITIONS = 4
    routing.forget_routing()
    yield
    routing.forget_routing()


@pytest.fixture
def workers(scale_out):
    if connection.vendor != "postgresql":
        pytest.skip("the scale-out mode keeps its state in PostgreSQL")
    partitions = Partitions(batch_size=50)
    yield partitions
    partitions.stop()


def incoming(device, ts_s, position, **extra):
    return intake.IncomingFix(device.device_id, "", ts_s * NS, *position, **extra)


def drain(partitions, fixes: int, timeout_s: float = 30) -> None:
    """Run the workers until `fixes` fixes are stored and nothing is left to do."""
    deadline = time.monotonic() + timeout_s
    while partitions.advance() + publish_pending() or Fix.objects.count() < fixes:
        assert time.monotonic() < deadline, f"{Fix.objects.count()} of {fixes} fixes stored"
        time.sleep(0.01)


def test_both_devices_of_a_pairing_and_a_shared_perpetrator_go_to_one_partition(scale_out):
    assert routing.units([("bar-1", "her-1"), ("bar-1", "her-2"), ("bar-9", "her-9")]) == {
        "bar-1": "bar-1",
        "her-1": "bar-1",
        "her-2": "bar-1",
        "bar-9": "bar-9",
        "her-9": "bar-9",
    }


def test_an_approach_through_jetstream_opens_the_incidents_and_a_resent_fix_is_stored_once(
    workers, tmp_path
):
    pairing = paired()
    wearer, her = pairing.perpetrator_device, pairing.victim_device
    assert routing.partition_of(wearer.device_id) == routing.partition_of(her.device_id)
    t = now_s()
    approach = [
        incoming(her, t, VICTIM),
        incoming(wearer, t, FAR),
        incoming(wearer, t + 1, NEAR),
        incoming(wearer, t + 2, FAR),
        incoming(wearer, t + 3, NEAR),
        incoming(wearer, t + 4, CLOSE),
    ]
    intake.store(approach[:4], "test")
    intake.store(approach[2:], "test")  # a device resending what it sent: JetStream drops it
    # A resend after JetStream's duplicate window (its id forgotten): the worker drops it.
    log = jetstream.link()
    partition = routing.partition_of(wearer.device_id)
    resent = jetstream.message(approach[1], "test", time.time_ns())
    log.call(log.js.publish(jetstream.subject(partition), resent))
    drain(workers, len(approach))
    assert Fix.objects.count() == len(approach)
    kinds = list(Incident.objects.order_by("priority").values_list("kind", "event_count"))
    assert kinds == [(IncidentKind.ALERT, 1), (IncidentKind.PREALERT, 3)]
    replayed = replayed_event_ids(Path(tmp_path), jetstream.subject(partition))
    assert sorted(replayed) == sorted(Event.objects.values_list("id", flat=True))


def test_a_restarted_worker_resumes_after_the_last_committed_message(workers):
    pairing = paired()
    wearer, her = pairing.perpetrator_device, pairing.victim_device
    t = now_s()
    intake.store([incoming(her, t, VICTIM), incoming(wearer, t, FAR)], "test")
    drain(workers, 2)
    workers.stop()
    intake.store([incoming(wearer, t + 1, CLOSE)], "test")
    restarted = Partitions(batch_size=50)
    try:
        drain(restarted, 3)
    finally:
        restarted.stop()
    assert list(Event.objects.values_list("type", "level_to")) == [("zone.enter", "alert")]


def test_intake_answers_503_when_nats_is_unreachable_and_stores_nothing(
    client, scale_out, settings
):
    settings.EGIDE_NATS_URL = "nats://127.0.0.1:1"
    device = paired().perpetrator_device.device_id
    params = {"id": device, "secret": SECRET, "timestamp": now_s(), "lat": 49, "lon": 1}
    response = client.get(reverse("monitoring:intake_osmand"), params)
    assert response.status_code == 503
    assert Fix.objects.count() == 0
