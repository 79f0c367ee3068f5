"""`monitor replay`: the output format, the refusal of bad input, and the CSV path end to end."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings

from egide.engine.cli import main
from egide.engine.reference import oracle_events
from egide.engine.replay import replay as run_replay
from egide.engine.timestamps import format_iso

from .strategies import configs, streams
from .support import as_multiset, iso, north, pairing, zone

HEADER = "device,ts,lat,lon,accuracy_m,battery_pct,alarm"
KEYS = ["id", "type", "ts", "device", "pairing", "zone", "from", "to", "distance_m"]
PAIRINGS = {"pairings": [pairing(zones=[zone("home", 0, 300)])], "alarm_phones": ["T"]}


def write(tmp_path, rows, pairings=PAIRINGS, header=HEADER):
    pairings_path, fixes_path = tmp_path / "pairings.json", tmp_path / "fixes.csv"
    pairings_path.write_text(pairings if isinstance(pairings, str) else json.dumps(pairings))
    fixes_path.write_text("\n".join([header, *rows]) + "\n")
    return str(pairings_path), str(fixes_path)


def row(device, seconds, metres=0.0, accuracy="", battery="", alarm=""):
    lat, lon = north(metres)
    return f"{device},{iso(seconds)},{lat!r},{lon!r},{accuracy},{battery},{alarm}"


def replay(capsys, paths):
    code = main(["replay", *paths])
    out, err = capsys.readouterr()
    return code, out, err


def test_output_is_one_json_object_per_line_in_the_reference_format(tmp_path, capsys):
    paths = write(tmp_path, [row("V", 0), row("A", 1, 250, accuracy=12), row("T", 2, alarm="sos")])
    code, out, err = replay(capsys, paths)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert all(list(line) == KEYS for line in lines)
    by_zone = {line["zone"]: line for line in lines}
    assert by_zone["victim"] | {"id": None} == {
        "id": None,
        "type": "zone.enter",
        "ts": "2026-03-02T06:00:01Z",
        "device": "A",
        "pairing": "P1",
        "zone": "victim",
        "from": "clear",
        "to": "alert",
        "distance_m": 250,
    }
    assert by_zone["home"]["distance_m"] == 250
    assert by_zone[None] | {"id": None} == {
        "id": None,
        "type": "sos",
        "ts": "2026-03-02T06:00:02Z",
        "device": "T",
        "pairing": None,
        "zone": None,
        "from": None,
        "to": None,
        "distance_m": None,
    }
    assert "3 fixes: 3 accepted" in err


def test_fractions_of_seconds_are_kept_and_offsets_converted(tmp_path, capsys):
    lat, lon = north(0)
    paths = write(
        tmp_path,
        [
            f"T,2026-03-02T06:00:00.5Z,{lat},{lon},,,sos",
            f"T,2026-03-02T08:00:01+02:00,{lat},{lon},,,tamper",
        ],
    )
    _, out, _ = replay(capsys, paths)
    assert sorted(json.loads(line)["ts"] for line in out.splitlines()) == [
        "2026-03-02T06:00:00.500Z",
        "2026-03-02T06:00:01Z",
    ]


def test_same_input_same_output(tmp_path, capsys):
    paths = write(tmp_path, [row("V", 0), row("A", 1, 250), row("A", 500, 5000)])
    first = replay(capsys, paths)[1]
    assert first and replay(capsys, paths)[1] == first


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("A,2026-03-02T06:00:09,48.85,2.35,,,", "ts: not an ISO 8601 time with a zone"),
        ("A,2026-02-30T06:00:09Z,48.85,2.35,,,", "ts: not an ISO 8601 time"),
        ("A,2026-03-02T06:00:09Z,90.5,2.35,,,", "lat: must be within [-90, 90]"),
        ("A,2026-03-02T06:00:09Z,48.85,-180.1,,,", "lon: must be within [-180, 180]"),
        ("A,2026-03-02T06:00:09Z,48.85,2.35,-1,,", "accuracy_m: must be a finite number"),
        ("A,2026-03-02T06:00:09Z,48.85,2.35,,100.5,", "battery_pct: must be within [0, 100]"),
        ("A,2026-03-02T06:00:09Z,48.85,2.35,,,SOS", "alarm: must be empty, sos or tamper"),
        ("A,2026-03-02T06:00:09Z,48.85,two,,,", "lon: not a decimal number"),
        ("A,2026-03-02T06:00:09Z,,2.35,,,", "lat: a value is required"),
        (",2026-03-02T06:00:09Z,48.85,2.35,,,", "device: a value is required"),
        ("A,2026-03-02T06:00:09Z,48.85,2.35,,", "expected 7 fields, found 6"),
        ('"A,2026-03-02T06:00:09Z,48.85,2.35,,,', "badly quoted field"),
    ],
)
def test_malformed_row_names_file_and_line_and_prints_nothing(tmp_path, capsys, bad_row, message):
    good = [row("V", 0), row("A", 1, 100, alarm="sos"), row("A", 2, 5000)]  # events before it
    paths = write(tmp_path, [*good, bad_row, row("A", 10)])
    code, out, err = replay(capsys, paths)
    assert code != 0
    assert out == ""
    assert f"{paths[1]}:5: {message}" in err


def test_position_is_not_echoed_in_an_error(tmp_path, capsys):
    paths = write(tmp_path, ["A,2026-03-02T06:00:09Z,91.123456,2.35,,,"])
    assert "91.123456" not in replay(capsys, paths)[2]


def test_missing_column_names_line_one(tmp_path, capsys):
    paths = write(tmp_path, [], header="device,ts,lat,lon,battery_pct,alarm")
    code, out, err = replay(capsys, paths)
    assert (code != 0, out) == (True, "")
    assert f"{paths[1]}:1: missing column accuracy_m" in err


def test_unreadable_files_are_named(tmp_path, capsys):
    pairings_path, fixes_path = write(tmp_path, [])
    missing = str(tmp_path / "nowhere.csv")
    code, out, err = replay(capsys, [pairings_path, missing])
    assert (code != 0, out) == (True, "")
    assert f"{missing}: cannot read" in err


@pytest.mark.parametrize(
    ("document", "line", "message"),
    [
        ('{"pairings": [\n  {"id": "P1",\n', 3, "invalid JSON"),
        (
            '{"pairings": [\n  {"id": "P1", "perpetrator_device": "A", "victim_device": "V",\n'
            '   "alert_m": -1}]}',
            2,
            "pairings[0].alert_m: must be a distance in metres",
        ),
        (
            '{"pairings": [],\n "alarm_phones": ["T"],\n "setings": {}}',
            1,
            "document: unknown key setings",
        ),
        (
            '{"pairings": [\n {"id": "P", "perpetrator_device": "A", "victim_device": "V",\n'
            '  "alert_m": 1000, "zones": [\n   {"id": "z", "lat": 1, "lon": 2, "alert_m": 5,\n'
            '    "exemptions": [{"start": "2026-03-02", "end": "2026-03-03T00:00:00Z"}]}]}]}',
            5,
            "pairings[0].zones[0].exemptions[0].start: not an ISO 8601 time",
        ),
    ],
)
def test_bad_pairings_file_names_file_and_line(tmp_path, capsys, document, line, message):
    paths = write(tmp_path, [row("A", 0)], pairings=document)
    code, out, err = replay(capsys, paths)
    assert (code != 0, out) == (True, "")
    assert f"{paths[0]}:{line}: {message}" in err


def test_unknown_devices_are_counted_on_stderr(tmp_path, capsys):
    paths = write(tmp_path, [row("X", 0, alarm="sos"), row("A", 0, 9000), row("A", 0)])
    _, out, err = replay(capsys, paths)
    assert out == ""
    assert "1 from unknown devices" in err and "1 duplicates" in err


def test_django_command_wraps_the_replay(tmp_path):
    paths = write(tmp_path, [row("V", 0), row("A", 1, 100)])
    out, err = io.StringIO(), io.StringIO()
    call_command("monitor", "replay", *paths, stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sorted((e["type"], e["zone"]) for e in lines) == [
        ("zone.enter", "home"),
        ("zone.enter", "victim"),
    ]
    assert "2 fixes" in err.getvalue()
    bad = write(tmp_path, ["A,yesterday,1,2,,,"])
    with pytest.raises(CommandError, match="fixes.csv:2: ts"):
        call_command("monitor", "replay", *bad, stdout=io.StringIO(), stderr=io.StringIO())


def test_egide_command_exits_non_zero_with_nothing_on_stdout(tmp_path):
    egide = shutil.which("egide", path=os.path.dirname(sys.executable))
    if egide is None:
        pytest.skip("the egide console script is not installed")
    paths = write(tmp_path, [row("V", 0), row("A", 1, 100), "A,2026-03-02T06:00:02Z,1,2,,,x"])
    result = subprocess.run(
        [egide, "monitor", "replay", *paths],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0 and result.stdout == ""
    assert "fixes.csv:4: alarm" in result.stderr


def test_egide_command_writes_every_event_and_stops_quietly_when_its_reader_goes(tmp_path):
    egide = shutil.which("egide", path=os.path.dirname(sys.executable))
    if egide is None:
        pytest.skip("the egide console script is not installed")
    rows = [row("T", s, alarm="sos") for s in range(30_000)]  # more than a pipe holds
    paths = write(tmp_path, rows)
    whole = subprocess.run(
        [egide, "monitor", "replay", *paths], capture_output=True, check=False, timeout=120
    )
    assert whole.returncode == 0 and whole.stdout.count(b"\n") == 30_000
    assert [json.loads(line)["type"] for line in whole.stdout.splitlines()] == ["sos"] * 30_000
    # `| head -1`: the reader closes the pipe after one line; no traceback, a failure status.
    cut = subprocess.Popen(
        [egide, "monitor", "replay", *paths], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert cut.stdout.readline().startswith(b'{"id":')
    cut.stdout.close()
    assert cut.wait(timeout=120) == 1
    assert b"Traceback" not in cut.stderr.read()
    cut.stderr.close()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(configs(), streams())
def test_replay_of_csv_agrees_with_the_oracle(tmp_path_factory, cfg, fixes):
    folder = tmp_path_factory.mktemp("replay")
    pairings_path, fixes_path = folder / "pairings.json", folder / "fixes.csv"
    pairings_path.write_text(json.dumps(_document(cfg)))
    with open(fixes_path, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER.split(","))
        for f in fixes:
            writer.writerow(
                [
                    f.device,
                    format_iso(f.ts),
                    repr(f.lat),
                    repr(f.lon),
                    _text(f.accuracy),
                    _text(f.battery),
                    f.alarm or "",
                ]
            )
    out = io.StringIO()
    run_replay(str(pairings_path), str(fixes_path), out, io.StringIO())
    lines = [json.dumps(json.loads(line), sort_keys=True) for line in out.getvalue().splitlines()]
    assert Counter(lines) == as_multiset(oracle_events(cfg, fixes))


def _text(value):
    return "" if value is None else repr(value)


def _document(cfg):
    """The JSON document of a Config (the inverse of parse_config)."""

    def zone_doc(z):
        return {
            "id": z.id,
            "lat": z.lat,
            "lon": z.lon,
            "alert_m": z.alert_m,
            "prealert_m": z.prealert_m,
            "exemptions": [{"start": format_iso(s), "end": format_iso(e)} for s, e in z.exemptions],
        }

    def time(ns):
        return None if ns is None else format_iso(ns)

    return {
        "pairings": [
            {
                "id": p.id,
                "perpetrator_device": p.perpetrator_device,
                "victim_device": p.victim_device,
                "alert_m": p.alert_m,
                "prealert_m": p.prealert_m,
                "valid_from": time(p.valid_from),
                "valid_until": time(p.valid_until),
                "zones": [zone_doc(z) for z in p.zones],
            }
            for p in cfg.pairings
        ],
        "alarm_phones": list(cfg.alarm_phones),
        "settings": {
            "offline_after_s": cfg.settings.offline_after_ns / 1e9,
            "max_accuracy_m": cfg.settings.max_accuracy_m,
        },
    }
