"""A count's figures territory by territory, for the map and the small multiples.

Only counts that add up (`Total`) are broken down: the one query of their open-data cells
(per département, court and month) gives every territory of the selection at once, whatever
their number. One level below the selection: the régions of France, the départements of a
région, the courts of a département (none below a court).
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from egide.accounts.models import Agency

from . import territories
from .measures import Scope, Series, Total


@dataclass(frozen=True)
class Part:
    label: str
    series: Series


def breakable(indicator, scope: Scope) -> bool:
    return (
        isinstance(indicator.measure, Total)
        and not scope.court_id
        and (not scope.departement or indicator.by_court)
    )


def by_departement(cells: Counter) -> Counter:
    """The year's count per département code (records without one are left out)."""
    found = Counter()
    for (departement, _court, _month), count in cells.items():
        if departement:
            found[departement] += count
    return found


def selected_departements(scope: Scope) -> tuple[str, ...]:
    if scope.region:
        return territories.departements_of(scope.region)
    return tuple(territories.departements())


def parts(cells: Counter, scope: Scope) -> list[Part]:
    """One monthly series per territory one level below the selection."""
    if scope.departement:
        courts = {court for _dep, court, _month in cells}
        names = dict(Agency.objects.filter(pk__in=courts - {None}).values_list("pk", "name"))
        name_of = {court: names.get(court, _("Sans tribunal")) for court in courts}
        labels = {key: name_of[key[1]] for key in cells}
        everyone = sorted(set(labels.values()))
    elif scope.region:
        codes = territories.departements_of(scope.region)
        labels = {key: place(key[0]) for key in cells}
        everyone = [place(code) for code in codes]
    else:
        labels = {key: territories.region_name(territories.region_of(key[0])) for key in cells}
        everyone = list(territories.regions().values())
    monthly = Counter()
    for key, count in cells.items():
        monthly[(labels[key], key[2])] += count
    found = []
    for label in everyone:
        points = [(month, monthly[(label, month)]) for month in scope.months]
        found.append(Part(label, Series(points, sum(value for _month, value in points))))
    return found


def place(code: str) -> str:
    return f"{code} {territories.departement_name(code)}"
