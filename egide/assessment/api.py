"""JSON API for danger assessments: the same permissions, scoring and audit as the pages."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.perms import visible_cases

from . import perms, services
from .instruments import InstrumentError, instruments_for, suited_instrument
from .scoring import ScoringError

router = Router(tags=["assessments"])


class ItemOut(Schema):
    id: str
    number: int
    section: str
    text: str
    red: bool
    reconstructed: bool
    verification: str


class InstrumentOut(Schema):
    id: str
    version: str
    sha256: str
    title: str
    jurisdiction: str
    official: bool
    strategy: str
    override_direction: str
    inputs: list[str]
    verification: dict[str, str]
    items: list[ItemOut]


class AssessmentIn(Schema):
    instrument_id: str
    answers: dict[str, str] = Field(default_factory=dict)
    inputs: dict[str, str | int | bool | None] = Field(default_factory=dict)
    victim_fear: int | None = Field(default=None, ge=0, le=10)


class AssessmentOut(Schema):
    id: int
    case_id: int
    instrument_id: str
    instrument_version: str
    instrument_sha256: str
    answers: dict[str, str]
    inputs: dict
    computed_level: str
    possible_level: str
    complete: bool
    final_level: str
    override_pending: bool
    findings: list[dict]
    victim_fear: int | None
    created_at: datetime


MODEL_FIELDS = [name for name in AssessmentOut.model_fields if name != "override_pending"]


def instrument_out(instrument) -> dict:
    items = [
        {
            "id": item.id,
            "number": item.number,
            "section": item.section,
            "text": str(item.text),
            "red": item.is_red,
            "reconstructed": item.reconstructed,
            "verification": item.verification,
        }
        for item in instrument.items
    ]
    return {
        "id": instrument.id,
        "version": instrument.version,
        "sha256": instrument.sha256,
        "title": str(instrument.title),
        "jurisdiction": instrument.jurisdiction,
        "official": instrument.official,
        "strategy": instrument.strategy,
        "override_direction": instrument.override_direction,
        "inputs": list(instrument.inputs),
        "verification": dict(instrument.verification),
        "items": items,
    }


def assessment_out(assessment) -> dict:
    override = assessment.current_override
    fields = {name: getattr(assessment, name) for name in MODEL_FIELDS}
    return {**fields, "override_pending": bool(override and override.awaiting_sign_off)}


def readable_case(request, case_id):
    case = get_object_or_404(visible_cases(request.membership), pk=case_id)
    if not perms.can_view_assessments_of(request.membership, case):
        raise Http404
    return case


@router.get("/instruments", response=list[InstrumentOut])
def list_instruments(request):
    if not perms.may_assess(request.membership):
        raise PermissionDenied
    return [instrument_out(i) for i in instruments_for(request.membership.role)]


@router.get("/cases/{case_id}", response=list[AssessmentOut])
def list_case_assessments(request, case_id: int):
    case = readable_case(request, case_id)
    assessments = case.assessments.select_related("override__sign_off").latest_first()
    record(request.actor, Action.READ, case, fields=["assessments"])
    return [assessment_out(assessment) for assessment in assessments]


@router.post("/cases/{case_id}", response={201: AssessmentOut})
def create_assessment(request, case_id: int, payload: AssessmentIn):
    case = readable_case(request, case_id)
    try:
        instrument = suited_instrument(payload.instrument_id, request.membership.role)
        assessment = services.record_assessment(
            request.actor,
            case,
            instrument,
            answers=payload.answers,
            inputs=payload.inputs,
            victim_fear=payload.victim_fear,
        )
    except (InstrumentError, ScoringError) as error:
        raise ValidationError(str(error)) from None
    return 201, assessment_out(assessment)


@router.get("/{assessment_id}", response=AssessmentOut)
def read_assessment(request, assessment_id: int):
    assessment = get_object_or_404(
        perms.visible_assessments(request.membership).select_related("case"), pk=assessment_id
    )
    readable_case(request, assessment.case_id)
    record(request.actor, Action.READ, assessment, fields=services.READ_FIELDS)
    return assessment_out(assessment)
