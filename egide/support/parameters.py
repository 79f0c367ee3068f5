"""The platform administrator's "Paramètres datés" pages: the revalued legal parameters (RSA,
SMIC) with their history, and a form to record a new value with its start date and source.

A new value takes effect for every estimate dated from its start, without a code release; each
one is audited. Values are never edited nor deleted: a correction is a value with a later start.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from egide.accounts.perms import require_platform_admin

from . import services
from .forms import ParameterValueForm
from .models import ParameterValue
from .rules import PARAMETERS


def parameters(request):
    require_platform_admin(request)
    values = ParameterValue.objects.select_related("recorded_by")
    rows = [
        {"key": key, "label": label, "values": [v for v in values if v.parameter == key]}
        for key, label in PARAMETERS.items()
    ]
    return render(request, "support/parameters.html", {"parameters": rows})


def parameter_add(request, parameter):
    require_platform_admin(request)
    if parameter not in PARAMETERS:
        raise Http404
    form = ParameterValueForm(parameter, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        value = services.record_parameter_value(request.actor, form)
        messages.success(
            request,
            _("%(parameter)s : %(value)s € à partir du %(day)s est enregistré.")
            % {
                "parameter": PARAMETERS[parameter],
                "value": number_format(value.value, 2),
                "day": value.valid_from.strftime("%d/%m/%Y"),
            },
        )
        return redirect("support:parameters")
    context = {
        "form": form,
        "label": PARAMETERS[parameter],
        "history": ParameterValue.objects.filter(parameter=parameter),
    }
    return render(
        request, "support/parameter_form.html", context, status=400 if form.errors else 200
    )
