"""`monitor bench`: seeded scenarios, then the engine's and the replay's throughput.

The quiet scenario is a night of bracelets around France: victims near home, perpetrators
wandering at random distances (some crossing every threshold), fixed zones near the victims'
homes, alarm phones, and the mess devices really send: duplicates, late fixes, gaps, poor
accuracy, low batteries, alarms. The busy (event-heavy) one is a night where perpetrators hover
around their thresholds (boundary jitter) and devices resend much more (repeats, some bringing
an SOS, late fixes, alarms): more than one event per ten fixes. On the busy one the bench also
times whole `egide monitor replay` processes, start-up included, beside the plain-Python
reference implementation (`reference.py`) run on the same files, and checks they agree.
Figures are printed for people, then as JSON on the last line.
"""

import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import NamedTuple, TextIO

import numpy as np

from . import kernel
from .engine import Engine
from .fixes_csv import COLUMNS
from .geo import EARTH_RADIUS_M, RAD_PER_DEG
from .kernel import Fixes
from .model import parse_config
from .replay import replay
from .timestamps import NS_PER_S, format_iso, parse_iso

START = parse_iso("2026-03-02T20:00:00Z", "bench")
INTERVAL_S = 60
M_PER_DEG = EARTH_RADIUS_M * RAD_PER_DEG


STARTUP_COMMANDS = {  # the commands that must start in under a second, as an operator runs them
    "help": ["--help"],
    "aid_estimate": [
        "aid",
        "estimate",
        "--resources",
        "812,40",
        "--children",
        "2",
        "--on",
        "2026-03-02",
    ],
}
STARTUP_RUNS = 5


def bench(
    pairings: int, zones: int, fixes: int, seed: int, out: TextIO, busy=(400, 615_000)
) -> dict:
    # The whole processes first, while this one is small: a child's peak RSS (wait4) counts the
    # memory of the process that spawned it until it starts the command (vfork).
    busy_figures = _busy(*busy, zones, seed)
    figures = _quiet(pairings, zones, fixes, seed)
    figures["busy"] = busy_figures
    figures["startup"] = _startup()
    _report(figures, out)
    _report_startup(figures["startup"], out)
    out.write(f"{json.dumps(figures)}\n")
    return figures


def bench_startup(out: TextIO) -> dict:
    """`monitor bench --startup`: the start-up figures alone (a few seconds)."""
    figures = {"startup": _startup()}
    _report_startup(figures["startup"], out)
    out.write(f"{json.dumps(figures)}\n")
    return figures


def _startup() -> dict:
    """Whole `egide` processes that need no platform: the best of STARTUP_RUNS, wall and CPU."""
    figures = {}
    for name, argv in STARTUP_COMMANDS.items():
        runs = [_process([*_egide_command(), *argv], os.devnull) for _ in range(STARTUP_RUNS)]
        figures[f"{name}_s"] = min(run["wall_s"] for run in runs)
        figures[f"{name}_cpu_s"] = min(run["cpu_s"] for run in runs)
    return figures


def _quiet(pairings: int, zones: int, fixes: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="egide-bench-") as workdir:
        scenario = Scenario(pairings, zones, seed)
        pairings_path = os.path.join(workdir, "pairings.json")
        with open(pairings_path, "w", encoding="utf-8") as file:
            file.write(scenario.config_json)
        quarter_path, full_path = (os.path.join(workdir, f"{n}.csv") for n in ("quarter", "full"))
        scenario.write_csv(full_path, fixes, quarter_path)
        _timed_replay(pairings_path, quarter_path)  # compiles or loads the kernels first
        quarter_rss = _peak_rss_mb()
        replay_s, replay_cpu_s = _timed_replay(pairings_path, full_path)
        full_rss = _peak_rss_mb()
    core_s, core_cpu_s, events, engine = _core(scenario, fixes)
    return {
        "pairings": pairings,
        "zones_per_pairing": zones,
        "fixes": fixes,
        "seed": seed,
        "events": events,
        "core_fixes_per_s": round(fixes / core_s),
        "core_fixes_per_cpu_s": round(fixes / core_cpu_s),
        "replay_fixes_per_s": round(fixes / replay_s),
        "replay_fixes_per_cpu_s": round(fixes / replay_cpu_s),
        "replay_peak_rss_mb_quarter_input": quarter_rss,
        "replay_peak_rss_mb": full_rss,
        "state_bytes_per_pairing": round(engine.state_bytes() / pairings, 1),
        "config_bytes_per_pairing": round(
            sum(a.nbytes for a in engine.tables if isinstance(a, np.ndarray)) / pairings, 1
        ),
    }


