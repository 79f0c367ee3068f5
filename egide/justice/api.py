"""JSON API for orders, hearings, the deadline board and breach reports: the same querysets,
rules and audit as the pages (services.py does both)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from egide.audit.choices import Action
from egide.audit.services import record, record_reads
from egide.cases.perms import visible_cases

from . import board, linking, perms, services, views
from .choices import (
    BreachKind,
    BreachOutcome,
    BreachSource,
    Decision,
    HearingKind,
    MeasureKind,
    NotificationMethod,
    NotificationRecipient,
    ProceedingKind,
    RequestedBy,
)
from .services import MeasureData

router = Router(tags=["justice"])


class MeasureIn(Schema):
    kind: MeasureKind
    persons: str = ""
    details: str = ""
    place_label: str = ""
    is_victim_home: bool = False
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    parental_authority: str = ""
    visiting_rights: str = ""
    election_of_domicile: str = ""


class MeasureOut(Schema):
    kind: str
    persons: str
    details: str
    place_label: str
    is_victim_home: bool
    parental_authority: str
    visiting_rights: str


class OrderOut(Schema):
    id: int
    case_id: int
    case_reference: str = Field(alias="case.reference")
    status: str
    requested_at: datetime
    hearing_at: datetime | None = None
    decision_due_at: datetime | None = None
    decided_at: datetime | None = None
    notified_at: datetime | None = None
    measures: list[MeasureOut]


class OrderDetailOut(OrderOut):
    ends_at: datetime | None = None


class OrderRequestIn(Schema):
    requested_by: RequestedBy
    victim_consent: bool = False


class ConsentIn(Schema):
    victim_consent: bool


class HearingIn(Schema):
    """A hearing's slot; the judge, named by id, must sit in the case's court."""

    hearing_at: datetime
    judge_id: int | None = None
    room: str = Field(default="", max_length=60)


class ScheduleHearingIn(HearingIn):
    kind: HearingKind


class LinkedHearingsIn(HearingIn):
    judge_id: int
    # Keys from GET linked-proceedings; every proceeding the member may schedule when omitted.
    proceedings: list[str] | None = None


class HearingOut(Schema):
    id: int
    case_id: int
    kind: str
    at: datetime
    judge_id: int | None
    room: str
    protection_order_id: int | None
    family_proceeding_id: int | None


class LinkedProceedingOut(Schema):
    key: str
    kind: str
    case_id: int
    case_reference: str
    hearing: HearingOut | None


class LinkedProceedingsOut(Schema):
    aligned: bool
    proceedings: list[LinkedProceedingOut]


class DecisionIn(Schema):
    decision: Decision
    measures: list[MeasureIn] = []
    reasons: str = Field(min_length=1)


class ModificationIn(Schema):
    measures: list[MeasureIn] = Field(min_length=1)


class LiftIn(Schema):
    reason: str = Field(min_length=1)


class FamilyProceedingIn(Schema):
    kind: ProceedingKind
    filed_on: date
    decided_on: date | None = None


class FamilyProceedingOut(Schema):
    id: int
    case_id: int
    kind: str
    filed_on: date
    decided_on: date | None


class AutomaticSuspensionIn(Schema):
    prosecuted_on: date


class ChildMeasureOut(Schema):
    id: int
    case_id: int
    basis: str
    parental_authority: str
    visiting_rights: str
    starts_at: datetime
    ends_at: datetime | None


class NotificationIn(Schema):
    recipient: NotificationRecipient
    method: NotificationMethod
    notified_at: datetime | None = None


class BoardItemOut(Schema):
    kind: str
    label: str
    case_reference: str
    due_at: datetime | None
    overdue: bool


class BreachIn(Schema):
    kind: BreachKind
    source: BreachSource
    occurred_at: datetime
    description: str = Field(min_length=1)
    evidence: str = ""


class BreachDecisionIn(Schema):
    outcome: BreachOutcome
    details: str = ""


class BreachOut(Schema):
    id: int
    case_id: int
    kind: str
    source: str
    occurred_at: datetime
    description: str
    evidence: str
    acknowledgement_due_at: datetime
    acknowledged_at: datetime | None
    outcome: str
    escalated_at: datetime | None


def visible_order(request, order_id: int):
    return get_object_or_404(perms.visible_orders(request.membership), pk=order_id)


def visible_oppi(request, oppi_id: int):
    return get_object_or_404(perms.visible_immediate_orders(request.membership), pk=oppi_id)


def justice_case(request, case_id: int):
    """The case as the court's pages fetch it: 403 for roles without justice, 404 if not seen."""
    return views.justice_case(request, case_id)


