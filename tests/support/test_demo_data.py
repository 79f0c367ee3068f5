"""The support demo data loads twice without duplicates."""

import pytest

from egide.accounts.roles import AgencyKind
from egide.support.demo import DEMO_SHELTERS, populate
from egide.support.models import Shelter
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


class Context:
    def __init__(self):
        self.agencies = {"shelter_eure": AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR)}


def test_populate_is_idempotent():
    context = Context()
    populate(context)
    populate(context)
    assert Shelter.objects.count() == len(DEMO_SHELTERS)
