"""JSON API of eviction housing: the same querysets, rules, masking and audit as the pages.

The operator reads its places and the requests addressed to it (minimal identity, court, dates)
and moves a request on; the parquet or the judge asks for housing on a case of their court.
A place too close to the victim is a 422 whose message names no place, distance or direction.
"""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from egide.accounts.models import Agency
from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record, record_reads
from egide.cases.perms import visible_cases

from . import perms, services
from .choices import DepartureReason, LegalBasis
from .views import COURT_FIELDS, OPERATOR_FIELDS

router = Router(tags=["eviction"])


class PlaceOut(Schema):
    id: int
    label: str
    address: str
    commune: str
    capacity: int
    available: bool
    occupied: int
    free: int


class HousingRequestOut(Schema):
    id: int
    status: str
    perpetrator_first_name: str = Field(alias="perpetrator.first_name")
    perpetrator_last_name: str = Field(alias="perpetrator.last_name")
    perpetrator_birth_date: date | None = Field(alias="perpetrator.birth_date")
    court: str
    legal_basis: str
    leave_by: date
    obligation_reference: str
    place_id: int | None = None
    requested_at: datetime
    confirmed_at: datetime | None = None
    arrived_at: datetime | None = None
    departed_at: datetime | None = None
    departure_reason: str

    @staticmethod
    def resolve_court(obj) -> str:
        return str(obj.court)


class HousingRequestIn(Schema):
    operator_id: int
    legal_basis: LegalBasis
    leave_by: date
    obligation_reference: str = Field(default="", max_length=64)


class ProposeIn(Schema):
    place_id: int


class DepartureIn(Schema):
    reason: DepartureReason
    note: str = Field(default="", max_length=500)


def _fields(request) -> list[str]:
    return OPERATOR_FIELDS if request.membership.role == Role.HOUSING_OPERATOR else COURT_FIELDS


@router.get("/places", response=list[PlaceOut])
def places(request):
    """The operator's places with their occupancy (an empty list for any other role)."""
    return list(perms.with_occupancy(perms.places_for(request.membership)))


@router.get("/requests", response=list[HousingRequestOut])
def requests(request):
    """The requests addressed to the operator, or those of the court of a parquet or judge."""
    rows = perms.requests_for(request.membership).select_related("perpetrator", "court")
    return record_reads(request.actor, rows, _fields(request))


def _visible(request, request_id):
    housing_request = get_object_or_404(
        perms.requests_for(request.membership).select_related("perpetrator", "court"),
        pk=request_id,
    )
    record(request.actor, Action.READ, housing_request, fields=_fields(request))
    return housing_request


@router.get("/requests/{int:request_id}", response=HousingRequestOut)
def request_detail(request, request_id: int):
    return _visible(request, request_id)


@router.post("/cases/{int:case_id}/requests", response={201: HousingRequestOut})
def request_housing(request, case_id: int, payload: HousingRequestIn):
    """The parquet or the judge of the case's court asks an operator to house its perpetrator."""
    case = get_object_or_404(visible_cases(request.membership), pk=case_id)
    data = payload.dict()
    operator = get_object_or_404(Agency, pk=data.pop("operator_id"))
    return Status(201, services.request_housing(request.actor, case, operator=operator, **data))


@router.post("/requests/{int:request_id}/propose", response=HousingRequestOut)
def propose(request, request_id: int, payload: ProposeIn):
    """422 when the place is too close to the victim, closed or full; nothing changes."""
    housing_request = _visible(request, request_id)
    place = get_object_or_404(perms.places_for(request.membership), pk=payload.place_id)
    return services.propose_place(request.actor, housing_request, place)


@router.post("/requests/{int:request_id}/confirm", response=HousingRequestOut)
def confirm(request, request_id: int):
    return services.confirm_allocation(request.actor, _visible(request, request_id))


@router.post("/requests/{int:request_id}/arrival", response=HousingRequestOut)
def arrival(request, request_id: int):
    return services.record_arrival(request.actor, _visible(request, request_id))


@router.post("/requests/{int:request_id}/departure", response=HousingRequestOut)
def departure(request, request_id: int, payload: DepartureIn):
    return services.record_departure(request.actor, _visible(request, request_id), **payload.dict())
