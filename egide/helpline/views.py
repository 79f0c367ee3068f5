"""The helpline door's pages. Records are fetched through perms' querysets (not visible: 404);
rule refusals show the message and change nothing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.accounts.roles import Role
from egide.audit.services import record_reads
from egide.web.forms import form_page, run_form

from . import perms, services
from .forms import HandoverForm, PerpetratorCallForm, VictimCallForm


def _listener(request):
    if not perms.is_listener(request.membership):
        raise PermissionDenied


def calls(request):
    _listener(request)
    context = {
        "victim_calls": perms.visible_victim_calls(request.membership).select_related(
            "referral__to_agency"
        )[:50],
        "perpetrator_calls": perms.visible_perpetrator_calls(request.membership)[:50],
    }
    return render(request, "helpline/calls.html", context)


def victim_call(request):
    _listener(request)
    form = VictimCallForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.record_victim_call(request.actor, **data),
        _("Appel enregistré, sans donnée d'identité."),
        "helpline:calls",
    )
    intro = _("Appel anonyme : aucune donnée permettant de l'identifier n'est demandée.")
    return done or form_page(request, form, _("Appel au 3919"), back="helpline:calls", intro=intro)


def handover(request, call_pk):
    _listener(request)
    call = get_object_or_404(perms.visible_victim_calls(request.membership), pk=call_pk)
    form = HandoverForm(request.POST or None, departement=call.departement)
    done = run_form(
        request,
        form,
        lambda _data: services.hand_over(request.actor, call, **form.operation_data()),
        _("Mise en relation transmise à la structure."),
        "helpline:calls",
    )
    intro = _(
        "Seulement si elle l'accepte : la structure la rappelle sur le contact sûr qu'elle donne."
    )
    title = _("Mise en relation avec une structure locale")
    return done or form_page(request, form, title, back="helpline:calls", intro=intro)


def perpetrator_call(request):
    _listener(request)
    form = PerpetratorCallForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda _data: services.record_perpetrator_call(request.actor, **form.operation_data()),
        _("Appel enregistré."),
        "helpline:calls",
    )
    title = _("Appel à « Ne frappez pas »")
    return done or form_page(request, form, title, back="helpline:calls")


def cpca_handovers(request):
    if request.membership is None or request.membership.role != Role.CPCA_WORKER:
        raise PermissionDenied
    handovers = perms.visible_cpca_handovers(request.membership).select_related("call")[:100]
    shown = record_reads(request.actor, handovers, fields=["first_name", "phone", "times_to_call"])
    return render(request, "helpline/cpca_handovers.html", {"handovers": shown})


@require_POST
def called_back(request, handover_pk):
    handover_ = get_object_or_404(perms.visible_cpca_handovers(request.membership), pk=handover_pk)
    services.mark_called_back(request.actor, handover_)
    messages.success(request, _("Rappel enregistré."))
    return redirect("helpline:cpca_handovers")
