"""Support work in the browser: the emergency aid from the officer's form to the caisse's payment,
the social referent's notes and plan, the shelter's request."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory

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
