"""The requests real clients send (client_requests.py), replayed; each row of
docs/device-compatibility.md is one of these samples."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from egide.devices.choices import DeviceKind, DeviceStatus
from egide.devices.models import Device
from egide.devices.secrets import intake_secret_hash
from egide.monitoring.health import device_health
from egide.monitoring.intake import forget_cached_secrets
from egide.monitoring.models import DeviceReport, Fix

from .client_requests import SAMPLES, Sample
from .helpers import NS, SECRET, now_s

pytestmark = pytest.mark.django_db


def enrolled(device_id: str) -> Device:
    forget_cached_secrets()
    return Device.objects.create(
        kind=DeviceKind.ALARM_PHONE,
        device_id=device_id,
        serial_number=f"SN-{device_id}",
        status=DeviceStatus.ASSIGNED,
        intake_secret_hash=intake_secret_hash(SECRET),
    )


def replay(client, sample: Sample, *, path: str | None = None, secret: str = SECRET):
    """The sample's request, with the device's secret in the URL (as provisioned)."""
    query = "&".join(part for part in (sample.query, f"secret={secret}") if part)
    url = f"{path or reverse(sample.endpoint)}?{query}"
    return client.generic(
        sample.method, url, sample.body.encode(), content_type=sample.content_type
    )


def as_ns(text: str) -> int:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    return int(moment.replace(microsecond=0).timestamp()) * NS + moment.microsecond * 1000


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)
def test_a_real_clients_request_is_stored_as_sent(client, sample):
    enrolled(sample.device_id)
    before = now_s()
    response = replay(client, sample)
    assert response.status_code == 200, response.content
    assert response.json() == sample.answer
    if sample.expect is None:
        assert not Fix.objects.exists()
        return
    stored = Fix.objects.order_by("-ts").first()
    ts, lat, lon, accuracy, battery, alarm = sample.expect
    if ts == "now":
        assert before * NS <= stored.ts <= (now_s() + 1) * NS
    else:
        assert stored.ts == as_ns(ts)
    assert (stored.device_id, stored.lat, stored.lon) == (sample.device_id, lat, lon)
    assert (stored.accuracy_m, stored.battery_pct, stored.alarm) == (accuracy, battery, alarm)


def sample(name: str) -> Sample:
    return next(s for s in SAMPLES if s.name == name)


def test_a_status_event_without_a_position_updates_device_health(client):
    """deviceOnline/deviceOffline come without a position: health, no fix."""
    enrolled("TGD-0042")
    replay(client, sample("traccar_server_forward_online_event"))
    assert DeviceReport.objects.get().status == "online"
    (row,) = device_health()
    assert row.reported.status == "online" and row.last_fix_at is None


def test_a_rejected_fix_shows_in_device_health(client):
    """Accepted as rejected, so the client moves on; the reason is visible."""
    enrolled("TGD-0042")
    periodic = sample("legacy_client_periodic")
    broken = Sample(**{**periodic.__dict__, "query": periodic.query.replace("1772431200", "0")})
    assert replay(client, broken).json()["stored"] == 0
    assert replay(client, periodic).json() == {"stored": 1}  # the next fix is not held back
    (row,) = device_health()
    assert row.unusable == 1


def test_the_url_secret_is_read_whatever_the_body_format(client):
    """Traccar Client 9 sets only a URL and posts JSON."""
    enrolled("48241179")
    assert replay(client, sample("traccar_client_json"), secret="wrong").status_code == 401
    assert replay(client, sample("traccar_client_json")).status_code == 200


def test_a_fleet_behind_one_traccar_server_with_per_device_forward_urls(client):
    """forward.header is server-wide; each device's forward.url carries its secret."""
    enrolled("TGD-0042")
    other = Device.objects.create(
        kind=DeviceKind.ALARM_PHONE,
        device_id="TGD-0043",
        serial_number="SN-43",
        intake_secret_hash=intake_secret_hash("other-secret"),
    )
    position = sample("traccar_server_forward_position")
    assert replay(client, position).json() == {"stored": 1}
    forwarded = Sample(**{**position.__dict__, "body": position.body.replace("0042", "0043")})
    assert replay(client, forwarded, secret="other-secret").json() == {"stored": 1}
    assert replay(client, forwarded).status_code == 401  # one device's secret is not the other's
    assert set(Fix.objects.values_list("device_id", flat=True)) == {"TGD-0042", other.device_id}


@pytest.mark.parametrize("name", ["legacy_client_periodic", "traccar_client_json"])
def test_a_post_without_the_trailing_slash_is_stored_not_redirected(client, name):
    """A 301 would lose the body."""
    chosen = sample(name)
    enrolled(chosen.device_id)
    response = replay(client, chosen, path=reverse(chosen.endpoint).rstrip("/"))
    assert response.status_code == 200
    assert Fix.objects.count() == 1


def test_the_legacy_clients_sos_stamped_with_its_last_fix_is_stored_and_counted(client):
    """Same (device, ts) as the periodic fix before it; the SOS must not vanish."""
    enrolled("TGD-0042")
    assert replay(client, sample("legacy_client_periodic")).json() == {"stored": 1}
    assert replay(client, sample("legacy_client_sos")).json() == {"stored": 1}
    assert replay(client, sample("legacy_client_sos")).json() == {"stored": 0}  # a pure resend
    assert replay(client, sample("legacy_client_periodic")).json() == {"stored": 0}
    assert sorted(Fix.objects.values_list("alarm", flat=True)) == ["", "sos"]
