"""The scale-out mode's crash test: fixes stream through NATS JetStream, the
only worker process is killed with SIGKILL mid-stream, two workers are started in its place and
share the partitions; every event `monitor replay` gives for the same fixes is stored exactly
once, and every fix once. Real processes, real NATS, a scratch PostgreSQL database."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from .crash_helpers import ALARM_REPEATS, COUPLES, SILENT, STEPS
from .test_crash import EGIDE, REPO, TIMEOUT_S, Scratch, scratch_database  # noqa: F401

PARTITIONS = 8


@pytest.fixture
def scale_out_database(scratch_database, nats_url, nats_stream):  # noqa: F811
    if not scratch_database.startswith("postgres"):
        pytest.skip("the scale-out mode keeps its state in PostgreSQL (DATABASE_URL=postgres://…)")
    scratch = Scratch(scratch_database)
    scratch.env.update(
        EGIDE_MONITORING_LOG="nats",
        EGIDE_NATS_URL=nats_url,
        EGIDE_NATS_STREAM=nats_stream,
        EGIDE_MONITORING_PARTITIONS=str(PARTITIONS),
    )
    yield scratch
    scratch.stop_all()


def start_worker(scratch: Scratch, log_path) -> subprocess.Popen:
    """A worker process whose standard output (the partitions it takes) goes to `log_path`."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [EGIDE, "monitor", "worker", "--batch-size", "40"],
            cwd=REPO,
            env=scratch.env,
            stdout=log,
            stderr=subprocess.PIPE,
        )
    scratch.processes.append(process)
    return process


def test_a_worker_killed_mid_stream_then_two_sharing_partitions_lose_and_duplicate_nothing(
    scale_out_database, nats_stream, tmp_path
):
    scratch = scale_out_database
    scratch.run(EGIDE, "migrate", "-v0")
    couples = json.loads(scratch.python("setup()"))["couples"]
    start_s = int(time.time()) - STEPS
    alone = start_worker(scratch, tmp_path / "alone.log")
    feeder = scratch.start(
        sys.executable,
        "-c",
        "from tests.monitoring.crash_helpers import feed; "
        f"feed({json.dumps(json.dumps(couples))}, {start_s})",
    )
    batches = "SELECT coalesce(sum(batch), 0) FROM monitoring_enginecheckpoint"
    scratch.wait_for(batches, lambda n: n >= 10, "ten committed batches")
    os.kill(alone.pid, signal.SIGKILL)  # mid-stream, at whatever instant it is
    alone.wait()
    assert feeder.poll() is None, "the stream ended before the kill: slow the feeder down"
    sharing = [start_worker(scratch, tmp_path / f"sharing-{n}.log") for n in (1, 2)]
    assert feeder.wait(timeout=TIMEOUT_S) == 0, feeder.stderr.read()
    # Alarm-bearing repeats of a (device, ts) are stored, pure resends are not (rule 2).
    expected_fixes = COUPLES * STEPS * 2 - (SILENT[1] - SILENT[0]) + ALARM_REPEATS
    scratch.wait_for(
        "SELECT count(*) FROM monitoring_fix", lambda n: n == expected_fixes, "every fix stored"
    )
    scratch.wait_for(
        "SELECT count(*) FROM monitoring_event WHERE published_at IS NULL",
        lambda n: n == 0,
        "every event published",
    )
    for worker in sharing:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0, worker.stderr.read()[-3000:]
    for n in (1, 2):
        assert "took partition" in (tmp_path / f"sharing-{n}.log").read_text()

    report = json.loads(scratch.python(f"verify({json.dumps(nats_stream + '.0')})"))
    assert report["fixes"] == expected_fixes
    assert report["lost"] == [] and report["unexpected"] == []
    assert report["alarm_repeats"] == ALARM_REPEATS
    assert report["alarm_repeats_without_event"] == 0
    assert report["stored"] == report["replayed"] == report["replayed_distinct"]
    assert {"zone.enter", "zone.exit", "sos", "device.offline", "device.online"} <= set(
        report["types"]
    )
    assert report["unpublished"] == 0
