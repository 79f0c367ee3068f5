import csv
import io

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import breakdown, charts, maps, opendata, perms, summary, territories
from .choices import Theme
from .forms import IndicatorFilter, OpenDataYear
from .indicators import BY_SLUG, INDICATORS
from .measures import Scope

# The count the analyst's home maps; every count's own page maps it.
HOME_MAP = "op-demandees"


def read_filter(request):
    """The filter form and its scope (None when the form is invalid). Without a département in
    the query, the analyst sees her own agency's."""
    data = request.GET.copy()
    if "region" not in data:
        data.setdefault("departement", request.membership.departement)
    data.setdefault("annee", str(timezone.localdate().year))
    form = IndicatorFilter(data)
    if not form.is_valid():
        return form, None
    court = form.cleaned_data["tribunal"]
    scope = Scope(
        year=form.cleaned_data["annee"],
        today=timezone.localdate(),
        departement=form.cleaned_data["departement"],
        court_id=court.pk if court else None,
        region=form.cleaned_data["region"],
    )
    return form, scope


def territory_label(form) -> str:
    court = form.cleaned_data["tribunal"]
    departement = form.cleaned_data["departement"]
    region = form.cleaned_data["region"]
    parts = [_("Région %(name)s") % {"name": territories.region_name(region)}] if region else []
    parts += [_("Département %(code)s") % {"code": departement}] if departement else []
    parts += [court.name] if court else []
    return " — ".join(parts) or _("Toute la France")


def figures(indicators, scope, counts):
    """Each indicator the scope allows, with its series, chart and table rows."""
    allowed = [indicator for indicator in indicators if indicator.available(scope)]
    found = counts.series(allowed, scope)
    shown = []
    for indicator in allowed:
        series = found[indicator.slug]
        shown.append(
            {
                "indicator": indicator,
                "series": series,
                "bars": charts.bars(series, indicator.unit),
                "rows": [
                    (date_format(month, "F Y"), charts.shown(value, indicator.unit))
                    for month, value in series.points
                ],
                "total": charts.shown(series.total, indicator.unit),
            }
        )
    return shown


def territorial(indicator, scope, counts, small_multiples=True):
    """The map of départements (for France or a région) and the small multiples (one chart per
    territory one level below the selection) of a count, each with its table."""
    if not breakdown.breakable(indicator, scope):
        return None
    cells = counts.cells(indicator, scope)

    def shown(value):
        return charts.shown(value, indicator.unit)

    found = {"indicator": indicator, "months": [date_format(m, "M") for m in scope.months]}
    if small_multiples:
        parts = breakdown.parts(cells, scope)
        top = max((charts.highest(part.series) for part in parts), default=1)
        found["top"] = shown(top)
        found["parts"] = [
            {
                "label": part.label,
                "series": part.series,
                "bars": charts.bars(part.series, indicator.unit, charts.SMALL, top),
                "values": [shown(value) for _month, value in part.series.points],
                "total": shown(part.series.total),
            }
            for part in parts
        ]
    if not scope.departement:
        values = breakdown.by_departement(cells)
        selected = breakdown.selected_departements(scope)
        found["map"] = maps.choropleth(values, selected, shown, zoom=bool(scope.region))
        found["map_rows"] = [
            (code, territories.departement_name(code), shown(values.get(code, 0)))
            for code in selected
        ]
    return found


