"""How an indicator is computed: counts, shares, medians, means and stocks, per month, in SQL.

Every measure reads one model through the ORM and lets the database count: a query returns at
most one row per month (or per month and delay bucket for a median), or per month and territory
for the summary and the open data, never the records themselves. A measure knows where its
records' territory is (`Territory`): the département and the court of the case file, or of the
shelter.

What the database returns are additive parts (`Part`: a count, a numerator, a sum, a histogram
of delays) per cell (département, court, month): the parts of any territory are the sums of its
cells' parts, which is what lets the pages read the stored cells (`summary.py`) instead of
counting the records again. `reduce` turns a territory's parts per month into its series.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.justice.rules import start_of_day

from .territories import departements_of


@dataclass(frozen=True)
class Scope:
    """What the reader asked for: a year (its months up to `today`), optionally one territory
    (a région, a département, a court)."""

    year: int
    today: date
    departement: str = ""
    court_id: int | None = None
    region: str = ""

    @property
    def months(self) -> list[date]:
        if self.year > self.today.year:
            return []
        last = self.today.month if self.year == self.today.year else 12
        return [date(self.year, month, 1) for month in range(1, last + 1)]

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime(self.year, 1, 1))

    @property
    def end(self) -> datetime:
        return timezone.make_aware(datetime(self.year + 1, 1, 1))

    def month_end(self, month: date) -> datetime:
        """The instant a stock is read for `month`: the end of the month, or today's end."""
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if following > self.today:
            following = date.fromordinal(self.today.toordinal() + 1)
        return start_of_day(following)

    @property
    def territorial(self) -> bool:
        return bool(self.region or self.departement or self.court_id)


@dataclass(frozen=True)
class Territory:
    """Where a record's département and court are, as ORM paths (no court: `court` is "")."""

    departement: str
    court: str = ""

    def q(self, scope: Scope) -> Q:
        condition = Q()
        if scope.region:
            condition &= Q(**{f"{self.departement}__in": departements_of(scope.region)})
        if scope.departement:
            condition &= Q(**{self.departement: scope.departement})
        if scope.court_id:
            condition &= Q(**{f"{self.court}_id": scope.court_id}) if self.court else Q(pk=None)
        return condition

    def places(self) -> list[str]:
        """The fields a query groups by to give cells."""
        return [self.departement] + ([f"{self.court}_id"] if self.court else [])

    def cell(self, row: dict, month) -> tuple:
        court = row[f"{self.court}_id"] if self.court else None
        return (row[self.departement] or "", court, month)


CASE = Territory("case__departement", "case__court")


@dataclass
class Series:
    """Values per month (None: nothing to measure that month) and the value over the year."""

    points: list[tuple[date, float | int | None]] = field(default_factory=list)
    total: float | int | None = None


@dataclass
class Part:
    """What a cell's records add up to: `n` records (or the stock, or today's figure), `k` of
    them matching a share's numerator, `amount` summed, and a histogram of delays."""

    n: int = 0
    k: int = 0
    amount: Decimal | int = 0
    histogram: Counter = field(default_factory=Counter)

    def add(self, other: "Part") -> "Part":
        self.n += other.n
        self.k += other.k
        self.amount += other.amount
        self.histogram.update(other.histogram)
        return self

    def __add__(self, other: "Part") -> "Part":
        return Part(histogram=Counter()).add(self).add(other)


# A cell: (département code or "", court id or None, month or None for a figure of today).
Cell = tuple[str, int | None, date | None]


def by_month(parts: dict) -> dict:
    """The parts of the cells added up per month: a territory's figures."""
    months = {}
    for (_departement, _court, month), part in parts.items():
        months.setdefault(month, Part()).add(part)
    return months


def as_month(value) -> date:
    return value.date().replace(day=1) if isinstance(value, datetime) else value.replace(day=1)


