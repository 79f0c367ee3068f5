"""Assessment pages. Cases and assessments are fetched through the case file's permissions."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.perms import visible_cases
from egide.justice.perms import can_request_parquet

from . import explain, perms, services
from .forms import AssessmentForm, OverrideForm, SignOffForm
from .instruments import InstrumentError, instruments_for, suited_instrument
from .measures import FOR_THE_VICTIM, Measure
from .overrides import OverrideRefused
from .scoring import ScoringError

# What the victim's printed summary shows: nothing about the perpetrator, no answers.
VICTIM_SUMMARY_FIELDS = ["computed_level", "victim_fear"]
LIST_SHOWN = 50


def visible_case(request, case_pk):
    """The case if this member reads its whole file (assessments hold perpetrator data)."""
    case = get_object_or_404(visible_cases(request.membership), pk=case_pk)
    if not perms.can_view_assessments_of(request.membership, case):
        raise Http404
    return case


def assessment_view(view):
    """Passes a visible assessment (404 otherwise)."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        assessment = get_object_or_404(
            perms.visible_assessments(request.membership).select_related(
                "case", "assessor", "override__sign_off", "override__author"
            ),
            pk=pk,
        )
        visible_case(request, assessment.case_id)
        return view(request, assessment, *args, **kwargs)

    return wrapper


def assessments_list(request):
    membership = request.membership
    if not perms.may_assess(membership):
        raise PermissionDenied
    tasks = perms.visible_tasks(membership).due().select_related("case").order_by("due_at")
    context = {
        "tasks": tasks[:LIST_SHOWN],
        "to_sign_off": perms.downgrades_to_sign_off(membership),
        "now": timezone.now(),
    }
    return render(request, "assessment/list.html", context)


def case_assessments(request, case_pk):
    case = visible_case(request, case_pk)
    assessments = case.assessments.select_related("assessor", "override__sign_off").latest_first()
    record(request.actor, Action.READ, case, fields=["assessments"])
    context = {
        "case": case,
        "assessments": assessments,
        "instruments": instruments_for(request.membership.role),
        "can_run": perms.can_run_assessment(request.membership, case),
        "tasks": case.reassessment_tasks.due(),
        "now": timezone.now(),
    }
    return render(request, "assessment/case.html", context)


def run(request, case_pk, instrument_id):
    case = visible_case(request, case_pk)
    if not perms.can_run_assessment(request.membership, case):
        raise PermissionDenied
    try:
        instrument = suited_instrument(instrument_id, request.membership.role)
    except InstrumentError:
        raise Http404 from None
    data = request.POST if request.method == "POST" else None
    incidents = services.recent_incidents(case, instrument)
    form = AssessmentForm(instrument, data, recent_incidents=incidents)
    if form.is_valid():
        try:
            assessment = services.record_assessment(
                request.actor,
                case,
                instrument,
                answers=form.answers(),
                inputs=form.inputs(),
                victim_fear=form.cleaned_data["victim_fear"],
            )
        except ScoringError as error:
            form.add_error(None, str(error))
        else:
            return redirect(assessment)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "instrument": instrument, "form": form}
    return render(request, "assessment/run.html", context, status=status)


def result_context(assessment) -> dict:
    instrument = assessment.instrument
    final = instrument.policy(assessment.final_level)
    return {
        "assessment": assessment,
        "case": assessment.case,
        "instrument": instrument,
        "policy": final,
        "computed_policy": instrument.policy(assessment.computed_level),
        "reasons": explain.reasons(assessment),
        "mandatory": [Measure(code) for code in final.mandatory],
        "complementary": [Measure(code) for code in final.complementary],
        "override": assessment.current_override,
        "next_task": services.next_reassessment(assessment.case),
        "now": timezone.now(),
    }


@assessment_view
def detail(request, assessment):
    membership = request.membership
    context = result_context(assessment)
    override = context["override"]
    context["can_override"] = override is None and perms.can_override(membership, assessment)
    context["override_form"] = OverrideForm(assessment) if context["can_override"] else None
    context["can_sign_off"] = override is not None and perms.can_sign_off(membership, override)
    context["can_request_parquet"] = bool(context["mandatory"]) and can_request_parquet(
        membership, assessment.case
    )
    record(
        request.actor,
        Action.READ,
        assessment,
        fields=services.READ_FIELDS,
        flagged=perms.is_break_glass(membership, assessment.case),
    )
    return render(request, "assessment/detail.html", context)


@require_POST
@assessment_view
def override(request, assessment):
    if not perms.can_override(request.membership, assessment):
        raise PermissionDenied
    form = OverrideForm(assessment, request.POST)
    if form.is_valid():
        try:
            services.record_override(request.actor, assessment, **form.cleaned_data)
        except OverrideRefused as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Le niveau retenu est enregistré."))
            return redirect(assessment)
    context = result_context(assessment)
    context.update(can_override=True, override_form=form, can_sign_off=False)
    return render(request, "assessment/detail.html", context, status=400)


@assessment_view
def sign_off(request, assessment):
    override = assessment.current_override
    if override is None or not perms.can_sign_off(request.membership, override):
        raise PermissionDenied
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_off(request.actor, override, **form.cleaned_data)
        messages.success(request, _("Votre décision est enregistrée."))
        return redirect(assessment)
    record(request.actor, Action.READ, assessment, fields=services.READ_FIELDS)
    context = {**result_context(assessment), "form": form}
    return render(request, "assessment/sign_off.html", context)


@assessment_view
def victim_summary(request, assessment):
    context = result_context(assessment)
    context["for_the_victim"] = [
        (measure, FOR_THE_VICTIM[measure])
        for measure in [*context["mandatory"], *context["complementary"]]
    ]
    record(request.actor, Action.PRINT, assessment, fields=VICTIM_SUMMARY_FIELDS)
    return render(request, "assessment/victim_summary.html", context)
