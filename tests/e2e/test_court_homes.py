"""The court's working day in a browser: the officer asks the parquet after a high-danger grid, the
procureur decides a breach, the JAF sees its own overdue decision and decides after the hearing
with her home as a forbidden place, the greffe notifies by a commissaire de justice."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egide.justice import services
from egide.justice.choices import BreachKind, BreachSource
from egide.justice.models import ProtectionOrder
from tests.assessment.helpers import first_ids, grid, officer_and_case, record, sheet
from tests.cases.factories import CaseFactory
from tests.justice.helpers import court_of, order_heard, order_with_hearing

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tick(page, label) -> None:
    page.locator("label", has_text=label).click()


@pytest.fixture
def court_day():
    officer, case = officer_and_case()
    assessment = record(
        officer, case, grid(), answers=sheet(grid(), yes=first_ids(grid(), 2, red=True))
    )
    court = court_of(case)
    late_case = CaseFactory(court=case.court)
    _c, _court, late = order_with_hearing(late_case, court)
    ProtectionOrder.objects.filter(pk=late.pk).update(
        decision_due_at=timezone.now() - timedelta(hours=5)
    )
    heard_case = CaseFactory(court=case.court)
    _c, _court, heard = order_heard(heard_case, court)
    services.report_breach(
        late_case,
        BreachKind.CONTACT_BAN,
        timezone.now(),
        "Appels répétés",
        source=BreachSource.VICTIM,
    )
    return {"officer": officer, "case": case, "assessment": assessment, "court": court,
            "late": late_case, "heard": heard}  # fmt: skip


def test_each_court_role_walks_its_day(signed_in_page, court_day):
    page = signed_in_page(court_day["officer"])
    page.goto("/")
    screenshot(page, "home-police")
    page.goto(court_day["assessment"].get_absolute_url())
    page.get_by_role("link", name="Demander au parquet").click()
    page.get_by_label("Motifs (faits, danger, avis de la victime)").fill(
        "Menaces de mort réitérées"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Demande transmise au parquet")).to_be_visible()

    court = court_day["court"]
    page = signed_in_page(court.prosecutor.membership)
    page.goto("/")
    expect(
        page.get_by_text(re.compile("Demande des enquêteurs : Téléphone grave danger"))
    ).to_be_visible()
    expect(page.get_by_text(re.compile("Violation à prendre en compte"))).to_be_visible()
    screenshot(page, "home-procureur")
    check_accessibility(page)
    page.goto("/justice/violations/")
    page.get_by_label("Décision prise").select_option("custody")
    page.get_by_role("button", name="Prendre en compte").click()
    expect(page.get_by_text("Violation prise en compte : décision enregistrée.")).to_be_visible()

    page = signed_in_page(court.judge.membership)
    page.goto("/")
    expect(page.get_by_text(re.compile("En retard : à faire avant le"))).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Violation")
    screenshot(page, "home-jaf")
    check_accessibility(page)
    page.goto(f"/justice/op/{court_day['heard'].pk}/decision/")
    page.locator("#id_decision").select_option("granted")
    tick(page, re.compile("1° Interdiction d'entrer en contact"))
    page.get_by_label("Personnes avec qui tout contact est interdit").fill("La victime")
    tick(page, re.compile("1° bis Interdiction de se rendre"))
    tick(page, re.compile("domicile de la victime"))
    page.get_by_label(re.compile("élection de domicile")).select_option("lawyer")
    page.get_by_label("Motifs de la décision").fill("Violences vraisemblables, danger établi.")
    screenshot(page, "justice-decision-form")
    check_accessibility(page)
    page.get_by_role("button", name="Rendre la décision").click()
    expect(page.get_by_text("Décision enregistrée.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("rue des Lilas")

    page = signed_in_page(court.clerk.membership)
    page.goto("/")
    expect(page.get_by_text(re.compile("OP : à notifier"))).to_be_visible()
    screenshot(page, "home-greffe")
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("OP : à notifier")).click()
    page.get_by_role("link", name="Enregistrer la notification").click()
    page.get_by_label("Destinataire").select_option("defendant")
    page.get_by_label("Mode").select_option("bailiff")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Signification par commissaire de justice")).to_be_visible()
    expect(
        page.get_by_text(re.compile("mois à compter de la notification à l'auteur"))
    ).to_be_visible()