class Parted:
    """A measure whose `parts` give its cells (`by_territory`) or its months."""

    def places(self, by_territory: bool) -> list[str]:
        """The fields a query groups by to give cells (none: the whole territory at once)."""
        return self.territory.places() if by_territory else []

    def cell(self, row: dict, by_territory: bool, month: date | None) -> Cell:
        return self.territory.cell(row, month) if by_territory else ("", None, month)

    def series(self, scope: Scope) -> Series:
        return self.reduce(by_month(self.parts(scope)), scope)


@dataclass(frozen=True)
class Measure(Parted):
    """Records of `model` matching `where`, dated by `date_field`, placed by `territory`."""

    model: type
    date_field: str
    territory: Territory = CASE
    where: Q = field(default_factory=Q)

    def records(self, scope: Scope) -> QuerySet:
        return self.model._default_manager.filter(self.where, self.territory.q(scope))

    def in_year(self, scope: Scope) -> QuerySet:
        field_name = self.date_field
        # Records dated in the future (a re-assessment due next week) are not measured yet.
        if self.model._meta.get_field(field_name).get_internal_type() == "DateField":
            bounds = (date(scope.year, 1, 1), date(scope.year + 1, 1, 1))
        else:
            bounds = (scope.start, min(scope.end, timezone.now()))
        return self.records(scope).filter(
            **{f"{field_name}__gte": bounds[0], f"{field_name}__lt": bounds[1]}
        )

    def monthly(self, scope: Scope) -> QuerySet:
        return self.in_year(scope).annotate(month=TruncMonth(self.date_field)).order_by()

    def parts(self, scope: Scope, by_territory: bool = False) -> dict[Cell, Part]:
        """The parts per month, or per cell (`by_territory`), counted by the database."""
        group = [*self.places(by_territory), "month"]
        rows = self.monthly(scope).values(*group).annotate(**self.counts())
        found = {}
        for row in rows:
            cell = self.cell(row, by_territory, as_month(row["month"]))
            found.setdefault(cell, Part()).add(self.part(row))
        return found


@dataclass(frozen=True)
class Total(Measure):
    """How many records, by the month of their date. The year is the sum of its months."""

    total_label = _("Total de l'année")

    def counts(self) -> dict:
        return {"n": Count("pk")}

    def part(self, row: dict) -> Part:
        return Part(n=row["n"])

    def reduce(self, months: dict, scope: Scope) -> Series:
        points = [(month, months.get(month, Part()).n) for month in scope.months]
        return Series(points, sum(value for _, value in points))

    def cells(self, scope: Scope) -> Counter:
        """Counts per (département, court id or None, month): the finest cells of open data."""
        return Counter(
            {cell: part.n for cell, part in self.parts(scope, by_territory=True).items()}
        )


