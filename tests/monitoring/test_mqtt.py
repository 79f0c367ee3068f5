"""MQTT intake against a real broker (Mosquitto on 127.0.0.1:1883, else NATS's MQTT listener):
stored, and kept by the broker while the bridge is away (persistent session, PUBACK only after
the commit)."""

import json
import os
import threading
import time

import pytest
from django.db import OperationalError, connection

from egide.monitoring import mqtt
from egide.monitoring.models import Fix

from .helpers import FAR, SECRET, now_s, paired

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker(mqtt_broker):
    """The broker and this test's bridge session (forgotten afterwards)."""
    client_id = f"egide-test-{os.getpid()}"
    yield mqtt_broker, client_id
    mqtt.Client(*mqtt_broker, client_id, clean=True).close()


def start_bridge(broker):
    address, client_id = broker
    stop = threading.Event()

    def run():
        try:
            mqtt.bridge(*address, stop=stop.is_set, client_id=client_id)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return stop, thread


def stored(count: int, timeout_s: float = 20) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if Fix.objects.count() >= count:
                return True
        except OperationalError:  # SQLite's shared-cache test database: try again
            pass
        time.sleep(0.2)
    return False


def publish(broker, device, ts, **extra):
    lat, lon = FAR
    payload = {"secret": SECRET, "ts": ts, "lat": lat, "lon": lon, **extra}
    client = mqtt.Client(*broker[0], f"egide-test-device-{os.getpid()}")
    client.publish(f"{mqtt.TOPIC_PREFIX}{device.device_id}", json.dumps(payload).encode())
    client.close()


def test_fixes_published_over_mqtt_are_stored_even_when_the_bridge_was_away(broker):
    wearer = paired().perpetrator_device
    stop, thread = start_bridge(broker)
    time.sleep(1)  # subscribed
    publish(broker, wearer, now_s(), battery_pct=80)
    assert stored(1)
    stop.set()
    thread.join(timeout=10)
    publish(broker, wearer, now_s() + 1)  # the bridge is down: the broker keeps it
    publish(broker, wearer, now_s() + 2, secret="wrong")  # refused, acknowledged, dropped
    stop, thread = start_bridge(broker)
    assert stored(2)
    stop.set()
    thread.join(timeout=10)
    assert Fix.objects.count() == 2
    assert set(Fix.objects.values_list("source", flat=True)) == {"mqtt"}
