"""The distance between a pairing's two devices over time, for the operator's chart.

Measured as the engine measures the moving zone (docs/monitoring.md, rules 1 and 6): after
each fix of either device, once both have a position, the haversine distance between the latest
position of each. Fixes are taken in device-time order, so a fix that arrived late still finds its
place on the time axis.
"""

from dataclasses import dataclass
from datetime import datetime

from egide.engine.geo import haversine_m

from .models import Fix
from .pipeline import as_datetime


@dataclass(frozen=True)
class DistancePoint:
    at: datetime
    distance_m: int


def as_ns(moment: datetime) -> int:
    return round(moment.timestamp() * 1e6) * 1000


def _position_before(device_id: str, ts_ns: int) -> tuple[float, float] | None:
    """The device's last position before the window: the engine still measures from it."""
    return (
        Fix.objects.filter(device_id=device_id, ts__lt=ts_ns)
        .order_by("-ts")
        .values_list("lat", "lon")
        .first()
    )


def distance_series(pairing, start: datetime, end: datetime) -> list[DistancePoint]:
    """One point per fix of either device in [start, end], once both devices have a position."""
    perpetrator = pairing.perpetrator_device.device_id
    victim = pairing.victim_device.device_id
    start_ns, end_ns = as_ns(start), as_ns(end)
    latest = {
        device_id: position
        for device_id in (perpetrator, victim)
        if (position := _position_before(device_id, start_ns)) is not None
    }
    fixes = (
        Fix.objects.filter(device_id__in=(perpetrator, victim), ts__gte=start_ns, ts__lte=end_ns)
        .order_by("ts", "id")
        .values_list("device_id", "ts", "lat", "lon")
    )
    points = []
    for device_id, ts, lat, lon in fixes:
        latest[device_id] = (lat, lon)
        if len(latest) == 2:
            metres = haversine_m(*latest[perpetrator], *latest[victim])
            points.append(DistancePoint(as_datetime(ts), round(metres)))
    return points
