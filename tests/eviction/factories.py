"""Eviction-housing builders: an operator, its places at a given distance from a point, a
request of the parquet for a case's perpetrator."""

import datetime
import math

from django.utils import timezone

from egide import geocoding
from egide.accounts.roles import AgencyKind, Role
from egide.eviction.choices import LegalBasis
from egide.eviction.models import HousingPlace, HousingRequest
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

METRES_PER_DEGREE_LATITUDE = 111_195


def housing_operator(departement="27", agency=None):
    agency = agency or AgencyFactory(kind=AgencyKind.EVICTION_HOUSING, departement=departement)
    return MembershipFactory(role=Role.HOUSING_OPERATOR, agency=agency)


def victim_home(case):
    """Where the platform locates her home (the offline geocoder, as the services do)."""
    return geocoding.geocode(case.victim.address)


def north_of(latitude, longitude, metres):
    """A point `metres` due north (the haversine of a pure latitude shift is exact)."""
    return latitude + math.degrees(metres / 6_371_008.8), longitude


def place(operator, *, at=(49.0889, 0.5983), capacity=1, **overrides) -> HousingPlace:
    """A place of `operator`'s agency; by default in Bernay, 40 km from Évreux."""
    fields = {
        "label": f"Studio {HousingPlace.objects.count() + 1}",
        "address": "14 rue Thiers, 27300 Bernay",
        "commune": "Bernay",
        "departement": operator.agency.departement,
        "latitude": round(at[0], 6),
        "longitude": round(at[1], 6),
        "capacity": capacity,
    }
    fields.update(overrides)
    return HousingPlace.objects.create(operator=operator.agency, **fields)


def housing_request(case=None, operator=None, **overrides) -> HousingRequest:
    case = case or CaseFactory()
    operator = operator or housing_operator(case.departement)
    fields = {
        "perpetrator": case.perpetrator,
        "court": case.court,
        "legal_basis": LegalBasis.JUDICIAL_SUPERVISION,
        "leave_by": timezone.localdate() + datetime.timedelta(days=2),
        "requested_by": UserFactory(),
        "requested_role": Role.PROSECUTOR,
    }
    fields.update(overrides)
    return HousingRequest.objects.create(case=case, operator=operator.agency, **fields)
