"""What stats plugs into the extension points: the analyst's home shows this month's figures."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role
from egide.web import worklists

from . import charts, summary
from .indicators import BY_SLUG
from .measures import Scope

# The figures that call for attention, read first thing in the morning.
WATCHED = (
    "danger-eleve-sans-mesure",
    "op-decidees-dans-le-delai",
    "oppi-decidees-dans-le-delai",
    "alertes-delai-prise-en-charge",
    "auu-versees-dans-le-delai",
)


def figures_of_the_month(request) -> worklists.Worklist:
    today = timezone.localdate()
    departement = request.membership.departement
    scope = Scope(year=today.year, today=today, departement=departement)
    watched = [BY_SLUG[slug] for slug in WATCHED]
    found = summary.source(scope).series(watched, scope)
    items = []
    for indicator in watched:
        series = found[indicator.slug]
        value = series.points[-1][1] if series.points else series.total
        url = reverse("stats:indicator", args=[indicator.slug])
        shown = _("rien à mesurer") if value is None else charts.shown(value, indicator.unit)
        items.append(worklists.Item(indicator.name, url, shown))
    return worklists.Worklist(
        title=_("Ce mois-ci, département %(code)s") % {"code": departement},
        items=items,
        url=reverse("stats:indicators"),
    )


def register() -> None:
    worklists.providers.register(figures_of_the_month, Role.ANALYST)
