"""Support pages: aid requests (case side and caisse side), shelter places, fresh-start plans."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.perms import visible_cases
from egide.web.forms import form_page, run_action, run_form

from . import perms, services
from .choices import ACTIVE_ALLOCATION, AidForm, AidStatus, AllocationStatus, DeclineCause
from .forms import (
    AidRequestForm,
    AllocationRefusalForm,
    CapacityForm,
    NeedForm,
    NeedStatusForm,
    PlacesRequestForm,
    RefusalForm,
    ShelterDetailsForm,
)
from .models import FreshStartPlan


def role_required(role):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.membership is None or request.membership.role != role:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def case_support_view(view):
    """Case-side pages: the case must be visible and the member one who supports the victim."""

    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        case = get_object_or_404(visible_cases(request.membership), pk=pk)
        if not perms.can_support_case(request.membership, case):
            raise PermissionDenied
        return view(request, case, *args, **kwargs)

    return wrapped


# --- Emergency aid ----------------------------------------------------------------------------


@case_support_view
def aid_request_create(request, case):
    form = AidRequestForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_action(request, lambda: services.transmit_aid_request(request.actor, case, **data)):
            messages.success(request, _("La demande est transmise à la caisse."))
            return redirect(case.get_absolute_url())
    sent = perms.aid_requests_for(request.membership).filter(case=case)
    return render(
        request, "support/aid_request_form.html", {"case": case, "form": form, "sent": sent}
    )


@role_required(Role.AID_AGENT)
def aid_requests(request):
    inbox = perms.aid_requests_for(request.membership)
    return render(
        request,
        "support/aid_requests.html",
        {
            "to_decide": inbox.filter(status=AidStatus.RECEIVED),
            "to_pay": inbox.filter(status=AidStatus.GRANTED),
            "done": inbox.filter(status__in=[AidStatus.PAID, AidStatus.REFUSED])[:50],
        },
    )


def _caisse_request(request, pk):
    aid_request = get_object_or_404(perms.aid_requests_for(request.membership), pk=pk)
    if not perms.can_decide_aid(request.membership, aid_request):
        raise PermissionDenied
    return aid_request


@role_required(Role.AID_AGENT)
def aid_request_detail(request, pk):
    """What the caisse sees: the simplified form and the rules' verdict. Nothing of the case."""
    aid_request = _caisse_request(request, pk)
    reasons, estimate = services.assess(aid_request)
    record(
        request.actor, Action.READ, aid_request, fields=["first_name", "last_name", "bank_account"]
    )
    return render(
        request,
        "support/aid_request_detail.html",
        {
            "aid_request": aid_request,
            "reasons": reasons,
            "estimate": estimate,
            "estimate_form": AidForm(estimate.form).label,
            "refusal_form": RefusalForm(),
        },
    )


@require_POST
@role_required(Role.AID_AGENT)
def aid_request_decide(request, pk, decision):
    aid_request = _caisse_request(request, pk)
    if decision == "accorder":
        run_action(request, lambda: services.grant_aid(request.actor, aid_request))
    elif decision == "refuser":
        form = RefusalForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        run_action(request, lambda: services.refuse_aid(request.actor, aid_request, reason))
    elif decision == "versee":
        run_action(request, lambda: services.mark_aid_paid(request.actor, aid_request))
    return redirect(aid_request.get_absolute_url())


# --- Shelter places ---------------------------------------------------------------------------


@role_required(Role.SHELTER_MANAGER)
def shelters(request):
    mine = list(perms.with_availability(perms.shelters_for(request.membership)))
    waiting = services.waiting_hours(mine)
    for shelter in mine:
        shelter.occupancy = (
            round(100 * shelter.occupied / shelter.capacity) if shelter.capacity else 0
        )
        shelter.waiting_hours = waiting.get(shelter.pk)
    allocations = perms.allocations_for(request.membership).filter(status__in=ACTIVE_ALLOCATION)
    return render(
        request,
        "support/shelters.html",
        {
            "shelters": mine,
            "requested": allocations.filter(status=AllocationStatus.REQUESTED),
            "housed": allocations.exclude(status=AllocationStatus.REQUESTED),
            "causes": DeclineCause.choices,
        },
    )


