"""The distance-over-time chart, drawn on the server as SVG: no script needed to read it, and
its title, description and per-minute table give screen-reader users the same facts."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from .distance import DistancePoint

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 28
HEADROOM = 1.25  # the pre-alert line sits below the top, so "beyond it" stays visible
TICK_EVERY = timedelta(minutes=15)


@dataclass(frozen=True)
class Threshold:
    kind: str  # "alert" or "prealert": a CSS class and the line's dash pattern
    metres: int
    y: float


@dataclass(frozen=True)
class DistanceChart:
    start: datetime
    end: datetime
    width: int
    height: int
    line: str  # the polyline's points
    latest_dot: tuple[float, float] | None  # so a single measure still shows
    thresholds: list[Threshold]
    time_ticks: list[tuple[float, datetime]]
    closest: DistancePoint | None
    latest: DistancePoint | None
    per_minute: list[DistancePoint]  # the closest approach of each minute, for the table

    @property
    def plot_bottom(self) -> int:
        return self.height - BOTTOM

    @property
    def plot_left(self) -> int:
        return LEFT

    @property
    def plot_right(self) -> int:
        return self.width - RIGHT


def _closest_per_minute(points: list[DistancePoint]) -> list[DistancePoint]:
    minutes: dict[datetime, DistancePoint] = {}
    for point in points:
        minute = timezone.localtime(point.at).replace(second=0, microsecond=0)
        if minute not in minutes or point.distance_m < minutes[minute].distance_m:
            minutes[minute] = DistancePoint(minute, point.distance_m)
    return list(minutes.values())


def _time_ticks(start: datetime, end: datetime, x) -> list[tuple[float, datetime]]:
    local = timezone.localtime(start)
    tick = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    ticks = []
    while tick <= end:
        if tick >= start:
            ticks.append((x(tick), tick))
        tick += TICK_EVERY
    return ticks


def distance_chart(
    points: list[DistancePoint], alert_m: int, prealert_m: int, start: datetime, end: datetime
) -> DistanceChart:
    top_m = max([prealert_m * HEADROOM, *(point.distance_m for point in points)])
    span = (end - start).total_seconds()
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(moment: datetime) -> float:
        return round(LEFT + plot_width * (moment - start).total_seconds() / span, 1)

    def y(metres: float) -> float:
        return round(TOP + plot_height * (1 - metres / top_m), 1)

    return DistanceChart(
        start=start,
        end=end,
        width=WIDTH,
        height=HEIGHT,
        line=" ".join(f"{x(point.at)},{y(point.distance_m)}" for point in points),
        latest_dot=(x(points[-1].at), y(points[-1].distance_m)) if points else None,
        thresholds=[
            Threshold("alert", alert_m, y(alert_m)),
            Threshold("prealert", prealert_m, y(prealert_m)),
        ],
        time_ticks=_time_ticks(start, end, x),
        closest=min(points, key=lambda point: point.distance_m, default=None),
        latest=points[-1] if points else None,
        per_minute=_closest_per_minute(points),
    )
