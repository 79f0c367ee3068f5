"""Crash test: the engine worker is killed with SIGKILL in the middle of a stream and restarted;
every expected event (`monitor replay` of the same fixes) is stored exactly once.

Real processes on a scratch database of their own (a SQLite file, or a fresh PostgreSQL
database when DATABASE_URL names PostgreSQL), since a killed process must not share the test
runner's connection.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlparse

import pytest

from .crash_helpers import ALARM_REPEATS, COUPLES, STEPS

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EGIDE = os.path.join(os.path.dirname(sys.executable), "egide")
TIMEOUT_S = 300


@pytest.fixture
def scratch_database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path}/crash.sqlite3"
        return
    import psycopg

    name = f"egide_crash_{os.getpid()}"
    maintenance = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlparse(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Scratch:
    def __init__(self, url: str):
        self.url = url
        self.env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "egide.settings"}
        self.processes: list[subprocess.Popen] = []

    def run(self, *args) -> str:
        done = subprocess.run(
            args, cwd=REPO, env=self.env, capture_output=True, text=True, timeout=TIMEOUT_S
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def python(self, call: str) -> str:
        code = f"from tests.monitoring.crash_helpers import *; {call}"
        return self.run(sys.executable, "-c", code)

    def start(self, *args) -> subprocess.Popen:
        process = subprocess.Popen(
            args, cwd=REPO, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.processes.append(process)
        return process

    def scalar(self, sql: str):
        if self.url.startswith("sqlite"):
            with sqlite3.connect(urlparse(self.url).path, timeout=30) as db:
                row = db.execute(sql).fetchone()
        else:
            import psycopg

            with psycopg.connect(self.url) as db:
                row = db.execute(sql).fetchone()
        return None if row is None else row[0]

    def wait_for(self, sql: str, predicate, what: str) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while not predicate(self.scalar(sql)):
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(0.2)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()


def test_a_worker_killed_mid_stream_loses_and_duplicates_nothing(scratch_database):
    scratch = Scratch(scratch_database)
    try:
        scratch.run(EGIDE, "migrate", "-v0")
        couples = json.loads(scratch.python("setup()"))["couples"]
        start_s = int(time.time()) - STEPS
        worker = scratch.start(EGIDE, "monitor", "worker", "--batch-size", "40")
        feeder = scratch.start(
            sys.executable,
            "-c",
            "from tests.monitoring.crash_helpers import feed; "
            f"feed({json.dumps(json.dumps(couples))}, {start_s})",
        )
        batch = "SELECT batch FROM monitoring_enginecheckpoint"
        scratch.wait_for(batch, lambda n: n is not None and n >= 5, "five committed batches")
        os.kill(worker.pid, signal.SIGKILL)  # mid-stream, at whatever instant it is
        worker.wait()
        assert feeder.poll() is None, "the stream ended before the kill: slow the feeder down"
        scratch.start(EGIDE, "monitor", "worker", "--batch-size", "40")
        assert feeder.wait(timeout=TIMEOUT_S) == 0, feeder.stderr.read()
        scratch.wait_for(
            "SELECT count(*) FROM monitoring_fix WHERE batch IS NULL",
            lambda n: n == 0,
            "every fix processed",
        )
        scratch.wait_for(
            "SELECT count(*) FROM monitoring_event WHERE published_at IS NULL",
            lambda n: n == 0,
            "every event published",
        )
    finally:
        scratch.stop_all()
    report = json.loads(scratch.python("verify()"))
    # Alarm-bearing repeats of a (device, ts) are stored, pure resends are not
    # (docs/monitoring.md, rule 2).
    assert report["fixes"] == COUPLES * STEPS * 2 - (420 - 200) + ALARM_REPEATS
    assert report["alarm_repeats"] == ALARM_REPEATS
    assert report["alarm_repeats_without_event"] == 0
    assert report["unprocessed"] == 0
    assert report["lost"] == [] and report["unexpected"] == []
    assert report["stored"] == report["replayed"] == report["replayed_distinct"]
    assert {"zone.enter", "zone.exit", "sos", "device.offline", "device.online"} <= set(
        report["types"]
    )
    assert report["unpublished"] == 0
