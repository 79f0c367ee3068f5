"""`egide` commands that need no app start without loading the platform (Django's set-up imports
every app, its models and the job queue), and answer as they did through Django."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from ..subprocesses import database_url

PROBE = """
import sys
from egide import cli
from egide.engine import cli as engine_cli
engine_cli.leave = sys.exit  # the engine commands end with os._exit: let the probe look first
sys.argv = ["egide", *sys.argv[1:]]
try:
    cli.main()
    code = 0
except SystemExit as exit:
    code = exit.code or 0
heavy = sorted(
    m for m in sys.modules
    if m.startswith(("egide.", "django.contrib.")) and m.endswith(".models")
    or m.split(".")[0] == "huey"
)
sys.stderr.write("\\nloaded: " + " ".join(heavy))
sys.exit(code)
"""


def egide(*argv: str, **environment: str) -> tuple[int, str, str, str]:
    """-> exit status, stdout, stderr, the models and job-queue modules the command loaded."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.getcwd(), **environment},
    )
    err, _, loaded = result.stderr.rpartition("\nloaded: ")
    return result.returncode, result.stdout, err, loaded


def test_help_lists_every_command_without_loading_the_platform():
    code, out, _, loaded = egide("--help")
    assert (code, loaded) == (0, "")
    for command in ("serve", "demo", "monitor", "aid", "audit", "justice", "directory"):
        assert f"\n  {command} " in out
    assert "Monitoring engine: replay recorded fixes" in out


@pytest.mark.django_db(transaction=True)
def test_aid_estimate_answers_as_through_django_without_loading_the_platform():
    argv = ("aid", "estimate", "--resources", "812,40", "--children", "2", "--on", "2026-03-02")
    code, out, _, loaded = egide(*argv, DATABASE_URL=database_url())
    assert (code, loaded) == (0, "")
    through_django = io.StringIO()
    call_command(*argv, stdout=through_django)
    assert json.loads(out) == json.loads(through_django.getvalue())


def test_aid_estimate_refuses_bad_input_as_before():
    code, out, err, loaded = egide("aid", "estimate", "--resources", "abc")
    assert (code, out, loaded) == (1, "", "")
    assert "CommandError: --resources: 'abc' is not an amount in euros" in err


def test_monitor_replay_runs_without_django(tmp_path):
    pairings, fixes = tmp_path / "pairings.json", tmp_path / "fixes.csv"
    pairings.write_text(json.dumps({"pairings": [], "alarm_phones": ["T"]}))
    fixes.write_text("device,ts,lat,lon,accuracy_m,battery_pct,alarm\n")
    with fixes.open("a") as file:
        file.write("T,2026-03-02T06:00:00Z,48.8,2.3,,,sos\n")
    code, out, _, loaded = egide("monitor", "replay", str(pairings), str(fixes))
    assert (code, loaded) == (0, "")
    assert [json.loads(line)["type"] for line in out.splitlines()] == ["sos"]
    fixes.write_text("device,ts\n")
    code, out, err, _ = egide("monitor", "replay", str(pairings), str(fixes))
    assert (code, out) == (1, "")
    assert "CommandError: " in err and "missing column" in err
