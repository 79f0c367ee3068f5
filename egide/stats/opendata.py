"""The open-data export: additive counts per month and year, nationally, per région, per
département and per court, with statistical secrecy applied (`secrecy.py`) across all those
levels at once.

Territories form one tree: the nation, its régions (INSEE's, `territories.py`), their
départements (and "" for records without a case, an alert of a device not yet linked, counted
nationally beside the régions), and under each département the courts its cases belong to
("sans tribunal": a support case without a complaint; no court level at all for the figures of
a CPCA or a shelter). Each node is published for each month and for the year, so a reader
knows: year = sum of months, nation = sum of régions = sum of départements, région = sum of its
départements, département = sum of its courts. The same records on the same day give the same
bytes.
"""

import csv
import hashlib
import io
import json
from dataclasses import astuple, dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from egide.accounts.models import Agency

from . import territories
from .choices import Level
from .indicators import OPEN_DATA
from .measures import Scope
from .rules import SECRECY_THRESHOLD, secrecy_threshold
from .secrecy import Status, protect

NO_COURT = 0
# Protecting a national table takes seconds (docs/indicators.md): the result is kept for the same
# cells, which it depends on alone, so a file asked again before the records change is served
# without protecting it again.
PROTECTION_KEPT_SECONDS = 24 * 3600
COLUMNS = ("indicateur", "niveau", "region", "departement", "tribunal", "periode", "valeur")


@dataclass(frozen=True)
class Row:
    indicator: str
    level: str
    region: str
    departement: str
    court: str
    period: str
    value: str


def tree(atoms, scope: Scope, by_court: bool = True) -> tuple[dict, list]:
    """The cells and relations of one indicator's year, from its counts per (département, court
    id, month). Keys: (level rank, région, département, court id, period): sorting them orders
    the file. Without `by_court` (a CPCA's, a shelter's), no court level."""
    periods = [f"{month:%Y-%m}" for month in scope.months] + [str(scope.year)]
    leaves = sorted({(dep or "", court or NO_COURT) for dep, court, _month in atoms})
    departements = sorted({dep for dep, _court in leaves})
    region = {dep: territories.region_of(dep) for dep in departements}
    regions = published_regions(region)
    nation = (0, "", "", NO_COURT)
    nodes = [nation] + [(1, code, "", NO_COURT) for code in regions]
    nodes += [(2, region[dep], dep, NO_COURT) for dep in departements]
    if by_court:
        nodes += [(3, region[dep], dep, court) for dep, court in leaves if dep]
    cells = {(*node, period): 0 for node in nodes for period in periods}
    for (dep, court, month), count in atoms.items():
        dep, court, month_key = dep or "", court or NO_COURT, f"{month:%Y-%m}"
        targets = [nation, (2, region[dep], dep, NO_COURT)]
        targets += [(1, region[dep], "", NO_COURT)] if region[dep] in regions else []
        targets += [(3, region[dep], dep, court)] if dep and by_court else []
        for node in targets:
            cells[(*node, month_key)] += count
            cells[(*node, str(scope.year))] += count
    relations = [((*node, periods[-1]), [(*node, p) for p in periods[:-1]]) for node in nodes]
    for period in periods:
        relations.append(
            ((*nation, period), [(2, region[d], d, NO_COURT, period) for d in departements])
        )
        # The régions with a row, and the départements outside them, add up to the nation.
        beside = [
            (2, region[d], d, NO_COURT, period) for d in departements if region[d] not in regions
        ]
        if regions:
            relations.append(
                ((*nation, period), [(1, code, "", NO_COURT, period) for code in regions] + beside)
            )
        for code in regions:
            members = [(2, code, d, NO_COURT, period) for d in departements if region[d] == code]
            relations.append(((1, code, "", NO_COURT, period), members))
        for dep in departements if by_court else ():
            courts = [
                (3, region[dep], dep, court, period) for d, court in leaves if d == dep and dep
            ]
            if courts:
                relations.append(((2, region[dep], dep, NO_COURT, period), courts))
    return cells, relations


def published_regions(region: dict) -> list[str]:
    """The régions with a row of their own: not one whose row would repeat another row, the
    nation's (the only région) or its département's (the only one with records)."""
    members = {}
    for dep, code in region.items():
        members.setdefault(code, []).append(dep)
    if len(members) < 2:
        return []
    return sorted(code for code, deps in members.items() if code and len(deps) > 1)


def rows(scope: Scope) -> list[Row]:
    threshold = secrecy_threshold(scope.today)
    found = []
    for indicator in OPEN_DATA:
        cells, relations = tree(indicator.measure.cells(scope), scope, indicator.by_court)
        status = protected(cells, relations, threshold)
        found.append((indicator, cells, status))
    court_ids = {key[3] for _i, cells, _s in found for key in cells if key[3] != NO_COURT}
    names = dict(Agency.objects.filter(pk__in=court_ids).values_list("pk", "name"))
    result = []
    for indicator, cells, status in found:
        result += published(indicator.slug, cells, status, threshold, names)
    return result


def protected(cells: dict, relations: list, threshold: int) -> dict:
    """`secrecy.protect`, kept for the same cells (the relations follow from their keys)."""
    digest = hashlib.sha256(repr((sorted(cells.items()), threshold)).encode()).hexdigest()
    key = f"stats-secrecy-{digest}"
    status = cache.get(key)
    if status is None:
        status = protect(cells, relations, threshold)
        cache.set(key, status, PROTECTION_KEPT_SECONDS)
    return status


def published(slug, cells, status, threshold, court_names) -> list[Row]:
    """The rows of one indicator as the file shows them."""
    levels = (Level.NATIONAL, Level.REGION, Level.DEPARTEMENT, Level.COURT)
    labels = {Status.PRIMARY: f"< {threshold}", Status.SECONDARY: "secret"}
    result = []
    for key in sorted(cells):
        rank, region, dep, court, period = key
        court_name = "" if rank < 3 else court_names.get(court, _("Sans tribunal"))
        shown = labels.get(status[key], str(cells[key]))
        result.append(Row(slug, levels[rank].value, region, dep, court_name, period, shown))
    return result


def as_csv(scope: Scope) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(scope):
        writer.writerow(astuple(row))
    return out.getvalue().encode()


def as_json(scope: Scope) -> bytes:
    rule = SECRECY_THRESHOLD[-1]
    document = {
        "annee": scope.year,
        "date": scope.today.isoformat(),
        "secret_statistique": {
            "seuil": secrecy_threshold(scope.today),
            "source": rule.source,
            "legende": {
                f"< {rule.value}": _("effectif de 1 à %(top)s, masqué") % {"top": rule.value - 1},
                "secret": _("masqué pour qu'un effectif masqué ne puisse pas être recalculé"),
            },
        },
        "indicateurs": [
            {
                "code": indicator.slug,
                "nom": str(indicator.name),
                "definition": indicator.definition_text,
            }
            for indicator in OPEN_DATA
        ],
        "lignes": [dict(zip(COLUMNS, vars(row).values(), strict=True)) for row in rows(scope)],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
