"""Device intake: stored before "OK", authenticated per device, bad input stores nothing."""

import json

import pytest
from django.urls import reverse

from egide.monitoring import intake
from egide.monitoring.choices import RefusalReason
from egide.monitoring.models import Fix, IntakeRefusal

from .helpers import FAR, NS, SECRET, VICTIM, fix, now_s, paired

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing():
    return paired()


def osmand(client, **params):
    return client.get(reverse("monitoring:intake_osmand"), params)


def post_json(client, name, document, **headers):
    return client.post(
        reverse(name), json.dumps(document), content_type="application/json", headers=headers
    )


def test_osmand_query_string_is_stored_before_ok(client, pairing):
    device = pairing.perpetrator_device
    ts = now_s()
    response = osmand(
        client,
        id=device.device_id,
        secret=SECRET,
        timestamp=ts,
        lat=49.5,
        lon=1.1,
        batt=87,
        accuracy=12,
        alarm="sos",
    )
    assert response.status_code == 200
    stored = Fix.objects.get()
    assert (stored.device_id, stored.ts, stored.lat, stored.lon) == (
        device.device_id,
        ts * NS,
        49.5,
        1.1,
    )
    assert (stored.battery_pct, stored.accuracy_m, stored.alarm) == (87, 12, "sos")
    assert stored.batch is None  # waiting for the engine


def test_osmand_timestamp_in_milliseconds_or_iso(client, pairing):
    device = pairing.perpetrator_device
    ts = now_s()
    headers = {"Authorization": f"Bearer {SECRET}"}
    url = reverse("monitoring:intake_osmand")
    client.get(
        url, {"id": device.device_id, "timestamp": ts * 1000, "lat": 1, "lon": 2}, headers=headers
    )
    client.get(
        url,
        {"id": device.device_id, "timestamp": "2026-01-02T03:04:05Z", "lat": 1, "lon": 2},
        headers=headers,
    )
    assert sorted(Fix.objects.values_list("ts", flat=True)) == [1767323045 * NS, ts * NS]


def test_osmand_json_body_of_traccar_client(client, pairing):
    device = pairing.victim_device
    document = {
        "device_id": device.device_id,
        "location": {
            "timestamp": "2026-03-02T06:00:00.250Z",
            "coords": {"latitude": VICTIM[0], "longitude": VICTIM[1], "accuracy": 8},
            "battery": {"level": 0.42, "is_charging": False},
        },
    }
    response = post_json(
        client, "monitoring:intake_osmand", document, Authorization=f"Bearer {SECRET}"
    )
    assert response.status_code == 200
    stored = Fix.objects.get()
    assert stored.battery_pct == pytest.approx(42)
    assert stored.ts % NS == 250_000_000


def test_traccar_forwarding_with_an_alarm_event(client, pairing):
    device = pairing.perpetrator_device
    document = {
        "event": {"type": "alarm", "attributes": {"alarm": "tampering"}},
        "position": {
            "fixTime": "2026-03-02T06:00:00.000+00:00",
            "latitude": 49.1,
            "longitude": 1.2,
            "accuracy": 0.0,
            "attributes": {"batteryLevel": 55},
        },
        "device": {"id": 10, "uniqueId": device.device_id},
    }
    response = post_json(
        client, "monitoring:intake_traccar", document, Authorization=f"Bearer {SECRET}"
    )
    assert response.status_code == 200
    stored = Fix.objects.get()
    assert (stored.alarm, stored.battery_pct, stored.accuracy_m) == ("tamper", 55, None)


def test_batch_of_a_gateway(client, pairing):
    start = now_s()
    fixes = [fix(pairing.perpetrator_device, start + i, FAR) for i in range(50)]
    fixes += [fix(pairing.victim_device, start + i, VICTIM) for i in range(50)]
    response = post_json(client, "monitoring:intake_batch", {"fixes": fixes})
    assert response.status_code == 200
    assert response.json() == {"stored": 100, "refused": []}
    assert Fix.objects.count() == 100


def test_a_duplicate_is_accepted_and_ignored(client, pairing):
    params = {
        "id": pairing.perpetrator_device.device_id,
        "secret": SECRET,
        "timestamp": now_s(),
        "lat": 1,
        "lon": 2,
    }
    assert osmand(client, **params).status_code == 200
    assert osmand(client, **params).status_code == 200
    assert Fix.objects.count() == 1


@pytest.mark.parametrize(
    "params, message",
    [
        ({"lat": 91}, "lat"),
        ({"lon": "east"}, "lon"),
        ({"batt": 140}, "batt"),
        ({"timestamp": "yesterday"}, "timestamp"),
    ],
)
def test_an_unusable_fix_of_a_device_is_rejected_so_its_client_moves_on(
    client, pairing, params, message
):
    """The legacy client retries its oldest fix until it hears 200."""
    device = pairing.perpetrator_device
    base = {"id": device.device_id, "secret": SECRET, "timestamp": now_s(), "lat": 1, "lon": 2}
    response = osmand(client, **{**base, **params})
    assert response.status_code == 200
    assert response.json()["stored"] == 0
    assert message in response.json()["rejected"][0]["reason"]
    assert not Fix.objects.exists()
    counter = IntakeRefusal.objects.get(reason=RefusalReason.UNUSABLE)
    assert (counter.device_id, counter.count) == (device.device_id, 1)


