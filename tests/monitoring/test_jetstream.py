"""The scale-out mode in one process: fixes go through NATS JetStream, partitioned by pairing,
and the partition workers store fixes, events and state in PostgreSQL (real NATS, real
PostgreSQL; skipped on SQLite, where the mode does not run)."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.monitoring import health, intake, jetstream, routing
from egide.monitoring.choices import IncidentKind
from egide.monitoring.evidence import replayed_event_ids
from egide.monitoring.models import EngineCheckpoint, Event, Fix, Incident
from egide.monitoring.partitions import Partitions, PartitionWorker
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


def later(seconds: float):
    return timezone.now() + timedelta(seconds=seconds)


def test_fixes_waiting_in_the_stream_degrade_health_until_a_worker_takes_them(workers):
    pairing = paired()
    wearer, her = pairing.perpetrator_device, pairing.victim_device
    t = now_s()
    intake.store([incoming(her, t, VICTIM), incoming(wearer, t, FAR)], "test")
    assert Fix.objects.count() == 0  # still in the stream: no worker has run
    waiting = health.platform_health(later(health.MAX_INTAKE_LAG_S + 5))
    assert waiting.intake_lag_s > health.MAX_INTAKE_LAG_S
    assert set(waiting.problems) == {"intake_lag", "engine_down"}
    drain(workers, 2)
    assert health.platform_health().problems == []


def test_a_batch_of_resends_only_moves_the_partition_on_and_is_not_reported_waiting(workers):
    pairing = paired()
    wearer, her = pairing.perpetrator_device, pairing.victim_device
    t = now_s()
    first = incoming(wearer, t, FAR)
    intake.store([incoming(her, t, VICTIM), first], "test")
    drain(workers, 2)
    # The same fix again after JetStream's duplicate window, alone in its batch.
    log = jetstream.link()
    partition = routing.partition_of(wearer.device_id)
    ack = log.call(
        log.js.publish(
            jetstream.subject(partition), jetstream.message(first, "test", time.time_ns())
        )
    )
    drain(workers, 2)
    assert Fix.objects.count() == 2
    checkpoint = EngineCheckpoint.objects.get(partition=jetstream.subject(partition))
    assert checkpoint.stream_sequence == ack.seq
    assert health.platform_health(later(health.MAX_INTAKE_LAG_S + 5)).intake_lag_s == 0


def two_pairings_in_two_partitions():
    """Pairings until two of them fall in different partitions."""
    first = paired()
    home = routing.partition_of(first.perpetrator_device.device_id)
    for _ in range(50):
        other = paired()
        routing.forget_routing()
        if routing.partition_of(other.perpetrator_device.device_id) != home:
            return first, other
    raise AssertionError("every pairing fell in one partition")


def test_one_dead_partition_worker_with_fixes_waiting_degrades_health_while_others_run(
    scale_out,
):
    if connection.vendor != "postgresql":
        pytest.skip("the scale-out mode keeps its state in PostgreSQL")
    dead_pairing, live_pairing = two_pairings_in_two_partitions()
    dead_device, live_device = dead_pairing.perpetrator_device, live_pairing.perpetrator_device
    dead = PartitionWorker(routing.partition_of(dead_device.device_id))
    live = PartitionWorker(routing.partition_of(live_device.device_id))
    try:
        EngineCheckpoint.objects.filter(partition=dead.partition).update(heartbeat_at=later(-60))
        t = now_s()
        intake.store([incoming(live_device, t, FAR)], "test")
        drain(live, 1)
        # A silent partition with nothing to do is no outage yet...
        assert health.platform_health().problems == []
        intake.store([incoming(dead_device, t, FAR)], "test")
        # ...but one with fixes waiting is, though another partition's worker beats.
        stale = health.platform_health()
        assert stale.problems == ["engine_down"]
        assert stale.engine_silence_s >= 60
    finally:
        dead.close()
        live.close()


def test_health_reports_the_log_down_when_nats_is_unreachable(
    client, scale_out, settings, sign_in_as
):
    settings.EGIDE_NATS_URL = "nats://127.0.0.1:1"
    assert "log_down" in health.platform_health().problems
    # Moments later, pages are not held up by a second connection attempt.
    started = time.monotonic()
    assert "log_down" in health.platform_health().problems
    assert time.monotonic() - started < jetstream.CONNECT_TIMEOUT_S / 2
    sign_in_as(role=Role.MONITORING_SUPERVISOR)
    response = client.get(reverse("monitoring:health"))
    assert response.status_code == 200
    assert "Le journal des positions ne répond plus." in response.content.decode()