@dataclass(frozen=True)
class Share(Measure):
    """The percentage of the records that also match `numerator`."""

    total_label = _("Sur l'année")

    numerator: Q = field(default_factory=Q)

    def counts(self) -> dict:
        return {"n": Count("pk"), "k": Count("pk", filter=self.numerator)}

    def part(self, row: dict) -> Part:
        return Part(n=row["n"], k=row["k"])

    def reduce(self, months: dict, scope: Scope) -> Series:
        found = [months.get(month, Part()) for month in scope.months]
        points = [
            (month, percent(part.k, part.n))
            for month, part in zip(scope.months, found, strict=True)
        ]
        whole = sum(found, Part())
        return Series(points, percent(whole.k, whole.n))


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Median(Measure):
    """The median delay, from a histogram the database counts per month and whole `elapsed`
    unit (hours, minutes, days): exact to the unit, whatever the number of records."""

    total_label = _("Sur l'année")

    elapsed: object = None
    scale: int = 1

    def monthly(self, scope: Scope) -> QuerySet:
        return super().monthly(scope).annotate(bucket=self.elapsed)

    def parts(self, scope: Scope, by_territory: bool = False) -> dict[Cell, Part]:
        group = [*self.places(by_territory), "month", "bucket"]
        rows = self.monthly(scope).values(*group).annotate(n=Count("pk"))
        found = {}
        for row in rows:
            cell = self.cell(row, by_territory, as_month(row["month"]))
            found.setdefault(cell, Part()).histogram[row["bucket"]] += row["n"]
        return found

    def reduce(self, months: dict, scope: Scope) -> Series:
        histograms = [months.get(month, Part()).histogram for month in scope.months]
        points = [
            (month, self.median(histogram))
            for month, histogram in zip(scope.months, histograms, strict=True)
        ]
        return Series(points, self.median(sum(histograms, Counter())))

    def median(self, histogram: Counter | None) -> float | None:
        if not histogram:
            return None
        size = sum(histogram.values())
        middle = ((size - 1) // 2, size // 2)
        values, seen = [], 0
        for bucket in sorted(histogram):
            seen += histogram[bucket]
            values += [bucket for rank in middle if seen - histogram[bucket] <= rank < seen]
        return round(sum(values) / len(values) / self.scale, 1)


@dataclass(frozen=True)
class Mean(Measure):
    """The mean of a numeric field (its sum over how many records have one)."""

    total_label = _("Sur l'année")

    value_field: str = ""

    def counts(self) -> dict:
        return {"n": Count(self.value_field), "amount": Sum(self.value_field)}

    def part(self, row: dict) -> Part:
        return Part(n=row["n"], amount=row["amount"] or 0)

    def reduce(self, months: dict, scope: Scope) -> Series:
        found = [months.get(month, Part()) for month in scope.months]
        points = [(month, mean(part)) for month, part in zip(scope.months, found, strict=True)]
        return Series(points, mean(sum(found, Part())))


def mean(part: Part) -> float | None:
    return round(float(Decimal(part.amount) / part.n), 2) if part.n else None


@dataclass(frozen=True)
class Stock(Measure):
    """What is in place at the end of each month (today for the current month): `held_at(t)`
    says which records are, `amount` what each counts for. The year's value is the last one."""

    total_label = _("Dernière valeur")

    held_at: object = None
    amount: object = None

    def parts(self, scope: Scope, by_territory: bool = False) -> dict[Cell, Part]:
        if not scope.months:
            return {}
        amount = self.amount or (lambda held: Count("pk", filter=held))
        figures = {
            f"m{index}": amount(self.held_at(scope.month_end(month)))
            for index, month in enumerate(scope.months)
        }
        records = self.records(scope).order_by()
        if by_territory:
            rows = records.values(*self.places(by_territory)).annotate(**figures)
        else:
            rows = [records.aggregate(**figures)]
        found = {}
        for row in rows:
            for index, month in enumerate(scope.months):
                if row[f"m{index}"]:
                    cell = self.cell(row, by_territory, month)
                    found.setdefault(cell, Part()).add(Part(n=row[f"m{index}"]))
        return found

    def reduce(self, months: dict, scope: Scope) -> Series:
        if not scope.months:
            return Series()
        points = [(month, months.get(month, Part()).n) for month in scope.months]
        return Series(points, points[-1][1])


@dataclass(frozen=True)
class Current(Parted):
    """A figure that has no history yet: only today's value, counted in SQL as `amount` over the
    records `records(q)` gives for the territory `q`."""

    total_label = _("Aujourd'hui")

    territory: Territory
    records: object = None
    amount: object = field(default_factory=lambda: Count("pk"))

    def parts(self, scope: Scope, by_territory: bool = False) -> dict[Cell, Part]:
        records = self.records(self.territory.q(scope)).order_by()
        if by_territory:
            rows = records.values(*self.places(by_territory)).annotate(n=self.amount)
        else:
            rows = [records.aggregate(n=self.amount)]
        return {self.cell(row, by_territory, None): Part(n=row["n"]) for row in rows if row["n"]}

    def reduce(self, months: dict, scope: Scope) -> Series:
        return Series([], months.get(None, Part()).n)
