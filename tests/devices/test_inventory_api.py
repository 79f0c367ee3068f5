"""The inventory API: the supervisor manages devices, the centre tests phones, nobody else."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egide.accounts.roles import Role
from egide.devices.choices import DeviceKind, DeviceStatus
from egide.devices.models import Device
from egide.devices.secrets import intake_secret_hash

from .helpers import stock

pytestmark = pytest.mark.django_db
API = "/api/v1/devices/inventory"
PARIS = ZoneInfo("Europe/Paris")
NEW_PHONE = {"kind": "alarm_phone", "device_id": "TGD-0900", "serial_number": "SN900"}


def post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def test_the_supervisor_adds_a_device_and_sees_its_secret_once(sign_in_as):
    client = sign_in_as(role=Role.MONITORING_SUPERVISOR)
    created = post(client, API, NEW_PHONE)
    assert created.status_code == 201
    body = created.json()
    device = Device.objects.get(device_id="TGD-0900")
    assert body["device"]["status"] == "stock"
    assert device.intake_secret_hash == intake_secret_hash(body["intake_secret"])
    listed = client.get(API).content.decode()
    assert "TGD-0900" in listed
    assert body["intake_secret"] not in listed and device.intake_secret_hash not in listed


@pytest.mark.parametrize(
    "change",
    [
        {"device_id": "   "},
        {"device_id": "x" * 65},
        {"kind": "pager"},
        {"serial_number": None},
    ],
)
def test_bad_devices_are_refused_and_nothing_is_added(sign_in_as, change):
    client = sign_in_as(role=Role.MONITORING_SUPERVISOR)
    assert post(client, API, {**NEW_PHONE, **change}).status_code == 422
    assert not Device.objects.exists()


def test_a_device_id_is_unique(sign_in_as):
    client = sign_in_as(role=Role.MONITORING_SUPERVISOR)
    post(client, API, NEW_PHONE)
    refused = post(client, API, {**NEW_PHONE, "serial_number": "SN901"})
    assert refused.status_code == 422
    assert "déjà cet identifiant" in refused.json()["detail"]
    assert Device.objects.count() == 1


@pytest.mark.parametrize("role", [Role.MONITORING_OPERATOR, Role.JUDGE, Role.CPCA_WORKER])
def test_only_the_supervisor_adds_or_moves_devices(sign_in_as, role):
    phone = stock()
    client = sign_in_as(role=role)
    assert post(client, API, NEW_PHONE).status_code == 403
    assert post(client, f"{API}/{phone.pk}/status", {"status": "lost"}).status_code == 403
    phone.refresh_from_db()
    assert phone.status == DeviceStatus.STOCK and Device.objects.count() == 1


def test_the_supervisor_moves_a_device_through_the_allowed_states(sign_in_as):
    phone = stock()
    client = sign_in_as(role=Role.MONITORING_SUPERVISOR)
    url = f"{API}/{phone.pk}/status"
    moved = post(client, url, {"status": "in_repair"})
    assert (moved.status_code, moved.json()["status"]) == (200, "in_repair")
    refused = post(client, url, {"status": "returned"})
    assert refused.status_code == 422 and "pas possible" in refused.json()["detail"]
    assert post(client, url, {"status": "broken"}).status_code == 422
    assert post(client, f"{API}/999999/status", {"status": "stock"}).status_code == 404
    phone.refresh_from_db()
    assert phone.status == DeviceStatus.IN_REPAIR


@pytest.mark.parametrize("role", [Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR])
def test_the_centre_reads_the_inventory(sign_in_as, role):
    stock()
    assert len(sign_in_as(role=role).get(API).json()) == 1


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.POLICE_OFFICER, Role.CPCA_WORKER])
def test_others_read_neither_inventory_nor_tests_due(sign_in_as, role):
    client = sign_in_as(role=role)
    assert client.get(API).status_code == 403
    assert client.get(f"{API}/tests-due").status_code == 403


def assigned_phone() -> Device:
    phone = stock()
    Device.objects.filter(pk=phone.pk).update(status=DeviceStatus.ASSIGNED)
    return phone


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=PARIS), tick=False)
def test_an_operator_records_a_test_and_the_next_is_due_in_fifteen_days(sign_in_as):
    phone = assigned_phone()
    client = sign_in_as(role=Role.MONITORING_OPERATOR)
    tested = post(client, f"{API}/{phone.pk}/tests", {"passed": True})
    assert tested.status_code == 201
    due = datetime.fromisoformat(tested.json()["device"]["next_test_due"])
    assert due == datetime(2026, 3, 17, 10, 0, tzinfo=PARIS)
    assert phone.tests.get().passed


def test_only_phones_are_tested_and_the_result_is_required(sign_in_as):
    bracelet = stock(DeviceKind.PERPETRATOR_BRACELET)
    phone = assigned_phone()
    client = sign_in_as(role=Role.MONITORING_OPERATOR)
    assert post(client, f"{API}/{bracelet.pk}/tests", {"passed": True}).status_code == 404
    assert post(client, f"{API}/{phone.pk}/tests", {}).status_code == 422
    assert not phone.tests.exists()


def test_the_court_cannot_record_a_test(sign_in_as):
    phone = assigned_phone()
    client = sign_in_as(role=Role.PROSECUTOR)
    assert post(client, f"{API}/{phone.pk}/tests", {"passed": True}).status_code == 403
    assert not phone.tests.exists()


def test_a_phone_is_due_exactly_fifteen_days_after_its_test(sign_in_as):
    tested_at = datetime(2026, 3, 2, 10, 0, tzinfo=PARIS)
    phone = assigned_phone()
    Device.objects.filter(pk=phone.pk).update(last_test_at=tested_at)
    never_tested = assigned_phone()
    stock()  # a phone in stock is not with a victim: no test due
    client = sign_in_as(role=Role.MONITORING_OPERATOR)
    with time_machine.travel(tested_at + timedelta(days=15, seconds=-1), tick=False):
        due = [d["device_id"] for d in client.get(f"{API}/tests-due").json()]
        assert due == [never_tested.device_id]
    with time_machine.travel(tested_at + timedelta(days=15), tick=False):
        due = {d["device_id"] for d in client.get(f"{API}/tests-due").json()}
        assert due == {never_tested.device_id, phone.device_id}
