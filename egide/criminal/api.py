"""JSON API of criminal proceedings: the same querysets, rules and audit as the pages.

- GET /criminal/cases/{id}/obligations: the court and the police (perms.criminal_cases);
- GET /criminal/followed: the probation service's people, obligations and releases, without
  any place or person designated (the victim's data never reaches the SPIP);
- POST /criminal/cases/{id}/releases: the procureur, a judge or the following SPIP.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from egide.audit.choices import Action
from egide.audit.services import record, record_reads

from . import perms, services
from .choices import ReleaseKind
from .views import COURT_OBLIGATION_FIELDS, OBLIGATION_FIELDS

router = Router(tags=["criminal"])


class ObligationOut(Schema):
    """What the SPIP may read of an obligation."""

    id: int
    kind: str
    article: str
    starts_on: date
    ends_on: date | None
    ordering_agency: str
    ordering_role: str

    @staticmethod
    def resolve_ordering_agency(obligation) -> str:
        return obligation.ordering_agency.name


class CourtObligationOut(ObligationOut):
    persons: str
    details: str
    place_label: str


class ReleaseIn(Schema):
    kind: ReleaseKind
    on: date
    returns_on: date | None = None


class ReleaseOut(Schema):
    id: int
    kind: str
    on: date
    returns_on: date | None
    notice_channel: str


class FollowedOut(Schema):
    follow_up_id: int
    last_name: str
    first_name: str
    birth_date: date | None
    obligations: list[ObligationOut]
    releases: list[ReleaseOut]


@router.get("/cases/{int:case_id}/obligations", response=list[CourtObligationOut])
def case_obligations(request, case_id: int):
    case = get_object_or_404(perms.criminal_cases(request.membership), pk=case_id)
    obligations = perms.visible_obligations(request.membership).filter(case=case)
    return record_reads(
        request.actor, obligations.select_related("ordering_agency"), COURT_OBLIGATION_FIELDS
    )


@router.get("/followed", response=list[FollowedOut])
def followed(request):
    membership = request.membership
    if not perms.is_probation_officer(membership):
        raise PermissionDenied
    rows = []
    for follow_up in perms.visible_follow_ups(membership).select_related("case"):
        person = follow_up.case.perpetrator
        record(request.actor, Action.READ, person, fields=["last_name", "first_name"])
        obligations = perms.visible_obligations(membership).filter(case=follow_up.case)
        rows.append(
            {
                "follow_up_id": follow_up.pk,
                "last_name": person.last_name,
                "first_name": person.first_name,
                "birth_date": person.birth_date,
                "obligations": record_reads(
                    request.actor,
                    obligations.select_related("ordering_agency"),
                    OBLIGATION_FIELDS,
                ),
                "releases": list(perms.visible_releases(membership).filter(case=follow_up.case)),
            }
        )
    return rows


@router.post("/cases/{int:case_id}/releases", response={201: ReleaseOut})
def record_release(request, case_id: int, payload: ReleaseIn):
    case = get_object_or_404(perms.release_cases(request.membership), pk=case_id)
    return Status(201, services.record_release(request.actor, case, **payload.dict()))
