"""What the map of an incident shows: for a pairing, both latest positions, the radii around the
victim, the fixed zones, and the distance now; for an SOS from an alarm phone, the phone's
latest position (the victim's).

The same facts feed the map (as JSON) and its text alternative (in the page), so both always say
the same. The victim's position, and her home zone, are left out unless
`perms.can_see_victim_position` allows them; the distance alone says nothing of where she is.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from egide.engine.geo import haversine_m
from egide.monitoring.configuration import engine_zone_id
from egide.registry import Registry

from . import perms
from .distance import as_ns
from .models import Fix
from .pipeline import as_datetime


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    at: datetime  # the fix's own time (device clock)
    age_s: int
    received_at: datetime | None = None  # when the platform received it
    accuracy_m: float | None = None

    def as_json(self) -> dict:
        return {"lat": self.lat, "lon": self.lon, "at": self.at.isoformat(), "age_s": self.age_s}


@dataclass(frozen=True)
class Zone:
    id: str  # the engine's zone id, as events name it
    label: str
    is_victim_home: bool
    lat: float
    lon: float
    alert_m: int
    prealert_m: int

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "lat": self.lat,
            "lon": self.lon,
            "alert_m": self.alert_m,
            "prealert_m": self.prealert_m,
        }


@dataclass(frozen=True)
class PairingMap:
    perpetrator: Position | None
    victim: Position | None
    victim_shown: bool
    alert_m: int | None  # None: no moving zone (an alarm phone's SOS)
    prealert_m: int | None
    zones: list[Zone]
    distance_m: int | None
    victim_device: str = ""  # the device her position comes from
    distance_at: datetime | None = None  # as old as the older of the two fixes it joins

    def as_json(self) -> dict:
        return {
            "perpetrator": self.perpetrator.as_json() if self.perpetrator else None,
            "victim": self.victim.as_json() if self.victim else None,
            "victim_shown": self.victim_shown,
            "alert_m": self.alert_m,
            "prealert_m": self.prealert_m,
            "zones": [zone.as_json() for zone in self.zones],
            "distance_m": self.distance_m,
            "distance_at": self.distance_at.isoformat() if self.distance_at else None,
        }

    def audited_fields(self, *, coordinates: bool) -> list[str]:
        """What a reader was shown, for the audit log (coordinates only go out as JSON)."""
        fields = ["distance", "zones.label"]
        if coordinates:
            fields += ["perpetrator.position", "zones.position"]
            if self.victim_shown:
                fields.append("victim.position")
        return fields


def latest_position(device_id: str, now: datetime) -> Position | None:
    row = (
        Fix.objects.filter(device_id=device_id, ts__lte=as_ns(now))
        .order_by("-ts")
        .values_list("lat", "lon", "ts", "received_at", "accuracy_m")
        .first()
    )
    if row is None:
        return None
    lat, lon, ts, received_at, accuracy_m = row
    at = as_datetime(ts)
    return Position(
        lat, lon, at, max(0, round((now - at).total_seconds())), received_at, accuracy_m
    )


def _distance(one: Position | None, other: Position | None) -> int | None:
    if one is None or other is None:
        return None
    return round(haversine_m(one.lat, one.lon, other.lat, other.lon))


# Whether a placement's positions and events have left the console for an archive (retention
# answers: C. pénit. R. 631-11). An entry receives (pairing, now) and returns True if archived.
archived: Registry[Callable[..., bool]] = Registry("egide.monitoring.map.archived")


def is_archived(pairing, now: datetime) -> bool:
    return any(entry(pairing, now) for entry in archived.entries())


def facts_for(incident, membership, now: datetime) -> PairingMap | None:
    """The map's facts for an incident, or None when it has nothing to place (an archived
    placement's positions included)."""
    if incident.pairing is not None:
        if is_archived(incident.pairing, now):
            return None
        return pairing_map(incident, membership, now)
    if incident.device is None:
        return None
    victim_shown = perms.can_see_victim_position(membership, incident)
    return PairingMap(
        perpetrator=None,
        victim=latest_position(incident.device.device_id, now) if victim_shown else None,
        victim_shown=victim_shown,
        alert_m=None,
        prealert_m=None,
        zones=[],
        distance_m=None,
        victim_device=incident.device.device_id,
    )


def pairing_map(incident, membership, now: datetime) -> PairingMap:
    pairing = incident.pairing
    victim_shown = perms.can_see_victim_position(membership, incident)
    perpetrator = latest_position(pairing.perpetrator_device.device_id, now)
    victim = latest_position(pairing.victim_device.device_id, now)
    zones = [
        Zone(
            engine_zone_id(zone),
            zone.label,
            zone.is_victim_home,
            float(zone.latitude),
            float(zone.longitude),
            zone.alert_m,
            zone.prealert_m,
        )
        for zone in pairing.zones.all()
        if victim_shown or not zone.is_victim_home
    ]
    return PairingMap(
        perpetrator=perpetrator,
        victim=victim if victim_shown else None,
        victim_shown=victim_shown,
        alert_m=pairing.alert_m,
        prealert_m=pairing.prealert_m,
        zones=zones,
        distance_m=_distance(perpetrator, victim),
        victim_device=pairing.victim_device.device_id,
        distance_at=min(perpetrator.at, victim.at) if perpetrator and victim else None,
    )
