"""The desk's path in a browser: a case opened from a complaint, the LAP screen and the French
grid both giving a high danger with its measures; a CPCA worker and an analyst never reach the
case, its API, or the victim's address."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import Role
from egide.cases.models import Case
from tests.factories import MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VICTIM_ADDRESS = "27 allée des Peupliers, 27000 Évreux"
LAP_ITEMS = [f"q{number}" for number in range(1, 12)]
MEASURES = (
    "Téléphone grave danger (TGD), à demander au parquet",
    "Demande d'ordonnance provisoire de protection immédiate",
    "Mise à l'abri, hébergement",
)


def click_label(page, target: str) -> None:
    """DSFR draws its own radios and checkboxes over the input: the user clicks the label."""
    page.locator(f"label[for='{target}']").click()


def answer(page, item: str, yes: bool) -> None:
    click_label(page, f"id_item_{item}_{0 if yes else 1}")


def officer_opens_a_case_from_a_complaint(page) -> Case:
    page.goto("/dossiers/ouvrir/")
    expect(
        page.get_by_role("heading", name="Ouvrir un dossier à partir d'une plainte")
    ).to_be_visible()
    page.fill("#id_victim-last_name", "Moreau")
    page.fill("#id_victim-first_name", "Camille")
    page.fill("#id_victim-birth_date", "1988-04-12")
    page.fill("#id_victim-address", VICTIM_ADDRESS)
    # Inline validation: a wrong phone is flagged as soon as she leaves the field, then cleared.
    page.fill("#id_safe_contact-phone", "appelez-moi")
    page.keyboard.press("Tab")
    phone_error = page.locator("#id_safe_contact-phone-desc-error")
    expect(phone_error).to_contain_text("06 12 34 56 78")
    expect(page.locator("#id_safe_contact-phone")).to_have_attribute("aria-invalid", "true")
    page.fill("#id_safe_contact-phone", "06 44 55 66 77")
    page.keyboard.press("Tab")
    expect(phone_error).to_have_count(0)
    page.fill("#id_safe_contact-times_to_call", "entre 12 h et 13 h")
    page.fill("#id_safe_contact-code_word", "Mimosa")
    page.fill("#id_perpetrator-last_name", "Moreau")
    page.fill("#id_perpetrator-first_name", "Julien")
    page.fill("#id_perpetrator-birth_date", "1984-09-30")
    page.select_option("#id_relationship-kind", "married")
    page.fill("#id_incident-occurred_on", "2026-01-10")
    page.fill("#id_incident-commune", "Évreux")
    click_label(page, "id_incident-violence_forms_0")
    click_label(page, "id_incident-violence_forms_6")
    page.select_option("#id_incident-disclosure_channel", "police_complaint")
    page.fill("#id_incident-narrative", "Coups et menaces de mort au domicile.")
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.get_by_text(re.compile(r"Dossier VIF-.* ouvert\."))).to_be_visible()
    case = Case.objects.get()
    assert page.url.endswith(f"/dossiers/{case.pk}/")
    return case


def run_instrument(page, case, title: str, yes_items: set[str], all_items: list[str]) -> None:
    page.goto(f"/dossiers/{case.pk}/")
    page.get_by_role("link", name="Évaluer le danger").click()
    page.get_by_role("link", name=title).click()
    for item in all_items:
        answer(page, item, item in yes_items)
    page.get_by_role("button", name="Calculer et enregistrer").click()


def expect_high_danger_with_measures(page, label: str) -> None:
    expect(page.get_by_role("heading", name="Niveau de danger : Élevé")).to_be_visible()
    expect(page.locator(".fr-callout").first).to_contain_text(label)
    for measure in MEASURES:
        expect(page.locator("main")).to_contain_text(measure)


def test_officer_assesses_and_outsiders_are_refused(signed_in_page):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    page = signed_in_page(officer)
    case = officer_opens_a_case_from_a_complaint(page)
    expect(page.locator("main")).to_contain_text("Mimosa")  # her safe contact, at a glance

    # LAP: a single "yes" to questions 1 to 3 screens her in.
    run_instrument(page, case, re.compile("Lethality Assessment Program"), {"q2"}, LAP_ITEMS)
    expect_high_danger_with_measures(page, "Dépistée : danger élevé")
    expect(page.get_by_text("À faire maintenant")).to_be_visible()
    screenshot(page, "assessment-lap-high")
    check_accessibility(page)

    # French grid: twelve "yes" (none of them red) establish the danger.
    page.goto(f"/evaluations/dossier/{case.pk}/fr-police-grid/")
    grid_items = [
        name.removeprefix("item_")
        for name in page.locator("input[type=radio][value=yes]").evaluate_all(
            "inputs => inputs.map(input => input.name)"
        )
    ]
    assert len(grid_items) == 23
    red = {"p_firearms", "p_death_threats", "p_strangling", "c_separation", "c_more_frequent"}
    yes_items = set([item for item in grid_items if item not in red][:12])
    for item in grid_items:
        answer(page, item, item in yes_items)
    page.get_by_role("button", name="Calculer et enregistrer").click()
    expect_high_danger_with_measures(page, "Danger caractérisé")
    expect(page.get_by_text("12 réponses « oui » ou plus")).to_be_visible()
    screenshot(page, "assessment-fr-grid-high")

    page.goto(f"/dossiers/{case.pk}/")
    expect(page.locator("#danger-panel-title")).to_be_visible()
    expect(page.locator("section", has=page.locator("#danger-panel-title"))).to_contain_text(
        "Élevé"
    )
    assert case.assessments.count() == 2
    assessment = case.assessments.latest("created_at")

    urls = (
        f"/dossiers/{case.pk}/",
        f"/dossiers/{case.pk}/impression/",
        f"/evaluations/dossier/{case.pk}/",
        f"/evaluations/{assessment.pk}/",
        f"/evaluations/{assessment.pk}/resume-victime/",
        f"/api/v1/cases/{case.pk}",
        f"/api/v1/cases/{case.pk}/people",
        f"/api/v1/assessments/cases/{case.pk}",
        f"/api/v1/assessments/{assessment.pk}",
    )
    for role in (Role.CPCA_WORKER, Role.ANALYST):
        signed_in_page(MembershipFactory(role=role))
        for url in urls:
            response = page.goto(url)
            assert response.status in (403, 404), (role, url, response.status)
            text = response.text()
            for secret in (VICTIM_ADDRESS, "27 allée des Peupliers", "06 44 55 66 77", "Mimosa"):
                assert secret not in text, (role, url, secret)
        page.goto("/dossiers/")
        expect(page.locator("body")).not_to_contain_text("Peupliers")
        expect(page.locator("body")).not_to_contain_text("Moreau")
