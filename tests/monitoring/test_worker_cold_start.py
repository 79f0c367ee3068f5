"""A worker started on a fresh install (no compiled kernels yet) compiles them before it takes
any lock: meanwhile the intake and the operators' pages answer as usual.

A real `egide monitor worker` process with an empty numba cache, on the test database (a file),
while this process serves requests through the test client.
"""

import os
import subprocess
import sys
import time

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.monitoring.models import Event

from ..subprocesses import database_url
from .helpers import FAR, SECRET, now_s, paired

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EGIDE = os.path.join(os.path.dirname(sys.executable), "egide")
TIMEOUT_S = 300
NORMAL_S = 5.0  # a request slower than this waited on a lock (SQLite's busy timeout is 10 s)


@pytest.mark.django_db(transaction=True)
def test_intake_and_console_answer_while_a_fresh_worker_compiles(client, sign_in_as, tmp_path):
    pairing = paired()
    device = pairing.perpetrator_device
    sign_in_as(role=Role.MONITORING_OPERATOR)

    def intake(ts_s: int):
        query = {"id": device.device_id, "secret": SECRET, "timestamp": ts_s}
        query |= {"lat": FAR[0], "lon": FAR[1], "alarm": "sos"}
        return client.get(reverse("monitoring:intake_osmand"), query)

    start = now_s() - 600
    assert intake(start).status_code == 200  # waiting in the log when the worker starts
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "NUMBA_CACHE_DIR": str(tmp_path / "empty-kernel-cache"),
        "PYTHONPATH": REPO,
    }
    worker = subprocess.Popen(
        [EGIDE, "monitor", "worker"], cwd=REPO, env=env, stdout=subprocess.DEVNULL
    )
    answered = []
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while not Event.objects.filter(type="sos").exists():
            assert worker.poll() is None, "the worker stopped"
            assert time.monotonic() < deadline, "the worker processed nothing"
            for request in (
                lambda: intake(start + 1 + len(answered)),
                lambda: client.get(reverse("monitoring:console")),
            ):
                began = time.monotonic()
                status = request().status_code
                answered.append((status, time.monotonic() - began))
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert len(answered) >= 4, "the kernels compiled too fast to show anything"
    assert {status for status, _ in answered} == {200}
    assert max(seconds for _, seconds in answered) < NORMAL_S, answered
