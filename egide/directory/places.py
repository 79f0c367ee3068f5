"""From a town name or a postcode to coordinates, and distances between points — offline.

The bundled table (data/communes.csv) covers the demo département (Eure, 27) and a few towns
elsewhere; a deployment replaces it with the full INSEE / La Poste table in the same format.
"""

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

COMMUNES_FILE = Path(__file__).parent / "data" / "communes.csv"
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.32
POSTCODE = re.compile(r"\b(\d{5})\b")


@dataclass(frozen=True)
class Place:
    name: str
    postcode: str
    departement: str
    latitude: float
    longitude: float


def normalise(text: str) -> str:
    """'  Saint-André-de-l’Eure ' → 'saint andre de l eure'; 'St' and 'Ste' spelled out."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"[a-z0-9]+", plain)
    spelled = {"st": "saint", "ste": "sainte"}
    return " ".join(spelled.get(word, word) for word in words)


@cache
def _table() -> tuple[Place, ...]:
    with COMMUNES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Place(
                row["name"],
                row["postcode"],
                row["departement"],
                float(row["latitude"]),
                float(row["longitude"]),
            )
            for row in csv.DictReader(handle)
        )


# "27 000", as postcodes are often written: the space goes.
SPACED_POSTCODE = re.compile(r"\b(\d{2})[ \u00a0\u202f](\d{3})\b")


def find_place(query: str) -> Place | None:
    """The commune named or whose postcode is in `query`; None when unknown."""
    query = SPACED_POSTCODE.sub(r"\1\2", (query or "").strip())
    if not query:
        return None
    match = POSTCODE.search(query)
    if match:
        found = [place for place in _table() if place.postcode == match.group(1)]
        if found:
            return found[0]
    wanted = normalise(POSTCODE.sub("", query))
    return next((place for place in _table() if normalise(place.name) == wanted), None)


def place_in_address(address: str) -> Place | None:
    """The commune of a postal address: its postcode, else its last comma-separated part."""
    match = POSTCODE.search(address or "")
    if match and (place := find_place(match.group(1))):
        return place
    last_part = (address or "").rsplit(",", 1)[-1]
    return find_place(last_part)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) enclosing the circle; slightly larger, never smaller."""
    d_lat = radius_km / KM_PER_DEGREE_LATITUDE
    cos_lat = max(math.cos(math.radians(lat)), 0.01)
    d_lon = radius_km / (KM_PER_DEGREE_LATITUDE * cos_lat)
    return lat - d_lat, lat + d_lat, lon - d_lon, lon + d_lon
