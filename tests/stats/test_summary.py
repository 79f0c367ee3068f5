"""The indicators' summary: the pages add up stored cells instead of counting the records, give
the very figures a count of the records gives, say when they were counted, and count the
records again once the summary is no longer fresh."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse_lazy
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind, Role
from egide.demo.seed import seed
from egide.stats import summary, tasks
from egide.stats.indicators import INDICATORS
from egide.stats.measures import Current, Mean, Median, Scope, Share, Stock, Total
from egide.stats.models import Summary, SummaryBucket, SummaryCell
from egide.support.choices import AidForm, AidStatus
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory, TribunalFactory, agency_for_role
from tests.support.factories import aid_request

from .factories import DAY, orders, paris, two_courts_and_another_departement

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(sign_in_as):
    agency = agency_for_role(Role.ANALYST, "27", name="Préfecture de l'Eure")
    return sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency))


def scopes(year, today):
    """France, Normandie, the Eure, the Calvados, and each court."""
    courts = Agency.objects.filter(kind=AgencyKind.TRIBUNAL).values_list("pk", flat=True)
    return [
        Scope(year=year, today=today),
        Scope(year=year, today=today, region="28"),
        Scope(year=year, today=today, departement="27"),
        Scope(year=year, today=today, departement="14"),
        *(Scope(year=year, today=today, court_id=court) for court in courts),
    ]


def case_of(departement, court_name):
    """A case of another département than the demo's (whose references the factory's follow)."""
    court = TribunalFactory(name=court_name, departement=departement)
    unit = AgencyFactory(departement=departement, court=court)
    reference = f"VIF-{departement}-2026-000001"
    return CaseFactory(opening_agency=unit, reference=reference)


def test_the_summary_gives_every_figure_a_count_of_the_records_gives(settings):
    settings.DEMO = True
    seed()  # the demo département's records of every kind
    today = timezone.localdate()
    # The demo starts with its figures summed up, as if the jobs had run.
    assert isinstance(summary.source(Scope(year=today.year, today=today)), summary.Stored)
    assert isinstance(summary.source(Scope(year=today.year - 1, today=today)), summary.Stored)
    # Beside the demo's Eure, two more départements of Normandie.
    caen = case_of("14", "Tribunal judiciaire de Caen")
    rouen = case_of("76", "Tribunal judiciaire de Rouen")
    now = timezone.now()
    orders(caen, 3, now - 40 * DAY, heard_after=DAY, decided_after=5 * DAY)
    orders(rouen, 2, now - 400 * DAY, heard_after=DAY, decided_after=9 * DAY, rejected=True)
    orders(caen, 4, now - 2 * DAY)
    for amount, form in (("1000.00", AidForm.GRANT), ("500.55", AidForm.LOAN), ("333.33", "")):
        received = (now - 15 * DAY).date()
        aid_request(
            case=rouen,
            received_on=received,
            payment_due=received + 3 * DAY,
            status=AidStatus.PAID,
            paid_at=now - 10 * DAY,
            amount=Decimal(amount),
            form=form or AidForm.GRANT,
        )
    seen = set()
    for year in (today.year - 1, today.year):
        stored = summary.Stored(summary.count(year, today))
        for scope in scopes(year, today):
            allowed = [i for i in INDICATORS if i.available(scope)]
            live = summary.LIVE.series(allowed, scope)
            assert stored.series(allowed, scope) == live, scope
            for indicator in allowed:
                if isinstance(indicator.measure, Total):
                    counted = stored.cells(indicator, scope)
                    assert counted == summary.LIVE.cells(indicator, scope), indicator.slug
                series = live[indicator.slug]
                if series.total or any(value for _month, value in series.points):
                    seen.add(type(indicator.measure))
    # Not an empty comparison: each kind of measure had figures to compare.
    assert seen == {Total, Share, Median, Mean, Stock, Current}


URL = reverse_lazy("stats:indicator", args=["op-demandees"])


def national_total(client) -> int:
    page = client.get(URL, {"departement": "", "format": "json"}).json()
    return page["indicateurs"][0]["total"]


def counted_then_more(more_at):
    """12 orders counted by the job, then more recorded: 5 in the Calvados, or 1 in the Eure."""
    evreux, _bernay, caen = two_courts_and_another_departement()
    orders(evreux, 12, paris(2026, 3, 10))
    summary.count(2026)
    if more_at == "14":
        orders(caen, 5, paris(2026, 3, 11))
    else:
        orders(evreux, 1, paris(2026, 3, 10))


@time_machine.travel("2026-05-15 12:00 +0200", tick=True)
def test_a_page_reads_the_fresh_summary_and_says_when_it_was_counted(analyst):
    counted_then_more("14")
    assert national_total(analyst) == 12
    page = analyst.get(URL, {"departement": "", "format": "json"}).json()
    assert page["compte_le"].startswith("2026-05-15T12:00")
    html = analyst.get(URL, {"departement": ""}).content.decode()
    assert "Chiffres arrêtés le 15 mai 2026, 12:00." in html

    summary.count(2026)  # the job's next round
    assert national_total(analyst) == 17


@time_machine.travel("2026-05-15 12:00 +0200", tick=True)
def test_a_stale_summary_is_not_read_the_records_are_counted(analyst):
    counted_then_more("14")
    with time_machine.travel(timezone.now() + summary.FRESH["this year"] + timedelta(seconds=1)):
        assert national_total(analyst) == 17
        assert "Chiffres arrêtés" not in analyst.get(URL, {"departement": ""}).content.decode()


@time_machine.travel("2026-05-15 23:58 +0200", tick=True)
def test_yesterdays_summary_is_not_read_after_midnight(analyst):
    counted_then_more("27")
    with time_machine.travel("2026-05-16 00:01 +0200"):
        assert national_total(analyst) == 13


@time_machine.travel("2026-05-15 12:00 +0200", tick=True)
def test_the_jobs_count_this_year_often_last_year_hourly_the_older_ones_nightly():
    evreux, _bernay, _caen = two_courts_and_another_departement()
    orders(evreux, 2, paris(2024, 3, 10))
    orders(evreux, 3, paris(2026, 3, 10))
    summary.count_this_year()
    summary.count_this_year()
    assert list(Summary.objects.values_list("year", flat=True)) == [2026]  # replaced, not added
    tasks.count_last_year.call_local()
    tasks.count_older_years.call_local()
    assert set(Summary.objects.values_list("year", flat=True)) == set(range(2019, 2027))
    first = INDICATORS[0]
    for year, expected in ((2024, 2), (2026, 3)):
        scope = Scope(year=year, today=timezone.localdate())
        counts = summary.source(scope)
        assert isinstance(counts, summary.Stored)
        assert counts.series([first], scope)[first.slug].total == expected
    # Two hours on, this year is counted again by the records, older years still read.
    with time_machine.travel(timezone.now() + timedelta(hours=2, seconds=1)):
        today = timezone.localdate()
        assert summary.source(Scope(year=2026, today=today)) is summary.LIVE
        assert summary.source(Scope(year=2025, today=today)) is summary.LIVE
        assert isinstance(summary.source(Scope(year=2024, today=today)), summary.Stored)


@time_machine.travel("2026-05-15 12:00 +0200", tick=True)
def test_the_summary_holds_no_record_only_counts_per_territory():
    evreux, _bernay, _caen = two_courts_and_another_departement()
    orders(evreux, 2, paris(2026, 3, 10), heard_after=DAY, decided_after=4 * DAY)
    orders(evreux, 1, paris(2026, 3, 10), heard_after=DAY, decided_after=5 * DAY)
    counted = summary.count(2026)
    place = {"id", "summary", "indicator", "departement", "court_id", "month", "national"}
    for model, figures in ((SummaryCell, {"n", "k", "amount"}), (SummaryBucket, {"delay", "n"})):
        assert {field.name for field in model._meta.get_fields()} == place | figures
    buckets = counted.summarybuckets.filter(indicator="op-delai-median", national=False)
    # 4 and 5 days, in hours, for two orders and one, in the March of Évreux's court.
    assert sorted(buckets.values_list("delay", "n")) == [(96, 2), (120, 1)]
    assert {(b.departement, b.court_id, b.month) for b in buckets} == {
        ("27", evreux.court_id, date(2026, 3, 1))
    }


@time_machine.travel("2026-05-15 12:00 +0200", tick=True)
def test_a_count_still_running_is_not_started_twice():
    # The only test that runs this job: the lock is shared by the test processes.
    HUEY.flush_locks("stats-count-this-year")
    with HUEY.lock_task("stats-count-this-year"), pytest.raises(TaskLockedException):
        tasks.count_this_year.call_local()
    assert not Summary.objects.exists()
    tasks.count_this_year.call_local()
    assert Summary.objects.filter(year=2026).exists()
