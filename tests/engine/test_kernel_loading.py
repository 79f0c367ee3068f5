"""Kernels found in numba's cache load without setting up numba's compiler: a replay or a worker
start does not import what only compiling needs (typed containers, linear algebra, random
generators: a quarter of a CPU second), and the loaded kernels give the same events."""

import json
import os
import subprocess
import sys

PROBE = """
import io, json, sys
from egide.engine import warm_up
from egide.engine.geo import haversine_m
from egide.engine.replay import replay

out = io.StringIO()
replay(sys.argv[1], sys.argv[2], out, io.StringIO())
warm_up()
compiler_only = ("numba.typed.typeddict", "numba.np.linalg", "numba.np.random.generator_core")
print(json.dumps({
    "events": [json.loads(line)["type"] for line in out.getvalue().splitlines()],
    "metres": round(haversine_m(48.8, 2.3, 48.9, 2.3)),
    "compiler_modules": [m for m in compiler_only if m in sys.modules],
}))
"""


def run_probe(*argv: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    return json.loads(result.stdout)


def test_cached_kernels_load_without_the_compiler_and_run_the_same(tmp_path):
    pairings, fixes = tmp_path / "pairings.json", tmp_path / "fixes.csv"
    pairings.write_text(
        json.dumps(
            {
                "pairings": [
                    {"id": "P", "perpetrator_device": "A", "victim_device": "V", "alert_m": 500}
                ],
                "alarm_phones": ["T"],
            }
        )
    )
    fixes.write_text(
        "device,ts,lat,lon,accuracy_m,battery_pct,alarm\n"
        "V,2026-03-02T06:00:00Z,48.8,2.3,,,\n"
        "A,2026-03-02T06:00:10.5Z,48.801,2.3,12,15,\n"
        "T,2026-03-02T06:00:20Z,48.8,2.3,,,sos\n"
    )
    first = run_probe(str(pairings), str(fixes))  # compiles the kernels if the cache is empty
    second = run_probe(str(pairings), str(fixes))  # loads them
    expected = ["zone.enter", "device.battery_low", "sos"]
    assert sorted(first["events"]) == sorted(second["events"]) == sorted(expected)
    assert first["metres"] == second["metres"] == 11120
    assert second["compiler_modules"] == []
