"""Prometheus metrics: refused without the scraper's bearer token; with it, the intake's
accepted and refused fixes, the engine's backlog and lag per partition, and the time operators
take to take an alert in hand, each process counting its own."""

import http.client

import pytest

from egide.accounts.actor import Actor
from egide.accounts.roles import Role
from egide.monitoring import intake, pipeline, services
from egide.operations.metrics_server import serve_metrics
from tests.factories import MembershipFactory
from tests.monitoring.helpers import FAR, SECRET, fix, now_s, open_incident, paired
from tests.monitoring.test_intake_asgi import get, port, post  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "scraper-token-for-tests"


@pytest.fixture
def token(settings):
    settings.EGIDE_METRICS_TOKEN = TOKEN
    return {"Authorization": f"Bearer {TOKEN}"}


def sample(text: str, name: str) -> float:
    """The value of the exposition line starting with `name ` (labels included in `name`)."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    return 0.0


def scrape(port, headers) -> str:  # noqa: F811
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/metrics", headers=headers)
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/plain")
    return response.read().decode()


def test_metrics_are_off_without_a_configured_token(port, settings):  # noqa: F811
    settings.EGIDE_METRICS_TOKEN = ""
    status, document, _ = get(port, "/metrics", headers={"Authorization": "Bearer "})
    assert status == 404
    assert "EGIDE_METRICS_TOKEN" in document["error"]


def test_a_scraper_without_the_token_is_refused(port, token):  # noqa: F811
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        status, document, answer_headers = get(port, "/metrics", headers=headers)
        assert (status, document) == (401, {"error": "a valid bearer token is required"})
        assert answer_headers["www-authenticate"] == "Bearer"


def test_intake_counts_accepted_duplicate_and_refused_fixes(port, token):  # noqa: F811
    before = scrape(port, token)
    pairing = paired()
    start = now_s()
    fixes = [fix(pairing.perpetrator_device, start + i, FAR) for i in range(5)]
    assert post(port, "/surveillance/reception/lot/", {"fixes": fixes})[0] == 200
    assert post(port, "/surveillance/reception/lot/", {"fixes": fixes[:2]})[0] == 200
    wrong = {**fixes[0], "secret": "wrong"}
    assert post(port, "/surveillance/reception/lot/", {"fixes": [wrong]})[0] == 401
    after = scrape(port, token)
    for name, added in (
        ("egide_intake_fixes_accepted_total", 5),
        ("egide_intake_fixes_duplicate_total", 2),
        ('egide_intake_fixes_refused_total{reason="bad_secret"}', 1),
    ):
        assert sample(after, name) - sample(before, name) == added, name
    assert SECRET not in after and pairing.perpetrator_device.device_id not in after


def test_the_time_to_take_an_alert_in_hand_is_a_histogram(port, token):  # noqa: F811
    name = 'egide_alert_take_in_charge_seconds_count{kind="alert"}'
    before = sample(scrape(port, token), name)
    incident = open_incident("alert")
    operator = MembershipFactory(role=Role.MONITORING_OPERATOR)
    services.acknowledge(Actor.for_membership(operator), incident)
    assert sample(scrape(port, token), name) == before + 1


def test_an_engine_worker_exposes_its_backlog_and_lag(token):
    pairing = paired()
    start = now_s() - 30
    intake.store(
        [
            intake.IncomingFix(pairing.perpetrator_device.device_id, "", (start + i) * 10**9, *FAR)
            for i in range(7)
        ],
        "test",
    )
    worker = pipeline.Worker(batch_size=5)
    worker.step()
    server = serve_metrics("127.0.0.1", 0)
    try:
        text = scrape(server.server_port, token)
        assert sample(text, 'egide_partition_backlog{partition="embedded"}') == 7
        assert sample(text, 'egide_worker_lag_seconds{partition="embedded"}') >= 0
        worker.step()
        worker.step()
        text = scrape(server.server_port, token)
        assert sample(text, 'egide_partition_backlog{partition="embedded"}') == 0
        assert sample(text, 'egide_worker_lag_seconds{partition="embedded"}') == 0
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        connection.request("GET", "/metrics")
        assert connection.getresponse().status == 401
    finally:
        server.shutdown()
        server.server_close()
