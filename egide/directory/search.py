"""Nearest structures: a bounding box in SQL narrows the rows, the exact distance sorts them."""

from dataclasses import dataclass

from .models import Structure
from .places import bounding_box, haversine_km

DEFAULT_RADIUS_KM = 30
WIDER_RADIUS_KM = 80
DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class Nearby:
    structure: Structure
    distance_km: float


def nearest(place, structures=None, radius_km=DEFAULT_RADIUS_KM, limit=DEFAULT_LIMIT):
    """Structures within `radius_km` of `place`, nearest first."""
    structures = Structure.objects.all() if structures is None else structures
    min_lat, max_lat, min_lon, max_lon = bounding_box(place.latitude, place.longitude, radius_km)
    candidates = structures.filter(
        latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
    )
    found = [
        Nearby(s, haversine_km(place.latitude, place.longitude, s.latitude, s.longitude))
        for s in candidates
    ]
    found = sorted((n for n in found if n.distance_km <= radius_km), key=lambda n: n.distance_km)
    return found[:limit]


def nearest_or_wider(place, structures=None, limit=DEFAULT_LIMIT):
    """Nearby structures, looking further when nothing is close (rural areas)."""
    found = nearest(place, structures, DEFAULT_RADIUS_KM, limit)
    if found:
        return found, DEFAULT_RADIUS_KM
    return nearest(place, structures, WIDER_RADIUS_KM, limit), WIDER_RADIUS_KM