@pytest.mark.parametrize(
    "params, message",
    [({"lat": 91, "secret": "wrong"}, "lat"), ({"id": ""}, "id"), ({"id": "a b"}, "id")],
)
def test_malformed_fixes_get_a_clear_400_and_store_nothing(client, pairing, params, message):
    base = {
        "id": pairing.perpetrator_device.device_id,
        "secret": SECRET,
        "timestamp": now_s(),
        "lat": 1,
        "lon": 2,
    }
    response = osmand(client, **{**base, **params})
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Fix.objects.exists()


def test_one_malformed_fix_refuses_the_whole_batch(client, pairing):
    device = pairing.perpetrator_device
    fixes = [fix(device, now_s(), FAR), {"id": device.device_id, "secret": SECRET, "ts": now_s()}]
    response = post_json(client, "monitoring:intake_batch", {"fixes": fixes})
    assert response.status_code == 400
    assert response.json()["error"].startswith("fixes[1]: lat")
    assert not Fix.objects.exists()


def test_unknown_devices_and_wrong_secrets_are_refused_and_counted(client, pairing):
    device = pairing.perpetrator_device
    base = {"timestamp": now_s(), "lat": 1, "lon": 2}
    assert osmand(client, id="nobody", secret=SECRET, **base).status_code == 401
    assert osmand(client, id=device.device_id, secret="guess", **base).status_code == 401
    assert osmand(client, id=device.device_id, secret="guess", **base).status_code == 401
    assert osmand(client, id=device.device_id, **base).status_code == 401
    assert not Fix.objects.exists()
    counts = dict(IntakeRefusal.objects.values_list("reason", "count"))
    assert counts == {RefusalReason.UNKNOWN_DEVICE: 1, RefusalReason.BAD_SECRET: 3}


def test_a_batch_with_an_unauthenticated_fix_stores_nothing(client, pairing):
    fixes = [fix(pairing.perpetrator_device, now_s(), FAR)]
    fixes.append({**fix(pairing.victim_device, now_s(), VICTIM), "secret": "wrong"})
    response = post_json(client, "monitoring:intake_batch", {"fixes": fixes})
    assert response.status_code == 401
    assert response.json()["refused"] == [{"index": 1, "reason": "unauthenticated"}]
    assert not Fix.objects.exists()


def test_a_device_clock_ahead_by_more_than_ten_minutes_is_refused_and_counted(client, pairing):
    """Refused with a 200 naming the rejection, so the legacy client (which retries
    its oldest fix until it hears 200) drops it instead of blocking every later fix."""
    device = pairing.perpetrator_device
    ahead = now_s() + 11 * 60
    response = osmand(client, id=device.device_id, secret=SECRET, timestamp=ahead, lat=1, lon=2)
    assert response.status_code == 200
    assert response.json()["stored"] == 0
    assert response.json()["rejected"][0]["reason"].startswith("clock_ahead")
    fixes = [fix(device, now_s(), FAR), fix(device, ahead, FAR), fix(device, now_s() + 5 * 60, FAR)]
    response = post_json(client, "monitoring:intake_batch", {"fixes": fixes})
    assert response.json() == {"stored": 2, "refused": [{"index": 1, "reason": "clock_ahead"}]}
    refusal = IntakeRefusal.objects.get(reason=RefusalReason.CLOCK_AHEAD)
    assert (refusal.device_id, refusal.count) == (device.device_id, 2)


def test_intake_needs_no_session_nor_csrf_token(pairing):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    document = {"fixes": [fix(pairing.perpetrator_device, now_s(), FAR)]}
    response = post_json(strict, "monitoring:intake_batch", document)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "٤٨"},  # Arabic-Indic digits
        {"lat": "１２"},  # full-width digits
        {"lat": "4_8.1"},  # Python's digit separator
        {"timestamp": "٢٠٢٦-03-02T06:00:00Z"},
        {"timestamp": "0"},  # no clock: 1970
    ],
)
def test_lenient_numbers_and_times_are_not_stored(client, pairing, params):
    """What float() or a 1970 clock would turn into a real-looking fix."""
    device = pairing.perpetrator_device
    base = {"id": device.device_id, "secret": SECRET, "timestamp": now_s(), "lat": 49, "lon": 1}
    response = osmand(client, **{**base, **params})
    assert response.json()["stored"] == 0 and response.json()["rejected"]
    assert not Fix.objects.exists()


def test_unknown_accuracy_is_stored_as_unknown_on_every_path(client, pairing):
    """accuracy=0.0 and hdop=0 mean "unknown", not 0 m."""
    device = pairing.perpetrator_device
    base = {"id": device.device_id, "secret": SECRET, "lat": 49, "lon": 1}
    osmand(client, **base, timestamp=now_s() - 2, accuracy="0.0")
    osmand(client, **base, timestamp=now_s() - 1, hdop="0")
    assert list(Fix.objects.values_list("accuracy_m", flat=True)) == [None, None]


