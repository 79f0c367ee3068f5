"""Device secrets and provisioning: a device's settings per client, its secret rotated with
an overlap window or revoked at once (lost or stolen), both audited; refused within a second."""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.devices.choices import DeviceStatus
from egide.monitoring import intake
from egide.monitoring.choices import RefusalReason
from egide.monitoring.models import Fix
from egide.monitoring.protocols import IncomingFix
from tests.monitoring.client_requests import DEVICE, POSITION

from .helpers import stock

pytestmark = pytest.mark.django_db
API = "/api/v1/devices/inventory"


def refusal(device, secret):
    """What intake answers `secret` for `device` right now (None: accepted)."""
    fix = IncomingFix(device.device_id, secret, 0, 0, 0)
    verdict = intake.check([fix], 0)
    return verdict.unauthenticated[0][2] if verdict.unauthenticated else None


@pytest.fixture
def supervisor(sign_in_as):
    return sign_in_as(role=Role.MONITORING_SUPERVISOR)


def rotate(client, device):
    response = client.post(f"{API}/{device.pk}/secret/rotation")
    assert response.status_code == 200
    return response.json()


def test_a_rotated_secret_overlaps_then_expires_and_is_audited(supervisor):
    device = stock()
    first = rotate(supervisor, device)["intake_secret"]
    second = rotate(supervisor, device)["intake_secret"]
    intake.forget_cached_secrets()
    assert refusal(device, second) is None
    assert refusal(device, first) is None  # overlap: the device is being reconfigured
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        intake.forget_cached_secrets()
        assert refusal(device, first) == RefusalReason.BAD_SECRET
        assert refusal(device, second) is None
    reasons = AuditEntry.objects.filter(object_id=str(device.pk)).values_list("reason", flat=True)
    assert list(reasons).count("rotation") == 2


def test_a_revoked_secret_is_refused_within_a_second_on_a_worker_that_cached_it(
    supervisor, monkeypatch
):
    device = stock()
    secret = rotate(supervisor, device)["intake_secret"]
    intake.forget_cached_secrets()
    assert refusal(device, secret) is None  # now cached in this worker
    response = supervisor.post(f"{API}/{device.pk}/secret/revocation")
    assert response.status_code == 200
    new = response.json()["intake_secret"]
    later = intake.time.monotonic() + intake.SECRET_CACHE_S + 0.01
    monkeypatch.setattr(intake.time, "monotonic", lambda: later)
    assert refusal(device, secret) == RefusalReason.BAD_SECRET
    assert refusal(device, new) is None
    assert AuditEntry.objects.filter(object_id=str(device.pk), reason="revocation").exists()


def test_a_lost_device_is_refused_whatever_its_secret(supervisor):
    device = stock()
    secret = rotate(supervisor, device)["intake_secret"]
    supervisor.post(reverse("devices:status", args=[device.pk]), {"status": DeviceStatus.LOST})
    device.refresh_from_db()
    assert device.status == DeviceStatus.LOST
    intake.forget_cached_secrets()
    assert refusal(device, secret) == RefusalReason.REVOKED


def test_an_operator_can_neither_read_the_settings_nor_change_a_secret(sign_in_as):
    operator = sign_in_as(role=Role.MONITORING_OPERATOR)
    device = stock()
    assert operator.get(f"{API}/{device.pk}/installation").status_code == 403
    assert operator.post(f"{API}/{device.pk}/secret/revocation").status_code == 403
    assert operator.post(reverse("devices:secret_rotate", args=[device.pk])).status_code == 403
    assert not AuditEntry.objects.filter(reason__in=["rotation", "revocation"]).exists()


def test_a_device_id_with_a_space_cannot_be_added(supervisor):
    phone = {"kind": "alarm_phone", "device_id": "TGD 0900", "serial_number": "SN900"}
    response = supervisor.post(API, phone, content_type="application/json")
    assert response.status_code == 422


def settings_of(document) -> dict:
    return {client["key"]: client for client in document["clients"]}


def field(client_settings, start: str) -> str:
    return next(f["value"] for f in client_settings["fields"] if f["label"].startswith(start))


def test_each_clients_settings_as_given_make_the_device_report(supervisor, client):
    """The provisioning API's settings, applied as each client applies them, reach intake."""
    device = stock()
    clients = settings_of(rotate(supervisor, device))
    intake.forget_cached_secrets()
    # Traccar Client 9/10 scans its QR code: a non-http link's `url` is taken whole.
    scanned = parse_qs(urlsplit(clients["traccar_client"]["qr_payload"]).query)
    assert scanned["id"] == [device.device_id]
    coords = {"latitude": 49.1, "longitude": 1.1, "accuracy": 5}
    location = json.dumps(
        {
            "location": {"timestamp": "2026-03-02T06:00:00Z", "coords": coords},
            "device_id": device.device_id,
        }
    )
    response = client.post(scanned["url"][0], location, content_type="application/json")
    assert response.json() == {"stored": 1}
    # The legacy client appends its parameters to the server address (Uri.buildUpon).
    legacy = field(clients["traccar_client_legacy"], "Adresse du serveur")
    query = f"&id={device.device_id}&timestamp=1772431201&lat=49.1&lon=1.1&accuracy=0.0"
    assert client.post(legacy + query).json() == {"stored": 1}
    # OsmAnd fills its template's {0}…{6}.
    template = field(clients["osmand"], "Adresse web")
    filled = template.format(49.1, 1.1, 1772431202000, 0, 0, 0, 0)
    assert client.get(filled).json() == {"stored": 1}
    # Traccar Server posts PositionData to the device's forward.url.
    forward = field(clients["traccar_server"], "Attribut forward.url")
    body = json.dumps(
        {
            "position": json.loads(POSITION),
            "device": json.loads(DEVICE.replace("TGD-0042", device.device_id)),
        }
    )
    assert client.post(forward, body, content_type="application/json").json() == {"stored": 1}
    assert Fix.objects.filter(device_id=device.device_id).count() == 4


def test_the_installation_page_shows_settings_qr_code_and_warnings(supervisor):
    device = stock()
    page = supervisor.get(reverse("devices:installation", args=[device.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert device.device_id in text and "SECRET" in text
    assert "<svg" not in text  # no usable QR code without the secret
    page = supervisor.post(reverse("devices:secret_rotate", args=[device.pk]))
    text = page.content.decode()
    secret = supervisor.get(f"{API}/{device.pk}/installation")  # the API never shows it again
    assert secret.json()["intake_secret"] == ""
    assert "<svg" in text
    assert "forward.header" in text  # the fleet warning of Traccar Server forwarding
