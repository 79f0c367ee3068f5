"""Device intake through the ASGI app `egide serve` runs (uvicorn on a real socket): the same
answers as the Django views, and concurrent requests committed together, each answered 200 only
once its own fix is stored."""

import contextlib
import http.client
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
import uvicorn
from django.db import connection

from egide.monitoring.choices import RefusalReason
from egide.monitoring.models import Fix, IntakeRefusal
from egide.tools.tcp_proxy import Proxy

from .helpers import FAR, SECRET, fix, now_s, paired

pytestmark = pytest.mark.django_db(transaction=True)

OSMAND = "/surveillance/reception/osmand/"
BATCH = "/surveillance/reception/lot/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving():
    """uvicorn serving egide.asgi in a thread, as `egide serve` does (lifespan on, so the
    intake writer closes its database connection at shutdown)."""
    from egide.asgi import application

    server = uvicorn.Server(
        uvicorn.Config(
            application, host="127.0.0.1", port=_free_port(), lifespan="on", log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield server.config.port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def port():
    with serving() as port:
        yield port


@pytest.fixture
def device():
    return paired().perpetrator_device.device_id


def get(port, path, params=None, headers=None) -> tuple[int, dict, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    url = f"{path}?{urlencode(params)}" if params else path
    connection.request("GET", url, headers=headers or {})
    return _read(connection)


def post(port, path, document, headers=None) -> tuple[int, dict, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps(document).encode()
    connection.request("POST", path, body, {"Content-Type": "application/json", **(headers or {})})
    return _read(connection)


def _read(connection) -> tuple[int, dict | None, dict]:
    response = connection.getresponse()
    content = response.read()
    connection.close()
    headers = {name.lower(): value for name, value in response.getheaders()}
    is_json = headers.get("content-type") == "application/json"
    return response.status, json.loads(content) if is_json else None, headers


def fix_params(device, ts=None, **extra) -> dict:
    ts = ts or now_s()
    return {"id": device, "secret": SECRET, "timestamp": ts, "lat": 49, "lon": 1, **extra}


def test_a_fix_is_stored_before_ok(port, device):
    ts = now_s()
    status, document, _ = get(port, OSMAND, fix_params(device, ts, batt=87, alarm="sos"))
    assert (status, document) == (200, {"stored": 1})
    stored = Fix.objects.get()
    assert (stored.device_id, stored.ts, stored.battery_pct, stored.alarm, stored.source) == (
        device,
        ts * 1_000_000_000,
        87,
        "sos",
        "osmand",
    )


def test_form_body_and_bearer_secret(port, device):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = urlencode({"id": device, "timestamp": now_s(), "lat": 49, "lon": 1})
    connection.request(
        "POST",
        OSMAND,
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Authorization": f"Bearer {SECRET}",
        },
    )
    assert _read(connection)[0] == 200
    assert Fix.objects.count() == 1


def test_a_gateway_batch(port):
    pairing = paired()
    start = now_s()
    fixes = [fix(pairing.perpetrator_device, start + i, FAR) for i in range(200)]
    status, document, _ = post(port, BATCH, {"fixes": fixes})
    assert (status, document) == (200, {"stored": 200, "refused": []})
    assert Fix.objects.count() == 200


def test_malformed_gets_a_clear_400_and_stores_nothing(port, device):
    status, document, _ = get(port, OSMAND, fix_params(device, lat=91, secret="wrong"))
    assert status == 400
    assert document["error"].startswith("lat")
    status, document, _ = post(port, BATCH, {"fixes": "none"})
    assert (status, document["error"]) == (400, "fixes: missing or not a list")
    assert not Fix.objects.exists()


def test_unknown_devices_and_wrong_secrets_are_refused_and_counted(port, device):
    assert get(port, OSMAND, fix_params("nobody"))[0] == 401
    assert get(port, OSMAND, fix_params(device, secret="guess"))[0] == 401
    assert get(port, OSMAND, {**fix_params(device), "secret": ""})[0] == 401
    assert not Fix.objects.exists()
    counts = dict(IntakeRefusal.objects.values_list("reason", "count"))
    assert counts == {RefusalReason.UNKNOWN_DEVICE: 1, RefusalReason.BAD_SECRET: 2}


def test_a_device_clock_ahead_is_refused_and_counted(port, device):
    status, document, _ = get(port, OSMAND, fix_params(device, now_s() + 11 * 60))
    assert (status, document["stored"]) == (200, 0)
    assert "clock" in document["rejected"][0]["reason"]
    assert not Fix.objects.exists()
    assert IntakeRefusal.objects.get().reason == RefusalReason.CLOCK_AHEAD


def test_a_duplicate_is_accepted_and_ignored(port, device):
    params = fix_params(device)
    assert get(port, OSMAND, params)[0] == 200
    assert get(port, OSMAND, params)[0] == 200
    assert Fix.objects.count() == 1


def test_a_wrong_method_is_refused(port):
    status, _, headers = get(port, BATCH)
    assert status == 405
    assert headers["allow"] == "POST"


def test_other_paths_are_still_django(port):
    status, _, headers = get(port, "/surveillance/")
    assert status == 302  # the console wants a signed-in operator
    assert "/comptes/" in headers["location"]


def test_concurrent_requests_are_all_committed_before_their_ok(port):
    """Many devices at once: the writer commits them in groups, each request answered once its
    own fix is committed, none lost, a resent duplicate among them stored once."""
    pairing = paired()
    devices = [pairing.perpetrator_device.device_id, pairing.victim_device.device_id]
    start = now_s() - 300
    sends = [fix_params(devices[n % 2], start + n // 2) for n in range(120)]
    sends.append(sends[0])  # a resend racing its original
    answered_then_stored = []

    def send(params):
        status = get(port, OSMAND, params)[0]
        stored = Fix.objects.filter(
            device_id=params["id"], ts=params["timestamp"] * 1_000_000_000
        ).exists()
        answered_then_stored.append((status, stored))

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(send, sends))
    assert answered_then_stored == [(200, True)] * len(sends)
    assert Fix.objects.count() == 120


@contextlib.contextmanager
def database_away():
    """(cut, restore): the database really unreachable. PostgreSQL: open connections (through a
    proxy) are cut and new ones go to a closed port; SQLite: the file is in a directory that does
    not exist (an open SQLite connection cannot be cut)."""
    settings_dict = connection.settings_dict
    original = dict(settings_dict)
    if connection.vendor == "postgresql":
        proxy = Proxy((original["HOST"] or "127.0.0.1", int(original["PORT"] or 5432)))
        proxy.start()
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port

        def cut():
            proxy.stop()
            settings_dict["PORT"] = _free_port()

        def restore():
            settings_dict.update(original)

    else:

        def cut():
            settings_dict["NAME"] = "/nonexistent/egide/away.sqlite3"

        def restore():
            settings_dict["NAME"] = original["NAME"]

    try:
        yield cut, restore
    finally:
        if connection.vendor == "postgresql":
            connection.close()
            proxy.stop()
        settings_dict.update(original)


def test_database_away_answers_503_then_every_retried_fix_is_stored(device):
    start = now_s() - 60
    with database_away() as (cut, restore), serving() as port:
        cut()
        status, document, headers = get(port, OSMAND, fix_params(device, start))
        assert status == 503
        assert headers["retry-after"]
        assert "retry" in document["error"]
        restore()
        assert get(port, OSMAND, fix_params(device, start))[0] == 200
        assert get(port, OSMAND, fix_params(device, start + 1))[0] == 200
    assert Fix.objects.filter(device_id=device).count() == 2


def test_an_open_connection_cut_answers_503_then_the_writer_reconnects(device):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (an open SQLite file cannot be cut)")
    start = now_s() - 60
    with database_away() as (cut, restore), serving() as port:
        assert get(port, OSMAND, fix_params(device, start))[0] == 200
        cut()
        assert get(port, OSMAND, fix_params(device, start + 1))[0] == 503
        restore()
        assert get(port, OSMAND, fix_params(device, start + 1))[0] == 200
    assert Fix.objects.filter(device_id=device).count() == 2
