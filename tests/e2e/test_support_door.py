"""The association's door in a browser: a CIDFF worker opens a support case
without complaint with the victim's consent, assesses the danger, and refers her to the police
with her consent; the complaint she files later at the desk joins the same case, after the
officer, told only that a support file exists, has asked her."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from egide.cases.models import Case
from tests.factories import AgencyFactory, MembershipFactory

from .browser import check_accessibility, screenshot
from .test_assessment_flow import LAP_ITEMS, answer, click_label

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_victim_and_facts(page) -> None:
    page.fill("#id_victim-last_name", "Moreau")
    page.fill("#id_victim-first_name", "Camille")
    page.fill("#id_victim-birth_date", "1988-04-12")
    page.fill("#id_safe_contact-phone", "06 44 55 66 77")
    page.fill("#id_safe_contact-code_word", "Mimosa")
    page.fill("#id_perpetrator-last_name", "Moreau")
    page.fill("#id_perpetrator-first_name", "Julien")
    page.fill("#id_perpetrator-birth_date", "1984-09-30")
    page.select_option("#id_relationship-kind", "married")
    page.fill("#id_incident-occurred_on", "2026-01-10")
    page.fill("#id_incident-commune", "Évreux")
    click_label(page, "id_incident-violence_forms_0")


def test_a_cidff_support_case_is_joined_by_the_complaint_filed_later(signed_in_page):
    cidff = AgencyFactory(kind=AgencyKind.ASSOCIATION, name="CIDFF de l'Eure")
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff)
    unit = AgencyFactory(name="Commissariat d'Évreux", court=cidff.court)
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=unit)

    # The CIDFF opens a support case, without complaint, once she has consented.
    page = signed_in_page(referent)
    page.goto("/dossiers/")
    page.get_by_role("link", name="Ouvrir un accompagnement").click()
    fill_victim_and_facts(page)
    page.select_option("#id_incident-disclosure_channel", "association")
    click_label(page, "id_consent-consent")
    page.select_option("#id_consent-scope", "whole_file")
    page.get_by_role("button", name="Ouvrir l'accompagnement").click()
    expect(page.get_by_text(re.compile(r"Accompagnement VIF-.* ouvert\."))).to_be_visible()
    expect(page.locator("#complaint-status")).to_have_text("Sans plainte")
    case = Case.objects.get()
    check_accessibility(page)

    # She assesses the danger with the same engine.
    page.get_by_role("link", name="Évaluer le danger").click()
    page.get_by_role("link", name=re.compile("Lethality Assessment Program")).click()
    for item in LAP_ITEMS:
        answer(page, item, item == "q2")
    page.get_by_role("button", name="Calculer et enregistrer").click()
    expect(page.get_by_role("heading", name="Niveau de danger : Élevé")).to_be_visible()

    # She refers the victim to the police unit with her consent.
    page.goto(f"/dossiers/{case.pk}/partage/")
    consent = page.locator("form[action$='/partage/consentement/']")
    consent.locator("select[name=agency]").select_option(label="Commissariat d'Évreux")
    consent.locator("select[name=scope]").select_option("whole_file")
    consent.get_by_role("button", name="Enregistrer le consentement").click()
    referral = page.locator("form[action$='/partage/orientation/']")
    referral.locator("select[name=to_agency]").select_option(label="Commissariat d'Évreux")
    referral.locator("select[name=to_role]").select_option(Role.POLICE_OFFICER)
    referral.locator("select[name=scope]").select_option("whole_file")
    referral.get_by_role("button", name="Orienter").click()
    expect(page.locator("main")).to_contain_text("Commissariat d'Évreux — Tout le dossier")
    screenshot(page, "support-door-referral")

    # Days later, at the desk: the officer learns only that a support file exists, and asks her.
    page = signed_in_page(officer)
    page.goto("/dossiers/ouvrir/")
    fill_victim_and_facts(page)
    page.fill("#id_victim-last_name", "MOREAU")
    page.select_option("#id_incident-disclosure_channel", "police_complaint")
    page.get_by_role("button", name="Ouvrir le dossier").click()
    notice = page.locator("#support-match")
    expect(notice).to_contain_text("Cette victime est déjà accompagnée")
    expect(page.locator("main")).not_to_contain_text("CIDFF")
    expect(page.locator("main")).not_to_contain_text(case.reference)
    screenshot(page, "support-door-desk-asks")
    click_label(page, "id_join_0")
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.get_by_text(f"La plainte rejoint le dossier {case.reference}.")).to_be_visible()
    expect(page.locator("#complaint-status")).to_have_text("Plainte déposée")
    assert page.url.endswith(f"/dossiers/{case.pk}/")
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert (case.complaint_filed, case.complaint_unit) == (True, unit)
    screenshot(page, "support-door-joined")