def export(found, form, scope, fmt, counted_at):
    territory = territory_label(form)
    if fmt == "json":
        return JsonResponse(
            {
                "territoire": territory,
                "annee": scope.year,
                "compte_le": timezone.localtime(counted_at).isoformat(timespec="seconds"),
                "indicateurs": [
                    {
                        "code": item["indicator"].slug,
                        "nom": str(item["indicator"].name),
                        "unite": item["indicator"].unit.value,
                        "mois": [
                            {"periode": f"{month:%Y-%m}", "valeur": value}
                            for month, value in item["series"].points
                        ],
                        "total": item["series"].total,
                        "par_territoire": [
                            {
                                "territoire": part["label"],
                                "mois": [
                                    {"periode": f"{month:%Y-%m}", "valeur": value}
                                    for month, value in part["series"].points
                                ],
                                "total": part["series"].total,
                            }
                            for part in item.get("parts", ())
                        ],
                    }
                    for item in found
                ],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("indicateur", "nom", "unite", "territoire", "periode", "valeur"))
    for item in found:
        indicator = item["indicator"]
        parts = [(part["label"], part["series"]) for part in item.get("parts", ())]
        for place, series in [(territory, item["series"]), *parts]:
            periods = [(f"{month:%Y-%m}", value) for month, value in series.points]
            # A figure without history is today's, not the year's.
            overall = str(scope.year) if periods else scope.today.isoformat()
            for period, value in [*periods, (overall, series.total)]:
                value = "" if value is None else value
                writer.writerow(
                    (indicator.slug, indicator.name, indicator.unit.value, place, period, value)
                )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicateurs-{scope.year}.csv"'
    return response


def answer(request, template, indicators, context, detailed=False):
    """The page (or its export): every indicator's monthly figures; for one indicator
    (`detailed`), its map and small multiples too."""
    if not perms.can_read_indicators(request.membership):
        raise PermissionDenied
    form, scope = read_filter(request)
    if scope is None:
        return render(request, template, {**context, "form": form}, status=400)
    counts = summary.source(scope)
    counted_at = counts.counted_at or timezone.now()
    found = figures(indicators, scope, counts)
    if detailed and found:
        found[0].update(territorial(found[0]["indicator"], scope, counts) or {})
    fmt = form.cleaned_data["format"] or "html"
    if fmt != "html":
        return export(found, form, scope, fmt, counted_at)
    if not (detailed or scope.departement or scope.court_id):
        home = BY_SLUG[HOME_MAP]
        context["home_map"] = territorial(home, scope, counts, small_multiples=False)
    themes = [
        (theme, [item for item in found if item["indicator"].theme == theme]) for theme in Theme
    ]
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "scope": scope,
            "territory": territory_label(form),
            "themes": [(theme, items) for theme, items in themes if items],
            "found": found,
            "query": request.GET.urlencode(),
            "skipped": [i for i in indicators if not i.available(scope)],
            "counted_at": counts.counted_at,
        },
    )


def indicators(request):
    return answer(request, "stats/indicators.html", INDICATORS, {})


def indicator(request, slug):
    found = BY_SLUG.get(slug)
    if found is None:
        raise Http404
    return answer(request, "stats/indicator.html", (found,), {"indicator": found}, detailed=True)


def open_data_scope(request):
    form = OpenDataYear(request.GET)
    if not form.is_valid():
        return None
    today = timezone.localdate()
    return Scope(year=form.cleaned_data["annee"] or today.year, today=today)


def refused_year():
    return JsonResponse(
        {"detail": _("Année inconnue : indiquez une année de 2019 à l'année en cours.")}, status=400
    )


def not_ready():
    response = JsonResponse(
        {"detail": _("Les données ouvertes de cette année sont en préparation : réessayez.")},
        status=503,
    )
    response["Retry-After"] = "60"
    return response


@login_not_required
def open_data_csv(request):
    scope = open_data_scope(request)
    if scope is None:
        return refused_year()
    try:
        body = opendata.stored_file(scope, "csv")
    except opendata.NotProtectedYet:
        return not_ready()
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="egide-indicateurs-{scope.year}.csv"'
    return response


@login_not_required
def open_data_json(request):
    scope = open_data_scope(request)
    if scope is None:
        return refused_year()
    try:
        body = opendata.stored_file(scope, "json")
    except opendata.NotProtectedYet:
        return not_ready()
    return HttpResponse(body, content_type="application/json; charset=utf-8")