def test_a_re_sent_last_known_position_is_not_a_fresh_fix_unless_it_carries_an_alarm(
    client, pairing
):
    """valid=false is the client's last known position sent again."""
    device = pairing.perpetrator_device
    base = {"id": device.device_id, "secret": SECRET, "lat": 49, "lon": 1, "valid": "false"}
    response = osmand(client, **base, timestamp=now_s() - 1)
    assert response.status_code == 200 and response.json()["stored"] == 0
    assert not Fix.objects.exists()
    response = osmand(client, **base, timestamp=now_s(), alarm="sos")
    assert response.json()["stored"] == 1
    assert Fix.objects.get().alarm == "sos"


@pytest.mark.parametrize("claimed", ["FUZZ-1 ", "FUZZ-1\n", "FUZ\x00Z-1", " FUZZ-1"])
def test_a_device_id_with_spaces_or_control_characters_is_nobody(client, claimed):
    """An id with spaces or control characters is nobody's: "FUZZ-1 " is not FUZZ-1."""
    from egide.devices.choices import DeviceKind
    from egide.devices.models import Device
    from egide.devices.secrets import intake_secret_hash
    from egide.monitoring.intake import forget_cached_secrets

    Device.objects.create(
        kind=DeviceKind.ALARM_PHONE,
        device_id="FUZZ-1",
        serial_number="SN",
        intake_secret_hash=intake_secret_hash(SECRET),
    )
    forget_cached_secrets()
    response = osmand(client, id=claimed, secret=SECRET, timestamp=now_s(), lat=1, lon=2)
    assert response.status_code == 400
    assert not Fix.objects.exists()


def test_batch_counts_what_was_really_stored(client, pairing):
    """A resent fix is not counted as stored; an SOS repeat of a (device, ts) is."""
    device, ts = pairing.perpetrator_device, now_s()
    first = post_json(client, "monitoring:intake_batch", {"fixes": [fix(device, ts, FAR)]})
    assert first.json()["stored"] == 1
    again = [fix(device, ts, FAR), fix(device, ts, FAR, alarm="sos"), fix(device, ts + 1, FAR)]
    response = post_json(client, "monitoring:intake_batch", {"fixes": again})
    assert response.json() == {"stored": 2, "refused": []}
    assert Fix.objects.count() == 3


def test_an_anonymous_flood_adds_a_bounded_number_of_counters(client, pairing):
    """Made-up device ids never get a counter each, and a batch is refused from
    its first few hundred devices on, before its fixes are parsed."""
    ts = now_s()
    fixes = [{"id": f"FAKE-{i}", "ts": ts, "lat": 1, "lon": 2} for i in range(2000)]
    for _ in range(3):
        response = post_json(client, "monitoring:intake_batch", {"fixes": fixes})
        assert response.status_code == 401
        assert len(response.json()["refused"]) == intake.AUTH_CHUNK
    counter = IntakeRefusal.objects.get()
    assert (counter.reason, counter.device_id) == (RefusalReason.UNKNOWN_DEVICE, "")
    assert counter.count == 3 * intake.AUTH_CHUNK


def test_a_source_past_its_refusal_budget_hears_429_but_its_devices_still_report(
    client, pairing, settings
):
    """Intake under abuse: per-source limits never slow an authenticated device."""
    from egide.monitoring.abuse import BUDGET

    settings.EGIDE_INTAKE_REFUSALS_PER_MINUTE = 3
    BUDGET.forget()
    statuses = [osmand(client, id="nobody", timestamp=now_s(), lat=1, lon=2).status_code]
    statuses += [osmand(client, id="nobody", lat=1, lon=2).status_code for _ in range(3)]
    assert statuses == [401, 401, 401, 429]
    device = pairing.perpetrator_device
    response = osmand(client, id=device.device_id, secret=SECRET, timestamp=now_s(), lat=1, lon=2)
    assert response.json() == {"stored": 1}
    BUDGET.forget()


def test_mqtt_refusals_are_counted_like_http_ones(pairing):
    from egide.monitoring import mqtt

    payload = json.dumps({"secret": SECRET, "ts": now_s(), "lat": 1, "lon": 2}).encode()
    assert mqtt.accept(f"{mqtt.TOPIC_PREFIX}nobody", payload, now_s() * NS) == "unauthenticated"
    device = pairing.perpetrator_device.device_id
    assert mqtt.accept(f"{mqtt.TOPIC_PREFIX}{device}", payload, now_s() * NS) == "stored 1"
    assert mqtt.accept(f"{mqtt.TOPIC_PREFIX}{device}", payload, now_s() * NS) == "stored 0"
    counter = IntakeRefusal.objects.get()
    assert (counter.reason, counter.device_id, counter.count) == (
        RefusalReason.UNKNOWN_DEVICE,
        "",
        1,
    )
