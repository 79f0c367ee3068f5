"""The indicators' summary: every indicator's parts per département, court and month, and the
nation's, counted for a whole year by a job (`tasks.py`) and stored (`Summary`, `SummaryCell`,
`SummaryBucket`), so that a page of any territory, France included, adds up stored rows instead
of counting hundreds of thousands of records (docs/indicators.md, "The summary the pages read").

A page reads the summary only while it is fresh (`FRESH`); otherwise it counts the records
itself (`LIVE`), as it does in a database the job has not summed up yet. Both sources give the
same figures for the same records: the cells are the very parts a page's own count adds up
(`measures.Part`). A page read from the summary says when it was counted.
"""

from collections import Counter
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from .forms import FIRST_YEAR
from .indicators import INDICATORS
from .measures import Median, Part, Scope, Series, Territory, by_month
from .models import Summary, SummaryBucket, SummaryCell

# How often the jobs count each year again (`tasks.py`) and how long a page trusts a count:
# platform choices, a steering figure may be a few minutes old. This year's records change all
# the time; last year's a little (an assessment of December whose first measure came in
# January); older years' hardly.
RECOUNT_MINUTES = 2
FRESH = {
    "this year": timedelta(minutes=10),
    "last year": timedelta(hours=2),
    "older": timedelta(hours=26),
}
CELL = Territory("departement", "court")


def fresh_for(year: int, today: date) -> timedelta:
    if year >= today.year:
        return FRESH["this year"]
    return FRESH["last year"] if year == today.year - 1 else FRESH["older"]


class Live:
    """Counting the records at each request: each indicator's own queries."""

    counted_at = None

    def series(self, indicators, scope: Scope) -> dict[str, Series]:
        return {indicator.slug: indicator.measure.series(scope) for indicator in indicators}

    def cells(self, indicator, scope: Scope) -> Counter:
        return indicator.measure.cells(scope)


LIVE = Live()


class Stored:
    """Adding up the stored cells of the scope's territory: one query for every indicator's
    counts and sums, one for the medians' histograms, each summed by the database."""

    def __init__(self, summary: Summary):
        self.summary = summary
        self.counted_at = summary.counted_at

    def placed(self, model, scope: Scope, slugs, cells: bool = False):
        """The summary's rows of `model` for these indicators in the scope's territory: France's
        total, unless the `cells` are asked for."""
        national = not (scope.territorial or cells)
        rows = model.objects.filter(
            CELL.q(scope), summary=self.summary, indicator__in=slugs, national=national
        )
        return rows.order_by()

    def series(self, indicators, scope: Scope) -> dict[str, Series]:
        months = {indicator.slug: {} for indicator in indicators}
        rows = (
            self.placed(SummaryCell, scope, months)
            .values("indicator", "month")
            .annotate(n=Sum("n"), k=Sum("k"), amount=Sum("amount"))
        )
        for row in rows:
            part = Part(n=row["n"], k=row["k"], amount=row["amount"])
            months[row["indicator"]][row["month"]] = part
        medians = [i.slug for i in indicators if isinstance(i.measure, Median)]
        buckets = (
            self.placed(SummaryBucket, scope, medians)
            .values("indicator", "month", "delay")
            .annotate(n=Sum("n"))
        )
        for row in buckets:
            part = months[row["indicator"]].setdefault(row["month"], Part())
            part.histogram[row["delay"]] += row["n"]
        return {
            indicator.slug: indicator.measure.reduce(months[indicator.slug], scope)
            for indicator in indicators
        }

    def cells(self, indicator, scope: Scope) -> Counter:
        rows = self.placed(SummaryCell, scope, [indicator.slug], cells=True).values_list(
            "departement", "court_id", "month", "n"
        )
        return Counter({(dep, court, month): n for dep, court, month, n in rows})


def latest(year: int, today: date) -> Summary | None:
    """The year's last summary counted today, if still fresh."""
    since = timezone.now() - fresh_for(year, today)
    found = Summary.objects.filter(year=year, day=today, counted_at__gte=since)
    return found.order_by("-counted_at", "-pk").first()


def source(scope: Scope) -> Live | Stored:
    summary = latest(scope.year, scope.today)
    return LIVE if summary is None else Stored(summary)


def count(year: int, today: date | None = None) -> Summary:
    """Counts every indicator's cells for `year` and stores them, in place of the year's
    previous summary (readers see one or the other, whole)."""
    today = today or timezone.localdate()
    scope = Scope(year=year, today=today)
    counted_at = timezone.now()  # what is recorded while counting is in the next summary
    rows = []
    for indicator in INDICATORS:
        parts = indicator.measure.parts(scope, True)
        for (departement, court, month), part in parts.items():
            place = {"departement": departement, "court_id": court, "month": month}
            rows += stored_rows(indicator, place, part)
        # The nation's total too, so that France's pages add up a few rows, not every cell.
        for month, part in by_month(parts).items():
            rows += stored_rows(indicator, {"month": month, "national": True}, part)
    with transaction.atomic():
        summary = Summary.objects.create(year=year, day=today, counted_at=counted_at)
        for row in rows:
            row.summary = summary
        for model in (SummaryCell, SummaryBucket):
            model.objects.bulk_create([r for r in rows if type(r) is model], batch_size=5000)
    Summary.objects.filter(year=year, counted_at__lte=counted_at).exclude(pk=summary.pk).delete()
    return summary


def stored_rows(indicator, place: dict, part: Part) -> list:
    """A cell's rows: its parts, or a median's histogram, one row per delay."""
    place = {"indicator": indicator.slug, **place}
    if isinstance(indicator.measure, Median):
        return [SummaryBucket(**place, delay=delay, n=n) for delay, n in part.histogram.items()]
    return [SummaryCell(**place, n=part.n, k=part.k, amount=part.amount)]


def count_this_year() -> None:
    today = timezone.localdate()
    count(today.year, today)


def count_last_year() -> None:
    today = timezone.localdate()
    count(today.year - 1, today)


def count_older_years() -> None:
    today = timezone.localdate()
    for year in range(FIRST_YEAR, today.year - 1):
        count(year, today)
