"""From a postal address to a position, through the Base Adresse Nationale (BAN) — or offline.

Contract:
- `geocode(address)` returns a `Position` (the BAN's label, latitude, longitude) or None when the
  address is not found precisely enough (a street at least: a town centre is no forbidden place).
- `GeocodingUnavailable` is raised when the BAN does not answer; callers tell the user to retry.
- `locate(address)` is `geocode` for a form or a service: the position, or a `RuleError` telling
  the user to retry later or to give a more precise address.
- Settings: `GEOCODER_URL` (env EGIDE_GEOCODER_URL), the BAN search endpoint (its `/search/`
  API, or a self-hosted addok with the same answers); `GEOCODER_OFFLINE` (env
  EGIDE_GEOCODER_OFFLINE, on unless EGIDE_ENV=production) answers from the demo extract instead:
  the demo and the tests never reach the internet.
- The demo extract: the communes of the demo département (egide/directory/data/communes.csv) and
  the demo's named places; a street address in one of those communes gets a stable position
  derived from its text, within about a kilometre of the town centre. It is demo data, not a map.
- Nothing is logged: an address may be a victim's.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import urlopen

from django.conf import settings
from django.utils.translation import gettext as _

from egide.directory.places import normalise, place_in_address
from egide.errors import RuleError

TIMEOUT_SECONDS = 5
# BAN result types precise enough to draw a forbidden place (not "municipality").
PRECISE_TYPES = ("housenumber", "street", "locality")
MIN_SCORE = 0.5
STREET_NUMBER = re.compile(r"^\s*\d+")
# Named places of the demo (schools, workplaces) that its orders and bracelets use.
DEMO_PLACES = {
    "ecole elementaire jean moulin evreux": (49.0302, 1.1609),
    "lycee aristide briand evreux": (49.0270, 1.1510),
    "hopital d evreux": (49.0155, 1.1289),
}
# About a kilometre around the town centre, in degrees, for the demo's street addresses.
DEMO_SPREAD_DEGREES = 0.009


class GeocodingUnavailable(Exception):
    """The address service did not answer."""


@dataclass(frozen=True)
class Position:
    label: str
    latitude: float
    longitude: float


def geocode(address: str) -> Position | None:
    address = (address or "").strip()
    if not address:
        return None
    if settings.GEOCODER_OFFLINE:
        return _from_demo_extract(address)
    return _from_ban(address)


def locate(address: str) -> Position:
    """The address's position; RuleError (for the user) when the service does not answer or the
    address is not found precisely enough."""
    try:
        position = geocode(address)
    except GeocodingUnavailable as error:
        raise RuleError(_("Le service d'adresses ne répond pas : réessayez plus tard.")) from error
    if position is None:
        raise RuleError(_("Adresse introuvable : précisez le numéro, la rue et la commune."))
    return position


def _from_ban(address: str) -> Position | None:
    url = f"{settings.GEOCODER_URL}?{urlencode({'q': address, 'limit': 1})}"
    try:
        with urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (configured https URL)
            answer = json.load(response)
    except (URLError, TimeoutError, ValueError) as error:
        raise GeocodingUnavailable from error
    for feature in answer.get("features", [])[:1]:
        properties = feature.get("properties", {})
        if properties.get("type") in PRECISE_TYPES and properties.get("score", 0) >= MIN_SCORE:
            longitude, latitude = feature["geometry"]["coordinates"]
            return Position(properties.get("label", address), latitude, longitude)
    return None


def _from_demo_extract(address: str) -> Position | None:
    wanted = normalise(address)
    for name, (latitude, longitude) in DEMO_PLACES.items():
        if wanted.startswith(name) or name in wanted:
            return Position(address, latitude, longitude)
    town = place_in_address(address)
    if town is None or "," not in address or not STREET_NUMBER.match(address):
        return None
    digest = hashlib.sha256(wanted.encode()).digest()
    offset_lat = (digest[0] / 255 - 0.5) * 2 * DEMO_SPREAD_DEGREES
    offset_lon = (digest[1] / 255 - 0.5) * 2 * DEMO_SPREAD_DEGREES
    return Position(
        address, round(town.latitude + offset_lat, 6), round(town.longitude + offset_lon, 6)
    )
