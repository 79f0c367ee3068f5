"""Search by town or postcode, nearest first, within a radius (bounding box, then exact)."""

import pytest

from egide.directory.places import bounding_box, find_place, haversine_km
from egide.directory.search import nearest, nearest_or_wider

from .helpers import structure

pytestmark = pytest.mark.django_db


def test_places_by_name_or_postcode():
    assert find_place("27000").name == "Évreux"
    assert find_place("evreux").postcode == "27000"
    assert find_place("St André de l'Eure").postcode == "27220"
    assert find_place("Pont-Audemer 27500").name == "Pont-Audemer"
    assert find_place("Atlantis") is None
    assert find_place("") is None


def test_haversine_evreux_vernon():
    assert haversine_km(49.0241, 1.1508, 49.0929, 1.4846) == pytest.approx(25.5, abs=0.5)


def test_bounding_box_contains_the_circle():
    min_lat, max_lat, min_lon, max_lon = bounding_box(49.0, 1.0, 30)
    assert haversine_km(49.0, 1.0, max_lat, 1.0) >= 29.9
    assert haversine_km(49.0, 1.0, 49.0, max_lon) >= 29.9


def test_nearest_first_within_the_radius():
    structure("Évreux", 49.0241, 1.1508)
    structure("Vernon", 49.0929, 1.4846)
    structure("Caen", 49.1829, -0.3707)
    found = nearest(find_place("27000"), radius_km=30)
    assert [n.structure.name for n in found] == ["Évreux", "Vernon"]
    assert found[0].distance_km < 0.1


def test_the_box_corner_is_outside_the_circle():
    # 25 km north and 25 km east is in the 30 km box but 35 km away.
    structure("Corner", 49.0241 + 25 / 111.32, 1.1508 + 25 / (111.32 * 0.6554))
    assert nearest(find_place("27000"), radius_km=30) == []


def test_search_widens_when_nothing_is_near():
    structure("Caen", 49.1829, -0.3707)
    found, radius = nearest_or_wider(find_place("14100"))
    assert radius == 80
    assert [n.structure.name for n in found] == ["Caen"]