@require_POST
@role_required(Role.SHELTER_MANAGER)
def shelter_capacity(request, pk):
    shelter = get_object_or_404(perms.shelters_for(request.membership), pk=pk)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("capacity", []):
            messages.error(request, error)
    elif run_action(
        request,
        lambda: services.set_capacity(request.actor, shelter, form.cleaned_data["capacity"]),
    ):
        messages.success(request, _("Le nombre de places est mis à jour."))
    return redirect("support:shelters")


@role_required(Role.SHELTER_MANAGER)
def shelter_edit(request, pk):
    """A manager edits the details of a shelter of their operator, its address included."""
    shelter = get_object_or_404(perms.shelters_for(request.membership), pk=pk)
    if not perms.can_read_shelter_address(request.membership, shelter):
        raise PermissionDenied
    initial = {field: getattr(shelter, field) for field in services.DETAIL_FIELDS}
    form = ShelterDetailsForm(request.POST or None, initial=initial)
    done = run_form(
        request,
        form,
        lambda data: services.update_shelter_details(request.actor, shelter, **data),
        _("L'hébergement est mis à jour."),
        "support:shelters",
    )
    if done:
        return done
    record(request.actor, Action.READ, shelter, fields=["address"])
    return form_page(
        request,
        form,
        _("Modifier l'hébergement %(name)s") % {"name": shelter.name},
        back="support:shelters",
    )


ALLOCATION_ACTIONS = {
    "accepter": services.accept_allocation,
    "arrivee": services.record_arrival,
    "depart": services.record_departure,
}


@require_POST
@role_required(Role.SHELTER_MANAGER)
def allocation_action(request, pk, action):
    allocation = get_object_or_404(perms.allocations_for(request.membership), pk=pk)
    if action == "refuser":
        form = AllocationRefusalForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {"cause": "", "detail": ""}
        run_action(
            request,
            lambda: services.decline_allocation(
                request.actor, allocation, data["cause"], data["detail"]
            ),
        )
    elif action in ALLOCATION_ACTIONS:
        run_action(request, lambda: ALLOCATION_ACTIONS[action](request.actor, allocation))
    return redirect("support:shelters")


@case_support_view
def places_request(request, case):
    available = perms.with_availability(perms.shelters_for(request.membership))
    form = PlacesRequestForm(
        request.POST or None, shelters=available, initial=services.arrangements_from_case(case)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        shelter = data.pop("shelter")
        if run_action(
            request, lambda: services.request_places(request.actor, case, shelter, **data)
        ):
            messages.success(request, _("La demande de places est envoyée au gestionnaire."))
            return redirect("support:places_request", pk=case.pk)
    return render(
        request,
        "support/places_request.html",
        {
            "case": case,
            "form": form,
            "shelters": available,
            "allocations": perms.allocations_for(request.membership).filter(case=case),
        },
    )


# --- Fresh-start plan -------------------------------------------------------------------------


@case_support_view
def plan(request, case):
    current = FreshStartPlan.objects.filter(case=case).first()
    can_lead = perms.can_lead_plan(request.membership, case)
    form = NeedForm(request.POST or None, departement=case.departement)
    if request.method == "POST":
        if not can_lead:
            raise PermissionDenied
        if form.is_valid():
            current = services.start_plan(request.actor, case)
            services.add_need(request.actor, current, **form.cleaned_data)
            messages.success(request, _("Le besoin est ajouté au plan."))
            return redirect("support:plan", pk=case.pk)
    return render(
        request,
        "support/plan.html",
        {
            "case": case,
            "plan": current,
            "needs": current.needs.select_related("partner") if current else [],
            "can_lead": can_lead,
            "form": form,
        },
    )


def partner_needs(request):
    """The needs in my agency's hands, whichever plan they belong to — and nothing else of it."""
    needs = perms.needs_for_partner(request.membership).select_related("plan__case")
    return render(
        request,
        "support/partner_needs.html",
        {"needs": needs, "status_form": NeedStatusForm()},
    )


@require_POST
def need_update(request, pk):
    need = get_object_or_404(perms.needs_for_partner(request.membership), pk=pk)
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        services.update_need(request.actor, need, form.cleaned_data["status"])
    return redirect("support:partner_needs")
