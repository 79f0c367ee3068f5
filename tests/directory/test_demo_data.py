"""The bundled sample loads offline, twice without duplicates, and search works on it."""

import pytest

from egide.directory.demo import populate
from egide.directory.models import Structure
from egide.directory.places import find_place
from egide.directory.search import nearest

pytestmark = pytest.mark.django_db


def test_populate_is_idempotent_and_searchable():
    populate()
    count = Structure.objects.count()
    populate()
    assert Structure.objects.count() == count == 49
    assert Structure.objects.filter(departement="27").count() >= 35
    near_evreux = nearest(find_place("27000"), radius_km=10)
    assert len(near_evreux) >= 8
