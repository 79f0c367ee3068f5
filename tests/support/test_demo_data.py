"""The support demo data loads twice without duplicates, and the CAF agent finds work waiting."""

import pytest

from egide.demo.seed import seed
from egide.support.choices import AidStatus
from egide.support.demo import DEMO_AID_REQUESTS, DEMO_SHELTERS
from egide.support.models import EmergencyAidRequest, Shelter

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_fills_the_caf_inbox(settings):
    settings.DEMO = True
    seed()
    seed()
    assert Shelter.objects.count() == len(DEMO_SHELTERS)
    inbox = EmergencyAidRequest.objects.filter(caisse__name="CAF de l'Eure")
    assert inbox.count() == len(DEMO_AID_REQUESTS)
    assert set(inbox.values_list("status", flat=True)) == {AidStatus.RECEIVED, AidStatus.GRANTED}
