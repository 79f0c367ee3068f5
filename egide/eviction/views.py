"""Eviction-housing pages: the court's (a case's requests, the court's list) and the operator's
(its places, a request to house). The operator's pages never read the case file: they show the
request's minimal identity and dates, and the places' compatibility as a yes or no."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record, record_reads
from egide.cases.perms import visible_cases
from egide.web.forms import form_page, run_action, run_form

from . import perms, services
from .choices import AWAITING_OPERATOR, HOLDING_PLACE, OPEN_STATUSES, RequestStatus
from .forms import DepartureForm, HousingRequestForm, PlaceForm, PlaceUpdateForm, ProposeForm

# What the court sees of a request: his housing is theirs to know.
COURT_FIELDS = ["perpetrator", "operator", "place", "status", "dates", "departure_reason"]
# What the operator sees of a request: his minimal identity, the ordering court and the dates.
OPERATOR_FIELDS = [
    "perpetrator.first_name",
    "perpetrator.last_name",
    "perpetrator.birth_date",
    "court",
    "legal_basis",
    "leave_by",
    "status",
]


def operator_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.membership is None or request.membership.role != Role.HOUSING_OPERATOR:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def court_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.membership is None or request.membership.role not in perms.ORDERING_ROLES:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# --- The court's side -------------------------------------------------------------------------


@court_only
def case_requests(request, pk):
    case = get_object_or_404(visible_cases(request.membership), pk=pk)
    if not perms.can_request(request.membership, case):
        raise PermissionDenied
    form = HousingRequestForm(request.POST or None, case=case)
    done = run_form(
        request,
        form,
        lambda data: services.request_housing(request.actor, case, **data),
        _("La demande d'hébergement est envoyée au gestionnaire."),
        request.path,
    )
    if done:
        return done
    rows = perms.requests_for(request.membership).filter(case=case)
    shown = record_reads(request.actor, rows.select_related("place", "operator"), COURT_FIELDS)
    context = {"case": case, "form": form, "requests": shown, "perpetrator": case.perpetrator}
    return render(
        request, "eviction/case_requests.html", context, status=400 if form.errors else 200
    )


@court_only
def court_requests(request):
    rows = perms.requests_for(request.membership).select_related(
        "case", "perpetrator", "place", "operator"
    )
    shown = record_reads(request.actor, rows, COURT_FIELDS)
    return render(
        request,
        "eviction/court_requests.html",
        {
            "current": [r for r in shown if r.status in OPEN_STATUSES],
            "closed": [r for r in shown if r.status not in OPEN_STATUSES],
        },
    )


@require_POST
@court_only
def request_withdraw(request, pk):
    housing_request = get_object_or_404(perms.requests_for(request.membership), pk=pk)
    if run_action(request, lambda: services.withdraw_request(request.actor, housing_request)):
        messages.success(request, _("La demande est retirée."))
    return redirect("eviction:case_requests", pk=housing_request.case_id)


# --- The operator's side ----------------------------------------------------------------------


@operator_only
def places(request):
    mine = perms.with_occupancy(perms.places_for(request.membership))
    rows = perms.requests_for(request.membership).select_related("perpetrator", "place", "court")
    return render(
        request,
        "eviction/places.html",
        {
            "places": mine,
            "awaiting": record_reads(
                request.actor, rows.filter(status__in=AWAITING_OPERATOR), OPERATOR_FIELDS
            ),
            "housed": record_reads(
                request.actor, rows.filter(status__in=HOLDING_PLACE), OPERATOR_FIELDS
            ),
            "departed": record_reads(
                request.actor, rows.filter(status=RequestStatus.DEPARTED)[:20], OPERATOR_FIELDS
            ),
        },
    )


@operator_only
def place_add(request):
    form = PlaceForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.add_place(request.actor, **data),
        _("Le logement est ajouté."),
        "eviction:places",
    )
    return done or form_page(request, form, _("Ajouter un logement"), back="eviction:places")


@require_POST
@operator_only
def place_update(request, pk):
    place = get_object_or_404(perms.places_for(request.membership), pk=pk)
    form = PlaceUpdateForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    elif run_action(
        request, lambda: services.update_place(request.actor, place, **form.cleaned_data)
    ):
        messages.success(request, _("Le logement est mis à jour."))
    return redirect("eviction:places")


@operator_only
def request_detail(request, pk):
    housing_request = get_object_or_404(
        perms.requests_for(request.membership).select_related("perpetrator", "court", "place"),
        pk=pk,
    )
    record(request.actor, Action.READ, housing_request, fields=OPERATOR_FIELDS)
    free = perms.with_occupancy(perms.places_for(request.membership)).filter(
        available=True, free__gt=0
    )
    return render(
        request,
        "eviction/request_detail.html",
        {
            "housing_request": housing_request,
            "propose_form": ProposeForm(places=free),
            "departure_form": DepartureForm(),
        },
    )


def _propose(request, housing_request):
    form = ProposeForm(request.POST, places=perms.places_for(request.membership))
    if not form.is_valid():
        messages.error(request, _("Choisissez un de vos logements."))
        return
    place = form.cleaned_data["place"]
    if run_action(request, lambda: services.propose_place(request.actor, housing_request, place)):
        messages.success(request, _("Logement compatible : confirmez l'attribution."))


def _confirm(request, housing_request):
    if run_action(request, lambda: services.confirm_allocation(request.actor, housing_request)):
        messages.success(request, _("L'attribution est confirmée."))


def _arrival(request, housing_request):
    if run_action(request, lambda: services.record_arrival(request.actor, housing_request)):
        messages.success(request, _("L'arrivée est enregistrée."))


def _departure(request, housing_request):
    form = DepartureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif du départ."))
        return
    if run_action(
        request,
        lambda: services.record_departure(request.actor, housing_request, **form.cleaned_data),
    ):
        messages.success(request, _("Le départ est enregistré."))


REQUEST_ACTIONS = {
    "proposer": _propose,
    "confirmer": _confirm,
    "arrivee": _arrival,
    "depart": _departure,
}


@require_POST
@operator_only
def request_action(request, pk, action):
    housing_request = get_object_or_404(perms.requests_for(request.membership), pk=pk)
    if action not in REQUEST_ACTIONS:
        raise PermissionDenied
    REQUEST_ACTIONS[action](request, housing_request)
    return redirect("eviction:request", pk=housing_request.pk)
