"""The shelters' register in a browser: the platform administrator registers a shelter of an
operator and sees it in the département's list, without its address; the operator's manager then
finds it among their places and edits its details, the address shown to them alone."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from tests.factories import AgencyFactory, MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADDRESS = "12 rue de la Harpe, 27000 Évreux"


def tick(page, label) -> None:
    """DSFR draws its own box over the checkbox: the user clicks the label, so do we."""
    page.locator("label", has_text=label).click()


def test_an_administrator_registers_a_shelter_that_its_manager_then_keeps(signed_in_page):
    operator = AgencyFactory(
        kind=AgencyKind.SHELTER_OPERATOR, departement="27", name="Abri de l'Eure"
    )
    admin = MembershipFactory(role=Role.PLATFORM_ADMIN)
    page = signed_in_page(admin)
    page.goto("/")
    page.get_by_role("link", name="Hébergements des victimes").first.click()
    page.get_by_role("link", name="Enregistrer un hébergement").click()
    page.get_by_label("Gestionnaire d'hébergement").select_option(label="Abri de l'Eure (27)")
    page.get_by_label("Nom").fill("Maison Gisèle Halimi")
    page.get_by_label("Type").select_option("integration")
    page.get_by_label("Département").fill("27")
    page.get_by_label("Places").fill("-2")
    tick(page, "Accueille des enfants")
    page.get_by_label("Adresse").fill(ADDRESS)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".fr-error-text", has_text="supérieure ou égale à 0")).to_be_visible()
    screenshot(page, "shelter-register-refused")
    page.get_by_label("Places").fill("9")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'hébergement est enregistré.")).to_be_visible()
    page.get_by_label("Département").fill("27")
    page.get_by_role("button", name="Filtrer").click()
    row = page.get_by_role("row", name=re.compile("Maison Gisèle Halimi"))
    expect(row).to_contain_text("Abri de l'Eure")
    expect(row).to_contain_text("9")
    expect(page.get_by_text("rue de la Harpe")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "shelter-register")

    manager = MembershipFactory(role=Role.SHELTER_MANAGER, agency=operator)
    signed_in_page(manager)
    page.goto("/")
    page.get_by_role("link", name="Places d'hébergement").first.click()
    page.get_by_role("link", name="Maison Gisèle Halimi").click()
    expect(page.get_by_label("Adresse")).to_have_value(ADDRESS)
    page.get_by_label("Places").fill("11")
    check_accessibility(page)
    screenshot(page, "shelter-details")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'hébergement est mis à jour.")).to_be_visible()
    expect(page.get_by_label("Places de Maison Gisèle Halimi")).to_have_value("11")
    screenshot(page, "shelter-places")