def measures_of(payload: DecisionIn | ModificationIn) -> list[MeasureData]:
    return [MeasureData(**measure.dict()) for measure in payload.measures]


def slot_of(case, payload: HearingIn) -> dict:
    """The hearing's date, judge and room as the services take them."""
    judge = services.court_judge(case.court, payload.judge_id)
    return {"hearing_at": payload.hearing_at, "judge": judge, "room": payload.room}


def linked_out(request, case) -> dict:
    proceedings = linking.linked_proceedings(case, request.membership)
    record(request.actor, Action.READ, case, fields=["justice.linked_proceedings"])
    return {
        "aligned": linking.is_aligned(proceedings),
        "proceedings": [
            {
                "key": p.key,
                "kind": p.kind,
                "case_id": p.case.pk,
                "case_reference": p.case.reference,
                "hearing": p.hearing,
            }
            for p in proceedings
        ],
    }


@router.get("/orders", response=list[OrderOut])
def list_orders(request):
    orders = perms.visible_orders(request.membership).select_related("case")
    return record_reads(
        request.actor, orders.prefetch_related("measures")[:200], fields=["measures"]
    )


@router.get("/orders/{int:order_id}", response=OrderDetailOut)
def get_order(request, order_id: int):
    order = visible_order(request, order_id)
    record(request.actor, Action.READ, order, fields=["measures"])
    return order


@router.post("/cases/{int:case_id}/orders", response={201: OrderDetailOut})
def request_order(request, case_id: int, payload: OrderRequestIn):
    case = get_object_or_404(visible_cases(request.membership), pk=case_id)
    return Status(201, services.request_order(request.actor, case, **payload.dict()))


@router.post("/orders/{int:order_id}/immediate-orders", response={201: OrderOut})
def request_immediate_order(request, order_id: int, payload: ConsentIn):
    order = visible_order(request, order_id)
    return Status(201, services.request_immediate_order(request.actor, order, **payload.dict()))


@router.post("/orders/{int:order_id}/hearing", response=OrderDetailOut)
def set_hearing(request, order_id: int, payload: HearingIn):
    order = visible_order(request, order_id)
    slot = slot_of(order.case, payload)
    services.set_hearing(request.actor, order, **slot)
    return order


@router.post("/orders/{int:order_id}/decision", response=OrderDetailOut)
def decide_order(request, order_id: int, payload: DecisionIn):
    order = visible_order(request, order_id)
    return services.decide_order(
        request.actor,
        order,
        decision=payload.decision,
        measures=measures_of(payload),
        reasons=payload.reasons,
    )


@router.post("/orders/{int:order_id}/notification", response=OrderDetailOut)
def notify_order(request, order_id: int, payload: NotificationIn):
    order = visible_order(request, order_id)
    services.notify_order(request.actor, order, **payload.dict())
    return order


@router.post("/orders/{int:order_id}/modification", response=OrderDetailOut)
def modify_order(request, order_id: int, payload: ModificationIn):
    order = visible_order(request, order_id)
    return services.modify_order(request.actor, order, measures=measures_of(payload))


@router.post("/orders/{int:order_id}/lifting", response=OrderDetailOut)
def lift_order(request, order_id: int, payload: LiftIn):
    order = visible_order(request, order_id)
    return services.lift_order(request.actor, order, reason=payload.reason)


@router.get("/hearings", response=list[HearingOut])
def list_hearings(request, case_id: int | None = None):
    """The hearings of the member's court (or unit), of one case when `case_id` is given."""
    hearings = perms.visible_hearings(request.membership)
    if case_id is not None:
        hearings = hearings.filter(case_id=case_id)
    return list(hearings[:200])


@router.post("/cases/{int:case_id}/hearings", response={201: HearingOut})
def schedule_hearing(request, case_id: int, payload: ScheduleHearingIn):
    case = justice_case(request, case_id)
    slot = slot_of(case, payload)
    return Status(201, services.schedule_hearing(request.actor, case, kind=payload.kind, **slot))


@router.get("/cases/{int:case_id}/linked-proceedings", response=LinkedProceedingsOut)
def linked_proceedings(request, case_id: int):
    """The couple's proceedings across case files: the greffe's linked-hearings screen."""
    case = justice_case(request, case_id)
    if not perms.can_set_hearing(request.membership, case):
        raise PermissionDenied
    return linked_out(request, case)


