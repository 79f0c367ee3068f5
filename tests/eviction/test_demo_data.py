"""The demo's eviction housing loads twice without duplicates: the Eure's operator has its
places, one perpetrator housed far enough from the victim, and one request waiting."""

import pytest

from egide.demo.seed import seed
from egide.eviction.choices import RequestStatus
from egide.eviction.demo import DEMO_PLACES
from egide.eviction.models import HousingPlace, HousingRequest
from egide.support.models import Shelter

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_houses_one_perpetrator(settings):
    settings.DEMO = True
    seed()
    seed()
    assert HousingPlace.objects.count() == len(DEMO_PLACES)
    statuses = sorted(HousingRequest.objects.values_list("status", flat=True))
    assert statuses == sorted([RequestStatus.HOUSED, RequestStatus.REQUESTED])
    assert not Shelter.objects.filter(latitude__isnull=True).exists()
