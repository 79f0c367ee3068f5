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

Protecting a national table takes seconds (docs/indicators.md): a request never does it. It
counts the cells (SQL aggregates) and serves the file stored for those very counts and day
(`OpenDataFile`), which the job (`tasks.py`) makes every night, or when a request found the
records changed; until the job has run, the request serves the last file made for the year,
whole and consistent. The job protects again only the tables whose counts changed
(`ProtectedTable`).
"""

import csv
import hashlib
import io
import json
from dataclasses import astuple, dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egide.accounts.models import Agency

from . import summary, tasks, territories
from .choices import Level
from .indicators import OPEN_DATA
from .measures import Scope
from .models import OpenDataFile, ProtectedTable
from .rules import SECRECY_THRESHOLD, secrecy_threshold
from .secrecy import Status, protect

NO_COURT = 0
# A request that finds the records changed asks the job once for those cells, not once a request.
PROTECTION_ASKED_SECONDS = 600
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


class NotProtectedYet(Exception):
    """No file of the year is protected yet: the job has been asked for it."""


def counted(scope: Scope) -> list[tuple]:
    """Each open-data indicator with its counts per (département, court id, month), from the
    indicators' summary while it is fresh (`summary.py`)."""
    counts = summary.source(scope)
    return [(indicator, counts.cells(indicator, scope)) for indicator in OPEN_DATA]


def table_digest(slug: str, scope: Scope, atoms, threshold: int) -> str:
    """Names one indicator's table: its counts, months and threshold (its cells follow)."""
    counts = sorted(
        ((dep or "", court or NO_COURT, month), count)
        for (dep, court, month), count in atoms.items()
    )
    content = (slug, scope.year, len(scope.months), counts, threshold)
    return hashlib.sha256(repr(content).encode()).hexdigest()


def file_digest(scope: Scope, counts: list[tuple], threshold: int) -> str:
    """Names a file: its day and its tables."""
    tables = [table_digest(indicator.slug, scope, atoms, threshold) for indicator, atoms in counts]
    return hashlib.sha256(repr((scope.today, tables)).encode()).hexdigest()


def stored_file(scope: Scope, fmt: str) -> bytes:
    """The public file as the job stored it for these very records and day; else (the job is
    asked for it) the last one stored for the year. Counting is SQL; nothing is protected here."""
    key = file_digest(scope, counted(scope), secrecy_threshold(scope.today))
    found = OpenDataFile.objects.filter(digest=key).first()
    if found is None:
        asked = f"stats-open-data-asked-{key}"
        if cache.add(asked, True, PROTECTION_ASKED_SECONDS):
            tasks.protect_open_data(scope.year)
        found = latest_file(scope.year)
        if found is not None and found.digest == key:
            cache.delete(asked)  # made at once (a job queue in immediate mode)
    if found is None:
        raise NotProtectedYet(scope.year)
    return bytes(found.csv if fmt == "csv" else found.json)


def latest_file(year: int) -> OpenDataFile | None:
    """The last file the job stored for `year`, whatever has changed since."""
    return OpenDataFile.objects.filter(year=year).order_by("-made_at", "-pk").first()


def rows(scope: Scope, counts: list[tuple] | None = None) -> list[Row]:
    """The file's rows, each table protected by secrecy (read from the tables already protected
    for the same counts): the job's work, seconds per national table the first time."""
    threshold = secrecy_threshold(scope.today)
    found = []
    for indicator, atoms in counts or counted(scope):
        cells, relations = tree(atoms, scope, indicator.by_court)
        key = table_digest(indicator.slug, scope, atoms, threshold)
        status = protected(indicator.slug, scope.year, key, cells, relations, threshold)
        found.append((indicator, cells, status))
    court_ids = {key[3] for _i, cells, _s in found for key in cells if key[3] != NO_COURT}
    names = dict(Agency.objects.filter(pk__in=court_ids).values_list("pk", "name"))
    result = []
    for indicator, cells, status in found:
        result += published(indicator.slug, cells, status, threshold, names)
    return result


def protected(slug: str, year: int, key: str, cells: dict, relations: list, threshold: int):
    """`secrecy.protect`, stored for the same counts: only a changed table is protected again."""
    table = ProtectedTable.objects.filter(digest=key).first()
    if table is not None:
        return {tuple(cell): Status(status) for *cell, status in table.status}
    status = protect(cells, relations, threshold)
    stored = [[*cell, status[cell].value] for cell in sorted(cells)]
    with transaction.atomic():
        table, made = ProtectedTable.objects.get_or_create(
            digest=key, defaults={"indicator": slug, "year": year, "status": stored}
        )
    if made:
        older = ProtectedTable.objects.filter(indicator=slug, year=year)
        older.exclude(pk=table.pk).filter(protected_at__lte=table.protected_at).delete()
    return status


def protect_year(scope: Scope) -> bool:
    """Protects the year's tables that changed and stores the day's files (French whatever the
    reader's language), unless stored already. Returns whether a file was made."""
    counts = counted(scope)
    key = file_digest(scope, counts, secrecy_threshold(scope.today))
    if OpenDataFile.objects.filter(digest=key).exists():
        return False
    with translation.override("fr"):
        found = rows(scope, counts)
        csv_body, json_body = as_csv(scope, found), as_json(scope, found)
    try:
        with transaction.atomic():
            made = OpenDataFile.objects.create(
                year=scope.year, day=scope.today, digest=key, csv=csv_body, json=json_body
            )
    except IntegrityError:  # another job made the same file meanwhile
        return False
    OpenDataFile.objects.filter(year=scope.year, made_at__lt=made.made_at).delete()
    return True


def protect_recent_years() -> int:
    """The current year's files and the previous year's (whose records still change: a
    December request decided in January). Returns how many files were made."""
    today = timezone.localdate()
    years = (today.year - 1, today.year)
    return sum(protect_year(Scope(year=year, today=today)) for year in years)


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


def as_csv(scope: Scope, found: list[Row] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in found if found is not None else rows(scope):
        writer.writerow(astuple(row))
    return out.getvalue().encode()


def as_json(scope: Scope, found: list[Row] | None = None) -> bytes:
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
        "lignes": [
            dict(zip(COLUMNS, vars(row).values(), strict=True))
            for row in (found if found is not None else rows(scope))
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
