"""Where the wearer is now against the incident's zones: the live state an operator's closing
outcome must not contradict (an alert was once closed as "he moved away" while he was
still 769 m inside the 2,000 m zone).

Measured as the engine measures (docs/monitoring.md): the latest fix of each device, the
moving zone around the victim and every fixed zone of the pairing, each with the radius of the
incident's level (alert or pre-alert).
"""

from dataclasses import dataclass
from datetime import datetime

from egide.engine.geo import haversine_m

from .choices import IncidentKind
from .map import latest_position
from .models import Incident

ZONE_KINDS = frozenset({IncidentKind.ALERT, IncidentKind.PREALERT})


@dataclass(frozen=True)
class StillInside:
    distance_m: int
    radius_m: int
    at: datetime  # the wearer's fix the distance is measured from


def _radius(incident: Incident, alert_m: int, prealert_m: int) -> int:
    return alert_m if incident.kind == IncidentKind.ALERT else prealert_m


def still_inside(incident: Incident, now: datetime) -> StillInside | None:
    """The closest zone of the incident's level the wearer is still inside, or None."""
    pairing = incident.pairing
    if pairing is None or incident.kind not in ZONE_KINDS:
        return None
    wearer = latest_position(pairing.perpetrator_device.device_id, now)
    if wearer is None:
        return None
    centres = []
    victim = latest_position(pairing.victim_device.device_id, now)
    if victim is not None:
        centres.append(
            (victim.lat, victim.lon, _radius(incident, pairing.alert_m, pairing.prealert_m))
        )
    for zone in pairing.zones.all():
        radius = _radius(incident, zone.alert_m, zone.prealert_m)
        centres.append((float(zone.latitude), float(zone.longitude), radius))
    inside = [
        StillInside(round(haversine_m(wearer.lat, wearer.lon, lat, lon)), radius, wearer.at)
        for lat, lon, radius in centres
    ]
    inside = [reading for reading in inside if reading.distance_m <= reading.radius_m]
    return min(inside, key=lambda reading: reading.distance_m, default=None)