@router.post("/cases/{int:case_id}/linked-hearings", response=LinkedProceedingsOut)
def schedule_linked_hearings(request, case_id: int, payload: LinkedHearingsIn):
    case = justice_case(request, case_id)
    if not perms.can_set_hearing(request.membership, case):
        raise PermissionDenied
    proceedings = linking.linked_proceedings(case, request.membership)
    slot = slot_of(case, payload)
    chosen = (
        linking.schedulable(proceedings, request.membership)
        if payload.proceedings is None
        else linking.pick(proceedings, payload.proceedings)
    )
    services.schedule_linked_hearings(request.actor, chosen, **slot)
    return linked_out(request, case)


@router.get("/cases/{int:case_id}/family-proceedings", response=list[FamilyProceedingOut])
def list_family_proceedings(request, case_id: int):
    case = justice_case(request, case_id)
    return list(case.family_proceedings.all())


@router.post("/cases/{int:case_id}/family-proceedings", response={201: FamilyProceedingOut})
def record_family_proceeding(request, case_id: int, payload: FamilyProceedingIn):
    """A divorce or parental-authority case: the couple's orders in force are extended."""
    case = justice_case(request, case_id)
    return Status(201, services.record_family_proceeding(request.actor, case, **payload.dict()))


@router.get("/cases/{int:case_id}/child-measures", response=list[ChildMeasureOut])
def list_child_measures(request, case_id: int):
    case = justice_case(request, case_id)
    return list(case.child_measures.all())


@router.post("/cases/{int:case_id}/automatic-suspensions", response={201: ChildMeasureOut})
def record_automatic_suspension(request, case_id: int, payload: AutomaticSuspensionIn):
    case = justice_case(request, case_id)
    return Status(201, services.record_automatic_suspension(request.actor, case, **payload.dict()))


@router.get("/immediate-orders/{int:oppi_id}", response=OrderOut)
def get_immediate_order(request, oppi_id: int):
    oppi = visible_oppi(request, oppi_id)
    record(request.actor, Action.READ, oppi, fields=["measures"])
    return oppi


@router.post("/immediate-orders/{int:oppi_id}/decision", response=OrderOut)
def decide_immediate_order(request, oppi_id: int, payload: DecisionIn):
    oppi = visible_oppi(request, oppi_id)
    return services.decide_immediate_order(
        request.actor,
        oppi,
        decision=payload.decision,
        measures=measures_of(payload),
        reasons=payload.reasons,
    )


@router.post("/immediate-orders/{int:oppi_id}/notification", response=OrderOut)
def notify_immediate_order(request, oppi_id: int, payload: NotificationIn):
    oppi = visible_oppi(request, oppi_id)
    services.notify_order(request.actor, oppi, **payload.dict())
    return oppi


@router.get("/deadlines", response=list[BoardItemOut])
def deadlines(request):
    if request.membership.role not in perms.COURT_ROLES:
        raise PermissionDenied
    now = timezone.now()
    return [
        {
            "kind": item.kind,
            "label": str(item.label),
            "case_reference": item.case_reference,
            "due_at": item.due_at,
            "overdue": item.is_overdue(now),
        }
        for item in board.board_items(request.membership)
    ]


@router.get("/breaches", response=list[BreachOut])
def list_breaches(request):
    breaches = perms.visible_breaches(request.membership)
    return record_reads(request.actor, breaches[:200], fields=["description", "evidence"])


@router.post("/cases/{int:case_id}/breaches", response={201: BreachOut})
def report_breach(request, case_id: int, payload: BreachIn):
    case = get_object_or_404(visible_cases(request.membership), pk=case_id)
    if not perms.can_report_breach(request.membership, case):
        raise PermissionDenied
    if payload.occurred_at > timezone.now():
        raise ValidationError({"occurred_at": _("Cette date ne peut pas être dans le futur.")})
    return Status(201, services.report_breach(case, actor=request.actor, **payload.dict()))


@router.post("/breaches/{int:breach_id}/acknowledgement", response=BreachOut)
def acknowledge_breach(request, breach_id: int, payload: BreachDecisionIn):
    breach = get_object_or_404(perms.visible_breaches(request.membership), pk=breach_id)
    return services.acknowledge_breach(request.actor, breach, **payload.dict())
