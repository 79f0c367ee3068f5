"""Synthetic device streams: a perpetrator drifting towards a victim and away again, with
battery drain, an SOS and a silence, for the crash test, the load test and the demo simulator."""

import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from egide.monitoring.protocols import IncomingFix

NS = 1_000_000_000
METRES_PER_DEGREE = 111_195.0


@dataclass(frozen=True)
class Couple:
    perpetrator: str
    victim: str
    home: tuple[float, float]  # where the victim moves around
    secret: str = ""


def position(home, north_m: float, east_m: float) -> tuple[float, float]:
    lat = home[0] + north_m / METRES_PER_DEGREE
    lon = home[1] + east_m / (METRES_PER_DEGREE * math.cos(math.radians(home[0])))
    return lat, lon


def approach_distance(step: int, phase: float, period_s: float = 360.0) -> float:
    """Distance to the victim, swinging between 500 m and 11.5 km."""
    return 6000.0 + 5500.0 * math.cos(2 * math.pi * step / period_s + phase)


def stream(
    couples: Sequence[Couple],
    start_s: int,
    steps: int,
    *,
    every_s: int = 1,
    seed: int = 1,
    silent: tuple[int, int] | None = None,
) -> Iterator[list[IncomingFix]]:
    """Fixes of every device, one list per time step, in arrival order. During `silent` (steps
    [a, b)) the first couple's victim unit sends nothing (an offline episode)."""
    rng = random.Random(seed)
    for step in range(steps):
        ts = (start_s + step * every_s) * NS
        fixes = []
        for k, couple in enumerate(couples):
            battery = max(3.0, 100.0 - 100.0 * step / max(steps, 1) - k)
            distance = approach_distance(step * every_s, phase=k * 1.3)
            wearer = position(couple.home, distance, rng.uniform(-30, 30))
            alarm = "sos" if step == steps // 2 and k == len(couples) - 1 else ""
            fixes.append(
                IncomingFix(
                    couple.perpetrator,
                    couple.secret,
                    ts,
                    *wearer,
                    accuracy_m=rng.uniform(5, 40),
                    battery_pct=round(battery),
                )
            )
            if silent and k == 0 and silent[0] <= step < silent[1]:
                continue
            her = position(couple.home, rng.uniform(-20, 20), rng.uniform(-20, 20))
            fixes.append(
                IncomingFix(
                    couple.victim,
                    couple.secret,
                    ts,
                    *her,
                    accuracy_m=10.0,
                    battery_pct=90.0,
                    alarm=alarm,
                )
            )
        yield fixes