def _busy(pairings: int, fixes: int, zones: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="egide-bench-") as workdir:
        scenario = Scenario(pairings, zones, seed, busy=True)
        pairings_path = os.path.join(workdir, "pairings.json")
        with open(pairings_path, "w", encoding="utf-8") as file:
            file.write(scenario.config_json)
        quarter_path, full_path = (os.path.join(workdir, f"{n}.csv") for n in ("quarter", "full"))
        scenario.write_csv(full_path, fixes, quarter_path)
        fast_out, reference_out = (os.path.join(workdir, f"{n}.jsonl") for n in ("fast", "ref"))
        cold = _process(_replay_command(pairings_path, quarter_path), os.devnull, cold=True)
        quarter = _process(_replay_command(pairings_path, quarter_path), os.devnull)
        fast = _process(_replay_command(pairings_path, full_path), fast_out)
        reference = _process(_reference_command(pairings_path, full_path), reference_out)
        events, agree = _compare(fast_out, reference_out)
    core_s, core_cpu_s, _, _ = _core(scenario, fixes)
    return {
        "pairings": pairings,
        "fixes": fixes,
        "events": events,
        "events_per_fix": round(events / fixes, 3),
        "core_fixes_per_s": round(fixes / core_s),
        "core_fixes_per_cpu_s": round(fixes / core_cpu_s),
        "replay_process_s": fast["wall_s"],
        "replay_process_cpu_s": fast["cpu_s"],
        "replay_process_fixes_per_s": round(fixes / fast["wall_s"]),
        "replay_process_peak_rss_mb_quarter_input": quarter["peak_rss_mb"],
        "replay_process_peak_rss_mb": fast["peak_rss_mb"],
        "replay_process_cold_s": cold["wall_s"],
        "replay_process_cold_cpu_s": cold["cpu_s"],
        "reference_process_s": reference["wall_s"],
        "reference_process_cpu_s": reference["cpu_s"],
        "speedup_wall": round(reference["wall_s"] / fast["wall_s"], 1),
        "speedup_cpu": round(reference["cpu_s"] / fast["cpu_s"], 1),
        "same_events_as_reference": agree,
    }


def _replay_command(pairings_path: str, fixes_path: str) -> list[str]:
    return [*_egide_command(), "monitor", "replay", pairings_path, fixes_path]


def _egide_command() -> list[str]:
    """`egide`: the console script next to this Python (else the same entry point)."""
    egide = shutil.which("egide", path=os.path.dirname(sys.executable))
    if egide is not None:
        return [egide]
    return [sys.executable, "-c", "from egide.cli import main; main()"]


def _reference_command(pairings_path: str, fixes_path: str) -> list[str]:
    return [sys.executable, "-m", "egide.engine", "reference", pairings_path, fixes_path]


def _process(command: list[str], out_path: str, cold: bool = False) -> dict:
    """Run a whole process (start-up included) -> its wall time, CPU time and peak RSS. `cold`:
    with an empty kernel cache, so the kernels are compiled, not loaded."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="egide-bench-cache-") as cache:
        if cold:
            env["NUMBA_CACHE_DIR"] = cache
        with open(out_path, "w", encoding="ascii") as out:
            wall = time.perf_counter()
            child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - wall
            child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"bench: {' '.join(command)} exited with {child.returncode}")
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def _compare(fast: str, reference: str) -> tuple[int, bool]:
    """-> lines of `fast`, and whether `reference` has the same lines (in any order)."""
    with open(fast, encoding="ascii") as first, open(reference, encoding="ascii") as second:
        lines = sorted(first)
        return len(lines), lines == sorted(second)


def _timed_replay(pairings_path: str, fixes_path: str) -> tuple[float, float]:
    """-> (wall, CPU) seconds. CPU time tells the throughput of one core even on a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    with open(os.devnull, "w", encoding="ascii") as sink:
        replay(pairings_path, fixes_path, sink, io.StringIO())
    return time.perf_counter() - wall, time.process_time() - cpu


