"""JSON API of perpetrator programmes: the CPCA's orders, enrolments, sessions and reports, and
the ordering authority's reports. Same querysets, services and audit as the pages; the answers
carry the person's identity and the CPCA's records, never anything of the victim or the case."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from egide.audit.choices import Action
from egide.audit.services import record, record_reads

from . import perms, programmes
from .choices import Attendance, ModuleKind, SessionKind
from .models import Session

router = Router(tags=["perpetrators"])


class OrderOut(Schema):
    id: int
    basis: str
    ordered_on: date
    ordering_agency: str = Field(alias="ordering_agency.name")
    ordering_role: str
    cpca: str = Field(alias="cpca.name")
    last_name: str = Field(alias="person.last_name")
    first_name: str = Field(alias="person.first_name")
    obligation_reference: str


class EnrolIn(Schema):
    enrolled_on: date
    phone: str = Field(default="", max_length=32)


class SessionOut(Schema):
    id: int
    module: str = Field(alias="module.kind")
    kind: str
    starts_at: datetime
    attendance: str


class ReportOut(Schema):
    id: int
    enrolment_id: int
    kind: str
    event_at: datetime
    due_by: datetime
    note: str
    sent_at: datetime | None
    acknowledged_at: datetime | None


class EnrolmentOut(Schema):
    id: int
    origin: str
    status: str
    order_id: int | None
    last_name: str
    first_name: str
    birth_date: date | None
    phone: str
    enrolled_on: date
    ended_on: date | None


class EnrolmentDetailOut(EnrolmentOut):
    modules: list[str]
    sessions: list[SessionOut]
    reports: list[ReportOut]

    @staticmethod
    def resolve_modules(enrolment) -> list[str]:
        return [module.kind for module in enrolment.modules.all()]

    @staticmethod
    def resolve_sessions(enrolment) -> list:
        return list(Session.objects.filter(module__enrolment=enrolment).select_related("module"))

    @staticmethod
    def resolve_reports(enrolment) -> list:
        return list(enrolment.reports.all())


class SessionIn(Schema):
    module: ModuleKind
    kind: SessionKind
    starts_at: datetime


class AttendanceIn(Schema):
    attendance: Attendance


class ReportIn(Schema):
    note: str = Field(default="", max_length=4000)


ORDER_FIELDS = ["person", "basis"]
IDENTITY = ["first_name", "last_name", "birth_date", "phone"]


def _cpca_or_authority(membership) -> None:
    if not (perms.is_cpca(membership) or perms.is_ordering_authority(membership)):
        raise PermissionDenied


@router.get("/orders", response=list[OrderOut])
def list_orders(request):
    """The CPCA's orders to attend; for a procureur, judge or SPIP, the orders it gave."""
    membership = request.membership
    _cpca_or_authority(membership)
    if perms.is_cpca(membership):
        orders = perms.cpca_orders(membership)
    else:
        orders = perms.orders_given(membership)
    shown = orders.select_related("person", "ordering_agency", "cpca")[:200]
    return record_reads(request.actor, shown, fields=ORDER_FIELDS)


@router.post("/orders/{int:order_id}/enrolment", response={201: EnrolmentOut})
def enrol_order(request, order_id: int, payload: EnrolIn):
    order = get_object_or_404(perms.cpca_orders(request.membership), pk=order_id)
    return Status(201, programmes.enrol_ordered(request.actor, order, **payload.dict()))


@router.get("/enrolments", response=list[EnrolmentOut])
def list_enrolments(request):
    if not perms.is_cpca(request.membership):
        raise PermissionDenied
    shown = perms.visible_enrolments(request.membership)[:200]
    return record_reads(request.actor, shown, fields=IDENTITY)


def _enrolment(request, enrolment_id):
    return get_object_or_404(perms.visible_enrolments(request.membership), pk=enrolment_id)


@router.get("/enrolments/{int:enrolment_id}", response=EnrolmentDetailOut)
def get_enrolment(request, enrolment_id: int):
    enrolment = _enrolment(request, enrolment_id)
    record(request.actor, Action.READ, enrolment, fields=[*IDENTITY, "sessions"])
    return enrolment


@router.post("/enrolments/{int:enrolment_id}/sessions", response={201: SessionOut})
def plan_session(request, enrolment_id: int, payload: SessionIn):
    enrolment = _enrolment(request, enrolment_id)
    return Status(201, programmes.plan_session(request.actor, enrolment, **payload.dict()))


@router.post("/sessions/{int:session_id}/attendance", response=SessionOut)
def record_attendance(request, session_id: int, payload: AttendanceIn):
    sessions = perms.visible_sessions(request.membership).select_related("module__enrolment")
    session = get_object_or_404(sessions, pk=session_id)
    return programmes.record_attendance(request.actor, session, payload.attendance)


@router.get("/reports", response=list[ReportOut])
def list_reports(request):
    """The CPCA's reports (sent or owed); for an ordering authority, the reports it received."""
    membership = request.membership
    _cpca_or_authority(membership)
    if perms.is_cpca(membership):
        reports = perms.cpca_reports(membership)
    else:
        reports = perms.reports_received(membership)
    return record_reads(request.actor, reports[:200], fields=["note"])


@router.post("/reports/{int:report_id}/sending", response=ReportOut)
def send_report(request, report_id: int, payload: ReportIn):
    report = get_object_or_404(perms.cpca_reports(request.membership), pk=report_id)
    return programmes.send_report(request.actor, report, note=payload.note)


@router.post("/reports/{int:report_id}/acknowledgement", response=ReportOut)
def acknowledge_report(request, report_id: int):
    report = get_object_or_404(perms.reports_received(request.membership), pk=report_id)
    return programmes.acknowledge_report(request.actor, report)
