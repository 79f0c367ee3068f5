"""The public orientation page and the professional orientation of a case's victim."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.services import add_timeline_entry
from egide.stats.public import national_figures
from egide.stats.rules import secrecy_threshold

from . import perms
from .models import Orientation, Structure
from .pages import DSFR_MODULES
from .places import find_place, haversine_km, place_in_address
from .search import nearest_or_wider

QUERY_MAX_LENGTH = 100
# Where the quick exit goes: a neutral public site, reached without a referrer.
QUICK_EXIT_URL = "https://meteofrance.com/"


def page_language(request) -> str:
    """`?lang=` first, then the browser's Accept-Language; never a cookie, so nothing is stored."""
    supported = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("lang", "")
    if asked in supported:
        return asked
    return translation.get_language_from_request(request)


def language_links(language: str, query: str) -> list[dict]:
    """Links to the page in the other languages, each named in its own language."""
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": "?" + urlencode({"lang": code, "q": query}),
        }
        for code, _name in settings.LANGUAGES
        if code != language
    ]


@login_not_required
@require_GET
def find_help(request):
    """ "Où trouver de l'aide près de chez moi ?" — no sign-in, no cookie, no tracking."""
    language = page_language(request)
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    place = find_place(query) if query else None
    results, radius = nearest_or_wider(place, perms.public_structures()) if place else ([], 0)
    with translation.override(language):
        response = render(
            request,
            "directory/find_help.html",
            {
                "query": query,
                "place": place,
                "results": results,
                "radius_km": radius,
                "language": language,
                "other_languages": language_links(language, query),
                "quick_exit_url": QUICK_EXIT_URL,
                "dsfr_modules": DSFR_MODULES,
                "figures": national_figures(timezone.localdate()),
                "year": timezone.localdate().year,
                "secrecy_threshold": secrecy_threshold(timezone.localdate()),
            },
        )
    # Nothing of the search stays in caches or leaks to the site the quick exit opens.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["Content-Language"] = language
    return response


def orientation_place(membership, case, commune: str):
    """The commune to search from, and where it came from. Never more than the commune."""
    if commune:
        return find_place(commune), _("commune saisie")
    victim = case.victim
    if victim and victim.address and perms.may_use_address(membership, case):
        place = place_in_address(victim.address)
        if place:
            return place, _("commune de la victime")
    incident = case.incidents.order_by("-occurred_on").first()
    if incident:
        return find_place(incident.commune), _("commune des derniers faits")
    return None, ""


@require_http_methods(["GET", "POST"])
def case_orientation(request, pk):
    case = get_object_or_404(perms.orientable_cases(request.membership), pk=pk)
    commune = request.GET.get("commune", "").strip()[:QUERY_MAX_LENGTH]
    place, origin = orientation_place(request.membership, case, commune)
    if request.method == "POST" and place:
        return orient(request, case, place)
    results, radius = nearest_or_wider(place, Structure.objects.all()) if place else ([], 0)
    return render(
        request,
        "directory/case_orientation.html",
        {
            "case": case,
            "place": place,
            "origin": origin,
            "results": results,
            "radius_km": radius,
            "orientations": case.orientations.select_related("structure"),
        },
    )


def orient(request, case, place):
    structure = get_object_or_404(Structure, pk=request.POST.get("structure"))
    distance = haversine_km(
        place.latitude, place.longitude, structure.latitude, structure.longitude
    )
    with transaction.atomic():
        orientation = Orientation.objects.create(
            case=case,
            structure=structure,
            commune=place.name,
            distance_km=round(distance, 1),
            author=request.user,
            agency=request.membership.agency,
        )
        add_timeline_entry(
            case,
            "directory.orientation",
            _("Orientation vers %(structure)s") % {"structure": structure.name},
            author=request.user,
            agency=request.membership.agency,
            source=orientation,
        )
        record(request.actor, Action.CREATE, orientation, fields=["structure", "commune"])
    messages.success(request, _("L'orientation est enregistrée dans la chronologie du dossier."))
    return redirect("directory:case_orientation", pk=case.pk)
