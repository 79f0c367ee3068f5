"""A review of our failings in the browser: a case whose records hold a high danger never
re-assessed and an alarm taken in hand late is closed as a feminicide; the parquet opens its
review, sees both missed opportunities in the timeline read from the records, adds a
recommendation for the police unit, marks it done, closes the review, finds it from the case's
page (which the unit's officer, not invited, sees nothing of) and exports the anonymised
summary."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.factories import MembershipFactory
from tests.reviews.helpers import failed_case, parquet_of

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_parquet_reviews_a_feminicide_from_the_records_to_its_recommendations(
    signed_in_page,
):
    case = failed_case(close=False)
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    parquet = parquet_of(case)

    page = signed_in_page(officer)
    page.goto(case.get_absolute_url())
    page.get_by_label("Motif de clôture").select_option(label="Décès de la victime — féminicide")
    page.get_by_role("button", name="Clore le dossier").click()
    expect(page.get_by_text("Dossier clos.")).to_be_visible()
    expect(page.get_by_text(re.compile("revue de défaillances", re.IGNORECASE))).to_have_count(0)

    page = signed_in_page(parquet)
    page.goto(case.get_absolute_url())
    expect(page.get_by_role("button", name="Ouvrir la revue de défaillances")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "review-case-page-to-open")
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Revues de défaillances").click()
    row = page.locator("tr", has_text=case.reference)
    expect(row.get_by_text("Décès de la victime — féminicide")).to_be_visible()
    check_accessibility(page)
    row.get_by_role("button", name=re.compile("Ouvrir la revue")).click()
    expect(page.get_by_text("Revue ouverte.")).to_be_visible()

    timeline = page.locator("table", has_text="Chronologie de la revue")
    reassessment = timeline.locator("tr", has_text="Réévaluation due")
    expect(reassessment.get_by_text("Réévaluation jamais faite.")).to_be_visible()
    alert = timeline.locator("tr", has_text="au centre de surveillance")
    expect(alert.get_by_text(re.compile("prise en charge en 12 min"))).to_be_visible()
    expect(alert.get_by_text(re.compile("Au-delà du délai de prise en charge"))).to_be_visible()
    expect(timeline.locator("tr", has_text="Dossier clos")).to_contain_text("féminicide")
    expect(timeline.locator("tr", has_text="Dossier consulté").first).to_contain_text(
        "Policier ou gendarme"
    )
    check_accessibility(page)
    screenshot(page, "review-timeline")

    page.get_by_role("link", name="Ajouter une recommandation").click()
    page.get_by_role("textbox", name="Recommandation", exact=True).fill(
        "Toute alerte BAR est prise en charge en moins d'une minute, de jour comme de nuit"
    )
    page.get_by_label("Thème de la recommandation").select_option(
        label="Surveillance des dispositifs"
    )
    page.get_by_label("Service responsable").select_option(label=str(case.opening_agency))
    due = timezone.localdate() + timedelta(days=90)
    page.get_by_label("Échéance").fill(due.isoformat())
    check_accessibility(page)
    page.get_by_role("button", name="Ajouter la recommandation").click()
    expect(page.get_by_text("Recommandation ajoutée.")).to_be_visible()

    recommendation = page.locator("tr", has_text="moins d'une minute")
    expect(recommendation).to_contain_text(str(case.opening_agency))
    expect(recommendation).to_contain_text(f"{due:%d/%m/%Y}")
    recommendation.get_by_label("État").select_option(label="Faite")
    recommendation.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_text("Recommandation mise à jour.")).to_be_visible()
    page.get_by_role("button", name="Clore la revue").click()
    expect(page.get_by_text("Revue close.")).to_be_visible()
    expect(page.get_by_role("button", name="Clore la revue")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "review-closed")

    page.goto(case.get_absolute_url())
    expect(page.get_by_role("button", name="Ouvrir la revue de défaillances")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "review-case-page")
    page.get_by_role("link", name="Revue de défaillances", exact=True).click()
    expect(page.get_by_text("Revue close.")).to_have_count(0)
    expect(page.locator("table", has_text="Chronologie de la revue")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter la synthèse anonymisée (JSON)").click()
    summary = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert summary["outcome"] == "femicide"
    assert summary["review"]["status"] == "closed"
    assert summary["missed_opportunities"]["reassessment"] == 1
    assert summary["missed_opportunities"]["late_take_in_charge"] == 1
    assert summary["recommendations"][0]["status"] == "done"
    text = json.dumps(summary, ensure_ascii=False)
    for secret in (case.reference, case.victim.last_name, "Lilas", case.opening_agency.name):
        assert secret not in text
