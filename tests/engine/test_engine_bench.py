"""`monitor bench` keeps its contract: figures for people, then JSON on the last line."""

import json

import pytest

from egide.engine.cli import main

from ..subprocesses import database_url

# The start-up figures time `egide aid estimate`, which reads the dated parameters: from the test
# database, committed (transactional test) so that the command's own process sees them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _test_database(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url())


def test_bench_prints_its_figures_as_json_on_the_last_line(capsys):
    argv = ["bench", "--pairings", "5", "--zones", "2", "--fixes", "3000", "--seed", "7"]
    assert main([*argv, "--busy-pairings", "20", "--busy-fixes", "20000"]) == 0
    lines = capsys.readouterr().out.splitlines()
    figures = json.loads(lines[-1])
    assert (figures["pairings"], figures["zones_per_pairing"], figures["fixes"]) == (5, 2, 3000)
    for key in (
        "core_fixes_per_s",
        "replay_fixes_per_s",
        "replay_peak_rss_mb",
        "state_bytes_per_pairing",
    ):
        assert figures[key] > 0
    assert len(lines) > 1 and not lines[0].startswith("{")
    busy = figures["busy"]
    assert (busy["pairings"], busy["fixes"]) == (20, 20000)
    assert busy["events_per_fix"] >= 0.1  # event-heavy: boundary jitter, repeats, late, alarms
    assert busy["same_events_as_reference"] is True
    for key in ("replay_process_s", "replay_process_cold_s", "reference_process_s"):
        assert busy[key] > 0
    assert figures["startup"]["help_cpu_s"] > 0


def test_bench_startup_times_the_commands_that_need_no_platform(capsys):
    assert main(["bench", "--startup"]) == 0
    lines = capsys.readouterr().out.splitlines()
    startup = json.loads(lines[-1])["startup"]
    for key in ("help_s", "help_cpu_s", "aid_estimate_s", "aid_estimate_cpu_s"):
        assert startup[key] > 0
    assert lines[0].startswith("start-up, whole processes")
