"""Who sees and does what in eviction housing. Deny by default; every list starts here.

- The parquet and the judge of the case's court ask for housing for its perpetrator, follow it
  (where he is housed, since when, his departure) and withdraw a request.
- The housing operator sees its own places and the requests addressed to it, with the
  perpetrator's minimal identity (name, birth date), the ordering court and the dates — never
  the case file, nor anything of the victim: where she lives is checked for it by `proximity`,
  which only answers "compatible" or not.
"""

from django.db.models import Count, F, Q

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind, Role
from egide.cases.perms import can_view_case

from .choices import AWAITING_OPERATOR, HOLDING_PLACE
from .models import HousingPlace, HousingRequest

ORDERING_ROLES = frozenset({Role.PROSECUTOR, Role.JUDGE})


def _is(membership, *roles) -> bool:
    return membership is not None and membership.role in roles


def requests_for(membership):
    if _is(membership, Role.HOUSING_OPERATOR):
        return HousingRequest.objects.filter(operator_id=membership.agency_id)
    if _is(membership, *ORDERING_ROLES):
        return HousingRequest.objects.filter(court_id=membership.agency_id)
    return HousingRequest.objects.none()


def places_for(membership):
    if _is(membership, Role.HOUSING_OPERATOR):
        return HousingPlace.objects.filter(operator_id=membership.agency_id)
    return HousingPlace.objects.none()


def with_occupancy(places):
    """Places annotated with `occupied` (confirmed or housed), `free` places and `awaiting`."""
    return places.annotate(
        occupied=Count("requests", filter=Q(requests__status__in=HOLDING_PLACE)),
        awaiting=Count("requests", filter=Q(requests__status__in=AWAITING_OPERATOR)),
    ).annotate(free=F("capacity") - F("occupied"))


def operators_for(case):
    """The eviction-housing operators a request for this case may be sent to: the département's."""
    return Agency.objects.filter(
        kind=AgencyKind.EVICTION_HOUSING, departement=case.departement, is_active=True
    )


def can_request(membership, case) -> bool:
    return (
        _is(membership, *ORDERING_ROLES)
        and case.court_id == membership.agency_id
        and can_view_case(membership, case)
    )


def can_follow(membership, housing_request) -> bool:
    return _is(membership, *ORDERING_ROLES) and housing_request.court_id == membership.agency_id


def can_operate(membership, housing_request) -> bool:
    return (
        _is(membership, Role.HOUSING_OPERATOR)
        and housing_request.operator_id == membership.agency_id
    )


def can_manage_place(membership, place) -> bool:
    return _is(membership, Role.HOUSING_OPERATOR) and place.operator_id == membership.agency_id
