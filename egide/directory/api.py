"""JSON API of the directory: nearest structures to a town or postcode (signed-in members)."""

from ninja import Router, Schema
from ninja.errors import HttpError

from .places import find_place
from .search import nearest_or_wider

router = Router(tags=["directory"])


class NearbyOut(Schema):
    id: int
    name: str
    kind: str
    address: str
    postcode: str
    commune: str
    phone: str
    services: list[str]
    distance_km: float


@router.get("/nearby", response=list[NearbyOut])
def nearby(request, q: str):
    place = find_place(q[:100])
    if place is None:
        raise HttpError(404, "unknown town or postcode")
    found, _radius = nearest_or_wider(place)
    return [
        {
            **{f: getattr(n.structure, f) for f in NearbyOut.model_fields if f != "distance_km"},
            "distance_km": round(n.distance_km, 1),
        }
        for n in found
    ]
