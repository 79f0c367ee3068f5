"""Health probes a load balancer uses, on the ASGI application every web and intake process
serves (uvicorn on a real socket): liveness never looks at the database, readiness checks the
database and, in the scale-out mode, the JetStream stream, and says which one failed."""

import socket

import pytest
from django.db import connection

from tests.monitoring.test_database_outage import cuttable_database  # noqa: F401
from tests.monitoring.test_intake_asgi import get, port  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_live_and_ready_answer_json_without_signing_in(port):  # noqa: F811
    status, document, headers = get(port, "/health/live")
    assert (status, document) == (200, {"status": "alive"})
    assert headers["cache-control"] == "no-store"
    status, document, _ = get(port, "/health/ready/")
    assert (status, document) == (200, {"status": "ready", "checks": {"database": "ok"}})


def test_probes_only_answer_get(port):  # noqa: F811
    import http.client

    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection_.request("POST", "/health/ready", b"")
    response = connection_.getresponse()
    assert (response.status, response.getheader("Allow")) == (405, "GET, HEAD")


def test_scale_out_ready_checks_the_stream(port, settings, nats_url, nats_stream):  # noqa: F811
    settings.EGIDE_MONITORING_LOG = "nats"
    settings.EGIDE_NATS_URL = nats_url
    settings.EGIDE_NATS_STREAM = nats_stream
    status, document, _ = get(port, "/health/ready")
    assert (status, document) == (
        200,
        {"status": "ready", "checks": {"database": "ok", "stream": "ok"}},
    )


def test_scale_out_unready_when_nats_is_away_but_still_alive(port, settings):  # noqa: F811
    settings.EGIDE_MONITORING_LOG = "nats"
    settings.EGIDE_NATS_URL = f"nats://127.0.0.1:{_unused_port()}"
    status, document, _ = get(port, "/health/ready")
    assert status == 503
    assert document == {"status": "unready", "reasons": ["stream unavailable: LogUnavailable"]}
    assert get(port, "/health/live")[:2] == (200, {"status": "alive"})


def test_unready_while_the_database_is_away_then_ready_again(port, cuttable_database):  # noqa: F811
    assert get(port, "/health/ready")[0] == 200
    cuttable_database.stop()
    status, document, _ = get(port, "/health/ready")
    assert status == 503
    assert document["status"] == "unready"
    assert document["reasons"][0].startswith("database unavailable: ")
    assert "127.0.0.1" not in str(document) and connection.settings_dict["NAME"] not in str(
        document
    )
    assert get(port, "/health/live")[:2] == (200, {"status": "alive"})
    cuttable_database.start()
    assert get(port, "/health/ready")[0] == 200