def _core(scenario: "Scenario", fixes: int) -> tuple[float, float, int, Engine]:
    """Time Engine.process alone, on batches made beforehand (one round at a time)."""
    engine = Engine(scenario.config)
    wall = cpu = 0.0
    events = 0
    for batch in scenario.rounds(fixes):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        events += len(engine.process(batch))
        wall += time.perf_counter() - wall_start
        cpu += time.process_time() - cpu_start
    return wall, cpu, events + len(engine.finish()), engine


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def _report(figures: dict, out: TextIO) -> None:
    out.write(
        f"scenario: {figures['pairings']} pairings x {figures['zones_per_pairing']} fixed zones, "
        f"{figures['fixes']} fixes, seed {figures['seed']}: {figures['events']} events\n"
        f"engine core (one core): {figures['core_fixes_per_s']:,} fixes/s, "
        f"{figures['core_fixes_per_cpu_s']:,} per CPU second\n"
        f"replay end to end (CSV in, JSON Lines out): {figures['replay_fixes_per_s']:,} fixes/s, "
        f"{figures['replay_fixes_per_cpu_s']:,} per CPU second\n"
        f"peak RSS: {figures['replay_peak_rss_mb_quarter_input']} MB after replaying a quarter "
        f"of the input, {figures['replay_peak_rss_mb']} MB after all of it\n"
        f"state: {figures['state_bytes_per_pairing']} bytes per pairing "
        f"(configuration: {figures['config_bytes_per_pairing']} bytes per pairing)\n"
    )
    busy = figures["busy"]
    out.write(
        f"event-heavy scenario: {busy['pairings']} pairings, {busy['fixes']} fixes: "
        f"{busy['events']} events ({busy['events_per_fix']} per fix)\n"
        f"engine core (one core): {busy['core_fixes_per_s']:,} fixes/s, "
        f"{busy['core_fixes_per_cpu_s']:,} per CPU second\n"
        "whole `egide monitor replay` process, kernels cached (warm): "
        f"{busy['replay_process_s']} s "
        f"({busy['replay_process_fixes_per_s']:,} fixes/s), {busy['replay_process_cpu_s']} CPU s; "
        f"peak RSS {busy['replay_process_peak_rss_mb_quarter_input']} MB on a quarter of the "
        f"input, {busy['replay_process_peak_rss_mb']} MB on all of it\n"
        f"same on a quarter of the input with an empty kernel cache (cold): "
        f"{busy['replay_process_cold_s']} s, {busy['replay_process_cold_cpu_s']} CPU s\n"
        f"plain-Python reference, whole process: {busy['reference_process_s']} s, "
        f"{busy['reference_process_cpu_s']} CPU s: the replay is {busy['speedup_wall']}x faster "
        f"({busy['speedup_cpu']}x in CPU time); same events: {busy['same_events_as_reference']}\n"
    )


def _report_startup(startup: dict, out: TextIO) -> None:
    out.write(
        f"start-up, whole processes (best of {STARTUP_RUNS}): `egide --help` "
        f"{startup['help_s']} s, {startup['help_cpu_s']} CPU s; `egide aid estimate` "
        f"{startup['aid_estimate_s']} s, {startup['aid_estimate_cpu_s']} CPU s\n"
    )


