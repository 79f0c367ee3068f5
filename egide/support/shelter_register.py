"""The platform administrator's register of shelters: every shelter of the platform by
département, a form to register one and name its operator, a form to correct a registration.

Who keeps it, and why: `perms.can_register_shelters`. The address is asked once, at
registration, and never shown again here: only the operator's managers read it
(`views.shelter_edit`). Every change is an administration entry of the audit log.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from egide.accounts.perms import require_platform_admin
from egide.web.forms import form_page, run_form

from . import perms, services
from .forms import ShelterCreateForm, ShelterRegistrationForm

PAGE_SIZE = 50


def shelter_register(request):
    require_platform_admin(request)
    departement = request.GET.get("departement", "").strip().upper()
    rows = perms.registered_shelters(request.membership)
    if departement:
        rows = rows.filter(departement=departement)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/shelter_register.html",
        {"page_obj": page, "departement": departement},
    )


def shelter_register_add(request):
    require_platform_admin(request)
    form = ShelterCreateForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.register_shelter(request.actor, **data),
        _("L'hébergement est enregistré."),
        "support:shelter_register",
    )
    return done or form_page(
        request, form, _("Enregistrer un hébergement"), back="support:shelter_register"
    )


def shelter_register_edit(request, pk):
    require_platform_admin(request)
    shelter = get_object_or_404(perms.registered_shelters(request.membership), pk=pk)
    initial = {field: getattr(shelter, field) for field in services.REGISTER_FIELDS}
    form = ShelterRegistrationForm(
        request.POST or None, initial=initial, current_operator=shelter.operator
    )
    done = run_form(
        request,
        form,
        lambda data: services.correct_registration(request.actor, shelter, **data),
        _("L'hébergement est mis à jour."),
        "support:shelter_register",
    )
    return done or form_page(
        request,
        form,
        _("Modifier l'hébergement %(name)s") % {"name": shelter.name},
        back="support:shelter_register",
    )
