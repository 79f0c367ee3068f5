"""Support work in the browser: the emergency aid from the officer's form to the caisse's payment,
the social referent's notes and plan, the shelter's request."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from tests.cases.factories import CaseFactory
from tests.cases.sharing_helpers import referral_for
from tests.factories import AgencyFactory, MembershipFactory
from tests.support.factories import shelter

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tick(page, label) -> None:
    """DSFR draws its own box over the checkbox: the user clicks the label, so do we."""
    page.locator("label", has_text=label).click()


def test_emergency_aid_from_the_officer_to_the_caisse_payment(signed_in_page):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    caf = AgencyFactory(kind=AgencyKind.CAF, name="CAF de l'Eure")
    agent = MembershipFactory(role=Role.AID_AGENT, agency=caf)

    page = signed_in_page(officer)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Aide universelle d'urgence").click()
    page.get_by_label("Caisse de la victime").select_option(label="CAF de l'Eure")
    page.get_by_label("IBAN").fill("FR76 3000 1007 9412 3456 7890 185")
    page.get_by_label("Ressources nettes du mois précédent").fill("400")
    page.get_by_label("Date du justificatif").fill("2026-01-02")
    tick(page, "La victime accepte que ce formulaire soit transmis")
    page.get_by_role("button", name="Transmettre à la caisse").click()
    expect(page.get_by_text("La demande est transmise à la caisse.")).to_be_visible()

    page = signed_in_page(agent)
    page.goto("/")
    page.get_by_role("link", name=re.compile("Aides")).first.click()
    page.get_by_role("link", name=re.compile("AUU n°")).first.click()
    expect(page.get_by_text(re.compile("À verser au plus tard le"))).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Accorder").click()
    expect(page.get_by_text(re.compile("Accordée : .* €"))).to_be_visible()
    page.get_by_role("button", name="Enregistrer le versement").click()
    expect(page.get_by_text(re.compile("Versée : .* €"))).to_be_visible()
    screenshot(page, "caf-aid-paid")


def test_the_shelter_sees_what_it_needs_without_the_address_and_edits_its_places(
    signed_in_page,
):
    operator = AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR)
    manager = MembershipFactory(role=Role.SHELTER_MANAGER, agency=operator)
    home = shelter(operator=operator, capacity=4, name="Résidence Les Tilleuls")
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT)
    case = CaseFactory()
    referral_for(case, agency=referent.agency, role=Role.SOCIAL_REFERENT)

    page = signed_in_page(referent)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Demande d'hébergement").click()
    page.get_by_label(re.compile(r"Hébergement")).select_option(
        label=f"{home.name} — 4 places libres"
    )
    page.get_by_label(re.compile(r"Enfants")).fill("2")
    page.get_by_label("Âge des enfants").fill("3, 7")
    page.get_by_label("Modalités d'arrivée").fill("Jeudi 18 h, accompagnée par le CIDFF")
    page.get_by_label("Besoins particuliers").fill("Poussette, chat")
    page.get_by_role("button", name="Demander").click()
    expect(page.get_by_text("La demande de places est envoyée au gestionnaire.")).to_be_visible()

    page = signed_in_page(manager)
    page.goto("/")
    page.get_by_role("link", name=re.compile("Hébergement|Places")).first.click()
    requests = page.locator("table").nth(1)
    expect(requests.get_by_text("âges : 3, 7")).to_be_visible()
    expect(requests.get_by_text("06 11 22 33 44 (après 18 h)")).to_be_visible()
    expect(requests.get_by_text("Jeudi 18 h, accompagnée par le CIDFF")).to_be_visible()
    expect(requests.get_by_text("Poussette, chat")).to_be_visible()
    assert "rue des Lilas" not in page.content()
    screenshot(page, "shelter-manager-home")
    check_accessibility(page)
    page.get_by_label("Places de Résidence Les Tilleuls").fill("6")
    page.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_text("Le nombre de places est mis à jour.")).to_be_visible()
    expect(page.locator(f'[data-free-places="{home.pk}"]')).to_have_text("6")


def test_the_social_referent_records_an_interview_and_plans_without_dead_ends(signed_in_page):
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT)
    case = CaseFactory()
    referral_for(case, agency=referent.agency, role=Role.SOCIAL_REFERENT)

    page = signed_in_page(referent)
    page.goto("/")
    screenshot(page, "social-referent-home")
    page.goto(case.get_absolute_url())
    expect(page.get_by_role("link", name=re.compile("Volet judiciaire"))).to_have_count(0)
    page.get_by_role("link", name="Notes et entretiens").click()
    page.get_by_label(re.compile(r"Nature")).select_option(label="Compte rendu d'entretien")
    page.get_by_label(re.compile(r"Contenu")).fill(
        "Souhaite quitter le domicile avant la fin du mois."
    )
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.get_by_text("La note est enregistrée.")).to_be_visible()
    expect(page.get_by_text("Souhaite quitter le domicile avant la fin du mois.")).to_be_visible()
    page.get_by_role("link", name=re.compile("Retour au dossier")).click()
    page.get_by_role("link", name="Plan nouveau départ").click()
    page.get_by_label(re.compile(r"Besoin\b")).fill("Ouvrir les droits RSA")
    page.get_by_label(re.compile(r"Partenaire en charge")).select_option(index=1)
    page.get_by_label(re.compile(r"Échéance")).fill("2020-01-01")
    page.get_by_role("button", name=re.compile("Ajouter")).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(
        summary.get_by_role("link", name=re.compile("L'échéance est déjà passée"))
    ).to_be_visible()
    check_accessibility(page)