class Scenario:
    """Devices are numbered as the Engine numbers them: per pairing perpetrator then victim,
    then the alarm phones."""

    def __init__(self, pairings: int, zones: int, seed: int, busy: bool = False):
        self.seed = seed
        self.busy = busy
        rng = np.random.default_rng(seed)
        self.home = np.column_stack(
            [rng.uniform(43.5, 49.5, pairings), rng.uniform(-1, 7, pairings)]
        )
        self.alert_m = rng.integers(1, 11, pairings) * 1000.0  # whole km, 1-10, set by the judge
        phones = max(1, pairings // 10)
        self.names = [n for i in range(pairings) for n in (f"P{i:06d}", f"V{i:06d}")]
        self.names += [f"T{i:06d}" for i in range(phones)]
        self.config_json = json.dumps(self._config(rng, zones, phones))
        self.config = parse_config(self.config_json, "bench")

    def _config(self, rng, zones: int, phones: int) -> dict:
        def zone(i, k):
            lat, lon = _offset(self.home[i], rng.uniform(0, 5000), rng.uniform(0, 2 * np.pi))
            return {
                "id": f"z{k}",
                "lat": lat,
                "lon": lon,
                "alert_m": float(rng.integers(2, 11) * 100),
            }

        return {
            "pairings": [
                {
                    "id": f"BAR-{i:06d}",
                    "perpetrator_device": self.names[2 * i],
                    "victim_device": self.names[2 * i + 1],
                    "alert_m": self.alert_m[i],
                    "zones": [zone(i, k) for k in range(zones)],
                }
                for i in range(len(self.home))
            ],
            "alarm_phones": self.names[2 * len(self.home) :],
        }

    def rounds(self, fixes: int) -> Iterator[Fixes]:
        """One fix per device per minute (less the gaps, plus the repeats), shuffled, until
        `fixes` fixes."""
        walk = _Walk(self, np.random.default_rng(self.seed + 1))
        left = fixes
        while left > 0:
            batch = walk.step()
            if len(batch.ts) > left:
                batch = Fixes(*(column[:left] for column in batch))
            left -= len(batch.ts)
            yield batch

    def write_csv(self, path: str, fixes: int, prefix_path: str) -> None:
        """The same fixes as `rounds`, as FIXES.csv; and its first quarter at `prefix_path`."""
        times: dict[int, str] = {}
        with open(path, "w", encoding="ascii") as file, open(prefix_path, "w") as prefix:
            file.write(",".join(COLUMNS) + "\n")
            prefix.write(",".join(COLUMNS) + "\n")
            written = 0
            for batch in self.rounds(fixes):
                text = self._csv_rows(batch, times)
                file.write(text)
                if written < fixes // 4:
                    prefix.write(text)
                written += len(batch.ts)

    def _csv_rows(self, batch: Fixes, times: dict[int, str]) -> str:
        alarms = ("", "sos", "tamper")
        rows = []
        for dev, ts, lat, lon, acc, battery, alarm in zip(
            *(c.tolist() for c in batch), strict=True
        ):
            stamp = times.get(ts) or times.setdefault(ts, format_iso(ts))
            accuracy = "" if acc != acc else f"{acc:.1f}"  # NaN: missing
            rows.append(
                f"{self.names[dev]},{stamp},{lat:.6f},{lon:.6f},{accuracy},{battery:.0f},"
                f"{alarms[alarm]}\n"
            )
        return "".join(rows)


class _Faults(NamedTuple):
    late: float  # share of fixes sent one round late
    repeat: float  # share of fixes sent twice
    repeat_sos: float  # share of the repeats that bring an SOS
    alarms: float  # share of fixes with an alarm (2/3 SOS, 1/3 tamper)


QUIET = _Faults(late=0.002, repeat=0.002, repeat_sos=0.0, alarms=1.5e-4)
BUSY = _Faults(late=0.02, repeat=0.05, repeat_sos=0.05, alarms=2e-3)


class _Walk:
    """Positions, batteries and the faults of every device, minute after minute."""

    def __init__(self, scenario: Scenario, rng: np.random.Generator):
        self.rng = rng
        self.scenario = scenario
        self.faults = BUSY if scenario.busy else QUIET
        pairings = len(scenario.home)
        self.devices = len(scenario.names)
        self.radius = rng.uniform(200, 25_000, pairings)  # perpetrator to the victim's home
        self.bearing = rng.uniform(0, 2 * np.pi, pairings)
        self.battery = rng.uniform(15, 100, self.devices)
        self.offset = rng.integers(0, INTERVAL_S, self.devices) * NS_PER_S
        self.silent_until = np.zeros(self.devices, np.int64)  # rounds
        self.delayed: Fixes | None = None  # late fixes, sent one round after their time
        self.round = 0

    def step(self) -> Fixes:
        rng, n, faults = self.rng, self.devices, self.faults
        if self.scenario.busy:  # hovering around the alert or pre-alert distance
            enter = self.scenario.alert_m * np.where(self.bearing % 1 < 0.5, 1.0, 2.0)
            leave = np.maximum(1.1 * enter, enter + 200)  # the hysteresis exit
            jitter = rng.normal(0, 0.8 * (leave - enter))
            self.radius = (enter + leave) / 2 + jitter
        else:
            self.radius = np.clip(self.radius + rng.normal(0, 400, len(self.radius)), 50, 30_000)
        self.bearing += rng.normal(0, 0.05, len(self.bearing))
        self.battery = np.where(self.battery < 3, 100.0, self.battery - rng.uniform(0, 0.2, n))
        self.silent_until[rng.random(n) < 0.001] = self.round + rng.integers(3, 12)
        sending = np.flatnonzero(self.silent_until <= self.round)
        fixes = self._fixes(sending)
        late = rng.random(len(sending)) < faults.late
        repeats = _take(fixes, rng.random(len(sending)) < faults.repeat)
        # A phone stamps its SOS with its last known fix: a repeat bringing an alarm.
        repeats.alarm[rng.random(len(repeats.ts)) < faults.repeat_sos] = kernel.ALARM_SOS
        batch = _concat(self.delayed, _take(fixes, ~late), repeats)
        self.delayed = _take(fixes, late)
        self.round += 1
        return _take(batch, rng.permutation(len(batch.ts)))

    def _fixes(self, devices: np.ndarray) -> Fixes:
        rng, home = self.rng, self.scenario.home
        pairing = np.minimum(devices // 2, len(home) - 1)
        perpetrator = (devices % 2 == 0) & (devices < 2 * len(home))
        distance = np.where(perpetrator, self.radius[pairing], rng.exponential(20, len(devices)))
        lat, lon = _offset(
            home[pairing].T,
            distance,
            np.where(perpetrator, self.bearing[pairing], rng.uniform(0, 7, len(devices))),
        )
        accuracy = np.where(
            rng.random(len(devices)) < 0.01, 400.0, 5 + rng.exponential(10, len(devices))
        )
        accuracy[rng.random(len(devices)) < 0.05] = np.nan
        alarms = self.faults.alarms
        alarm = np.digitize(rng.random(len(devices)), [1 - alarms, 1 - alarms / 3]).astype(np.int8)
        return Fixes(
            dev=devices.astype(np.int32),
            ts=START + self.round * INTERVAL_S * NS_PER_S + self.offset[devices],
            lat=np.round(lat, 6),
            lon=np.round(lon, 6),
            accuracy=accuracy,
            battery=np.floor(self.battery[devices]),
            alarm=alarm,
        )


def _offset(origin, distance_m, bearing):
    """Point at distance_m and bearing from origin (lat, lon), on a local flat approximation."""
    lat = origin[0] + distance_m * np.cos(bearing) / M_PER_DEG
    lon = origin[1] + distance_m * np.sin(bearing) / (M_PER_DEG * np.cos(origin[0] * RAD_PER_DEG))
    return lat, lon


def _take(fixes: Fixes, index) -> Fixes:
    return Fixes(*(column[index] for column in fixes))


def _concat(*batches: Fixes | None) -> Fixes:
    present = [b for b in batches if b is not None]
    return Fixes(*(np.concatenate(columns) for columns in zip(*present, strict=True)))
