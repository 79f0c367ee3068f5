"""How an indicator is computed: counts, shares, medians, means and stocks, per month, in SQL.

Every measure reads one model through the ORM and lets the database count: a query returns at
most one row per month (or per month and delay bucket for a median, or per month and territory
for the open data), never the records themselves. A measure knows where its records' territory
is (`Territory`): the département and the court of the case file, or of the shelter.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Avg, Count, Q, QuerySet
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


CASE = Territory("case__departement", "case__court")


@dataclass
class Series:
    """Values per month (None: nothing to measure that month) and the value over the year."""

    points: list[tuple[date, float | int | None]] = field(default_factory=list)
    total: float | int | None = None


def as_month(value) -> date:
    return value.date().replace(day=1) if isinstance(value, datetime) else value.replace(day=1)


@dataclass(frozen=True)
class Measure:
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


@dataclass(frozen=True)
class Total(Measure):
    """How many records, by the month of their date. The year is the sum of its months."""

    total_label = _("Total de l'année")

    def series(self, scope: Scope) -> Series:
        rows = self.monthly(scope).values("month").annotate(n=Count("pk"))
        counts = {as_month(row["month"]): row["n"] for row in rows}
        points = [(month, counts.get(month, 0)) for month in scope.months]
        return Series(points, sum(value for _, value in points))

    def cells(self, scope: Scope) -> Counter:
        """Counts per (département, court id or None, month): the finest cells of open data."""
        territory = self.territory
        group = [territory.departement, "month"]
        if territory.court:
            group.insert(1, f"{territory.court}_id")
        rows = self.monthly(scope).values(*group).annotate(n=Count("pk"))
        cells = Counter()
        for row in rows:
            court = row[f"{territory.court}_id"] if territory.court else None
            cells[(row[territory.departement], court, as_month(row["month"]))] += row["n"]
        return cells


@dataclass(frozen=True)
class Share(Measure):
    """The percentage of the records that also match `numerator`."""

    total_label = _("Sur l'année")

    numerator: Q = field(default_factory=Q)

    def series(self, scope: Scope) -> Series:
        rows = (
            self.monthly(scope)
            .values("month")
            .annotate(n=Count("pk"), k=Count("pk", filter=self.numerator))
        )
        found = {as_month(row["month"]): (row["k"], row["n"]) for row in rows}
        points = [(month, percent(*found.get(month, (0, 0)))) for month in scope.months]
        numerators = sum(k for k, _ in found.values())
        return Series(points, percent(numerators, sum(n for _, n in found.values())))


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Median(Measure):
    """The median delay, from a histogram the database counts per month and whole `elapsed`
    unit (hours, minutes, days): exact to the unit, whatever the number of records."""

    total_label = _("Sur l'année")

    elapsed: object = None
    scale: int = 1

    def series(self, scope: Scope) -> Series:
        rows = (
            self.monthly(scope)
            .annotate(bucket=self.elapsed)
            .values("month", "bucket")
            .annotate(n=Count("pk"))
        )
        histograms: dict[date, Counter] = {}
        for row in rows:
            histograms.setdefault(as_month(row["month"]), Counter())[row["bucket"]] += row["n"]
        points = [(month, self.median(histograms.get(month))) for month in scope.months]
        return Series(points, self.median(sum(histograms.values(), Counter())))

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
    """The mean of a numeric field."""

    total_label = _("Sur l'année")

    value_field: str = ""

    def series(self, scope: Scope) -> Series:
        rows = self.monthly(scope).values("month").annotate(mean=Avg(self.value_field))
        means = {as_month(row["month"]): row["mean"] for row in rows}
        points = [(month, rounded(means.get(month))) for month in scope.months]
        total = self.in_year(scope).aggregate(mean=Avg(self.value_field))["mean"]
        return Series(points, rounded(total))


def rounded(value) -> float | None:
    return None if value is None else round(float(value), 2)


@dataclass(frozen=True)
class Stock(Measure):
    """What is in place at the end of each month (today for the current month): `held_at(t)`
    says which records are, `amount` what each counts for. The year's value is the last one."""

    total_label = _("Dernière valeur")

    held_at: object = None
    amount: object = None

    def series(self, scope: Scope) -> Series:
        if not scope.months:
            return Series()
        amount = self.amount or (lambda held: Count("pk", filter=held))
        figures = self.records(scope).aggregate(
            **{
                f"m{index}": amount(self.held_at(scope.month_end(month)))
                for index, month in enumerate(scope.months)
            }
        )
        points = [(month, figures[f"m{index}"] or 0) for index, month in enumerate(scope.months)]
        return Series(points, points[-1][1])


@dataclass(frozen=True)
class Current:
    """A figure that has no history yet: only today's value, counted in SQL by `value(q)` for
    the records of the territory `q`."""

    total_label = _("Aujourd'hui")

    territory: Territory
    value: object = None

    def series(self, scope: Scope) -> Series:
        return Series([], self.value(self.territory.q(scope)))
