from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views import i18n

from egide.monitoring.perms import can_handle_incidents

from .worklists import worklists_for


def home(request):
    """Each role's work; for the monitoring centre, the live queue of incidents itself."""
    if can_handle_incidents(request.membership):
        return redirect("monitoring:console")
    return render(
        request,
        "web/home.html",
        {"membership": request.membership, "worklists": worklists_for(request)},
    )


@login_not_required
def accessibility(request):
    return render(request, "web/pages/accessibility.html")


@login_not_required
def legal_notice(request):
    return render(request, "web/pages/legal_notice.html")


@login_not_required
def personal_data(request):
    return render(request, "web/pages/personal_data.html")


@login_not_required
def set_language(request):
    """Django's language switch, open before sign-in so the login page can be read in English."""
    return i18n.set_language(request)
