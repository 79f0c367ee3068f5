"""The open-data export: additive counts per month and year, nationally, per département and per
court, with statistical secrecy applied (`secrecy.py`) across all those levels at once.

Territories form one tree: the nation, its départements (and "" for records without a case, an
alert of a device not yet linked, counted nationally), and under each département the courts
its cases belong to ("sans tribunal": a support case without a complaint). Each node is
published for each month and for the year, so a reader knows: year = sum of months, nation =
sum of départements, département = sum of its courts. The same records on the same day give
the same bytes.

Protecting a national table takes seconds (docs/indicators.md): a request never does it. It
counts the cells (SQL aggregates) and reads the protection stored for those very cells
(`ProtectedTable`), which the job (`tasks.py`) computed every night or when a request found the
records changed; until the job has run, the request serves the last table protected for the
year, whole and consistent.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.models import Agency

from . import tasks
from .choices import Level
from .indicators import OPEN_DATA
from .measures import Scope
from .models import ProtectedTable
from .rules import SECRECY_THRESHOLD, secrecy_threshold
from .secrecy import Status, protect

NO_COURT = 0
# A request that finds the records changed asks the job once for those cells, not once a request.
PROTECTION_ASKED_SECONDS = 600
COLUMNS = ("indicateur", "niveau", "departement", "tribunal", "periode", "valeur")


@dataclass(frozen=True)
class Row:
    indicator: str
    level: str
    departement: str
    court: str
    period: str
    value: str


def tree(atoms, scope: Scope) -> tuple[dict, list]:
    """The cells and relations of one indicator's year, from its counts per (département, court
    id, month). Keys: (level rank, département, court id, period): sorting them orders the
    file."""
    periods = [f"{month:%Y-%m}" for month in scope.months] + [str(scope.year)]
    leaves = sorted({(dep or "", court or NO_COURT) for dep, court, _month in atoms})
    departements = sorted({dep for dep, _court in leaves})
    nodes = [(0, "", NO_COURT)] + [(1, dep, NO_COURT) for dep in departements]
    nodes += [(2, dep, court) for dep, court in leaves if dep]
    cells = {(*node, period): 0 for node in nodes for period in periods}
    for (dep, court, month), count in atoms.items():
        dep, court, month_key = dep or "", court or NO_COURT, f"{month:%Y-%m}"
        targets = [(0, "", NO_COURT), (1, dep, NO_COURT)] + ([(2, dep, court)] if dep else [])
        for node in targets:
            cells[(*node, month_key)] += count
            cells[(*node, str(scope.year))] += count
    relations = [((*node, periods[-1]), [(*node, p) for p in periods[:-1]]) for node in nodes]
    for period in periods:
        relations.append(
            ((0, "", NO_COURT, period), [(1, d, NO_COURT, period) for d in departements])
        )
        for dep in departements:
            courts = [(2, dep, court, period) for d, court in leaves if d == dep and dep]
            if courts:
                relations.append(((1, dep, NO_COURT, period), courts))
    return cells, relations


class NotProtectedYet(Exception):
    """No table of the year is protected yet: the job has been asked for it."""


def rows(scope: Scope) -> list[Row]:
    threshold = secrecy_threshold(scope.today)
    found = []
    for indicator in OPEN_DATA:
        cells, _relations = tree(indicator.measure.cells(scope), scope)
        found.append((indicator, *protected(indicator.slug, scope, cells, threshold)))
    court_ids = {key[2] for _i, cells, _s in found for key in cells if key[2] != NO_COURT}
    names = dict(Agency.objects.filter(pk__in=court_ids).values_list("pk", "name"))
    result = []
    for indicator, cells, status in found:
        result += published(indicator.slug, cells, status, threshold, names)
    return result


def digest(slug: str, year: int, cells: dict, threshold: int) -> str:
    return hashlib.sha256(repr((slug, year, sorted(cells.items()), threshold)).encode()).hexdigest()


def protected(slug: str, scope: Scope, cells: dict, threshold: int) -> tuple[dict, dict]:
    """The cells and their status as published: the stored protection of these very cells, else
    (the job asked for it) the last table protected for the indicator and year."""
    key = digest(slug, scope.year, cells, threshold)
    table = ProtectedTable.objects.filter(digest=key).first()
    if table is None:
        asked = f"stats-protection-asked-{key}"
        if cache.add(asked, True, PROTECTION_ASKED_SECONDS):
            tasks.protect_open_data(scope.year)
        table = (
            ProtectedTable.objects.filter(indicator=slug, year=scope.year)
            .order_by("-protected_at", "-pk")
            .first()
        )
        if table is not None and table.digest == key:
            cache.delete(asked)  # done at once (a job queue in immediate mode)
    if table is None:
        raise NotProtectedYet(slug)
    cells = {tuple(key): count for *key, count, _status in table.cells}
    status = {tuple(key): Status(status) for *key, _count, status in table.cells}
    return cells, status


def protect_year(scope: Scope) -> int:
    """Protects and stores each open-data table of the year not stored yet for its cells; the
    tables it replaces go. Returns how many tables were protected."""
    threshold = secrecy_threshold(scope.today)
    done = 0
    for indicator in OPEN_DATA:
        cells, relations = tree(indicator.measure.cells(scope), scope)
        key = digest(indicator.slug, scope.year, cells, threshold)
        if ProtectedTable.objects.filter(digest=key).exists():
            continue
        status = protect(cells, relations, threshold)
        stored = [[*cell, cells[cell], status[cell].value] for cell in sorted(cells)]
        try:
            with transaction.atomic():
                table = ProtectedTable.objects.create(
                    indicator=indicator.slug, year=scope.year, digest=key, cells=stored
                )
        except IntegrityError:  # another job stored the same cells meanwhile
            continue
        ProtectedTable.objects.filter(indicator=indicator.slug, year=scope.year).exclude(
            pk=table.pk
        ).filter(protected_at__lte=table.protected_at).delete()
        done += 1
    return done


def protect_recent_years() -> int:
    """The current year's tables and the previous year's (whose records still change: a
    December request decided in January)."""
    today = timezone.localdate()
    return sum(protect_year(Scope(year=year, today=today)) for year in (today.year - 1, today.year))


def published(slug, cells, status, threshold, court_names) -> list[Row]:
    """The rows of one indicator as the file shows them."""
    levels = (Level.NATIONAL, Level.DEPARTEMENT, Level.COURT)
    labels = {Status.PRIMARY: f"< {threshold}", Status.SECONDARY: "secret"}
    result = []
    for key in sorted(cells):
        rank, dep, court, period = key
        court_name = "" if rank < 2 else court_names.get(court, _("Sans tribunal"))
        shown = labels.get(status[key], str(cells[key]))
        result.append(Row(slug, levels[rank].value, dep, court_name, period, shown))
    return result


def as_csv(scope: Scope) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(scope):
        writer.writerow(
            (row.indicator, row.level, row.departement, row.court, row.period, row.value)
        )
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
