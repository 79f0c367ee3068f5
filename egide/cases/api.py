"""JSON API for cases, people and incidents: the same querysets, masking and audit as the pages."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from egide.perpetrators.index import known_elsewhere

from . import perms, services
from .disclosure import CaseDisclosure
from .forms import CaseSearchForm, IncidentForm, complaint_forms, model_data
from .matching import known_perpetrator_cases
from .selectors import case_rows, search_cases

router = Router(tags=["cases"])


class AddressOut(Schema):
    text: str
    is_election: bool


class PersonOut(Schema):
    id: int
    role: str
    last_name: str
    first_name: str
    birth_date: date | None
    birth_year: int | None
    address: AddressOut
    phone: str
    email: str


class CaseOut(Schema):
    id: int
    reference: str
    status: str
    departement: str
    created_at: datetime
    address_hidden: bool
    victim_last_name: str | None = None
    victim_first_name: str | None = None
    victim_address: AddressOut | None = None


class SafeContactOut(Schema):
    phone: str
    email: str
    times_to_call: str
    never_leave_message: bool
    code_word: str


class IncidentOut(Schema):
    id: int
    occurred_on: date
    commune: str
    violence_forms: list[str]
    children_exposed: bool
    weapons_involved: bool
    disclosure_channel: str
    narrative: str


class KnownCaseOut(Schema):
    id: int
    reference: str
    role_there: str


class KnownElsewhereOut(Schema):
    """Another case of the same perpetrator: never its victim, its address or its id."""

    departement: str
    role_there: str
    highest_level: str
    measures: list[str]
    agency: str
    court: str
    open: bool


class CaseDetailOut(CaseOut):
    close_reason: str
    scope: str
    people: list[PersonOut]
    safe_contact: SafeContactOut | None
    incidents: list[IncidentOut]
    known_perpetrator_cases: list[KnownCaseOut]
    known_elsewhere: list[KnownElsewhereOut]


class ComplaintIn(Schema):
    """The sections of the desk page; each holds that form's fields (see forms.py)."""

    victim: dict
    perpetrator: dict
    relationship: dict
    incident: dict
    safe_contact: dict
    masking: dict = {}


class IncidentIn(Schema):
    occurred_on: str
    commune: str
    violence_forms: list[str]
    disclosure_channel: str
    children_exposed: bool = False
    weapons_involved: bool = False
    narrative: str = ""


def visible_case(request, case_id: int):
    return get_object_or_404(perms.visible_cases(request.membership), pk=case_id)


def case_summary(row: dict) -> dict:
    case, victim = row["case"], row["victim"] or {}
    return {
        **{name: getattr(case, name) for name in CaseOut.model_fields if hasattr(case, name)},
        "victim_last_name": victim.get("last_name"),
        "victim_first_name": victim.get("first_name"),
        "victim_address": row["address"],
    }


@router.get("/", response=list[CaseOut])
@paginate(PageNumberPagination, page_size=25)
def list_cases(
    request,
    last_name: str = "",
    first_name: str = "",
    birth_date: str = "",
    reference: str = "",
    status: str = "",
):
    query = {
        "last_name": last_name,
        "first_name": first_name,
        "birth_date": birth_date,
        "reference": reference,
        "status": status,
    }
    form = CaseSearchForm({key: value for key, value in query.items() if value})
    if form.is_bound and any(query.values()) and not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    cases = search_cases(request.membership, form) if any(query.values()) else None
    if cases is None:
        cases = perms.visible_cases(request.membership)
    cases = cases.select_related("opening_agency").prefetch_related("people")
    return LazyRows(request, cases.order_by("-created_at", "-id"))


class LazyRows:
    """A sliceable view of a queryset that masks and audits only the rows of the page served."""

    def __init__(self, request, queryset):
        self.request, self.queryset = request, queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice):
        return [case_summary(row) for row in case_rows(self.request.actor, self.queryset[page])]


def case_detail_data(request, case) -> dict:
    disclosure = CaseDisclosure(request.membership, case)
    known = known_perpetrator_cases(case, request.membership) if disclosure.whole_file else []
    victim = case.victim
    data = {
        **{name: getattr(case, name) for name in CaseOut.model_fields if hasattr(case, name)},
        "close_reason": case.close_reason,
        "scope": disclosure.access.scope,
        "people": disclosure.people(),
        "safe_contact": disclosure.safe_contact(),
        "incidents": disclosure.incidents(),
        "known_perpetrator_cases": [
            {"id": k.case.pk, "reference": k.case.reference, "role_there": k.role_there}
            for k in known
        ],
        "known_elsewhere": [
            {**vars(signal), "measures": list(signal.measures)}
            for signal in (known_elsewhere(request.actor, case) if disclosure.whole_file else [])
        ],
    }
    if victim is not None:
        data["victim_last_name"], data["victim_first_name"] = victim.last_name, victim.first_name
        data["victim_address"] = disclosure.address_of(victim)
    disclosure.audit(request.actor)
    return data


@router.get("/{int:case_id}", response=CaseDetailOut)
def get_case(request, case_id: int):
    return case_detail_data(request, visible_case(request, case_id))


@router.get("/{int:case_id}/people", response=list[PersonOut])
def list_people(request, case_id: int):
    disclosure = CaseDisclosure(request.membership, visible_case(request, case_id))
    people = disclosure.people()
    disclosure.audit(request.actor)
    return people


@router.get("/{int:case_id}/incidents", response=list[IncidentOut])
def list_incidents(request, case_id: int):
    disclosure = CaseDisclosure(request.membership, visible_case(request, case_id))
    incidents = disclosure.incidents()
    disclosure.audit(request.actor)
    return incidents


def form_value(item) -> str:
    if item is True:
        return "on"
    return "" if item in (False, None) else str(item)


def as_form_data(sections: dict) -> QueryDict:
    """Nested JSON → the form-encoded data the page's forms validate (one rule set for both)."""
    data = QueryDict(mutable=True)
    for prefix, values in sections.items():
        for name, value in (values or {}).items():
            key = f"{prefix}-{name}" if prefix else name
            for item in value if isinstance(value, list) else [value]:
                data.appendlist(key, form_value(item))
    return data


def form_errors(forms) -> dict[str, list[str]]:
    return {
        f"{form.prefix}.{field}" if form.prefix else field: [str(e) for e in errors]
        for form in forms
        for field, errors in form.errors.items()
    }


@router.post("/", response={201: CaseDetailOut})
def create_case(request, payload: ComplaintIn):
    """Opens a case from a complaint: the same sections and rules as the desk page."""
    if not perms.can_open_case(request.membership):
        raise PermissionDenied
    forms = complaint_forms(as_form_data(payload.dict()))
    valid = [form.is_valid() for form in forms.values()]
    if not all(valid):
        raise ValidationError(form_errors(forms.values()))
    case = services.open_case_from_complaint(
        request.actor,
        masking=forms["masking"].masking(),
        **{name: model_data(form) for name, form in forms.items() if name != "masking"},
    )
    return 201, case_detail_data(request, case)


@router.post("/{int:case_id}/incidents", response={201: IncidentOut})
def create_incident(request, case_id: int, payload: IncidentIn):
    case = visible_case(request, case_id)
    if not perms.can_edit_case(request.membership, case):
        raise PermissionDenied
    form = IncidentForm(as_form_data({"": payload.dict()}))
    if not form.is_valid():
        raise ValidationError(form_errors([form]))
    return 201, services.record_incident(request.actor, case, model_data(form))
