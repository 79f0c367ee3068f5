"""The procureur's TGD form: "does not live with the perpetrator" while the file records one
address for both is warned about and needs a confirmation; the warning never shows the address."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import Role
from egide.cases.choices import PersonRole
from egide.devices.choices import DeviceStatus
from tests.cases.factories import CaseFactory, PersonFactory
from tests.devices.helpers import stock
from tests.factories import MembershipFactory

from .browser import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ADDRESS = "12 rue des Lilas, Évreux"
WARNING = "Le dossier enregistre la même adresse pour la victime et l'auteur"


def tick(page, label) -> None:
    page.locator("label", has_text=label).click()


def fill_the_grant(page, case):
    page.goto(f"/justice/dossiers/{case.pk}/")
    page.get_by_role("link", name="Attribuer un TGD").click()
    page.locator("#id_phone").select_option(index=1)
    tick(page, "La victime ne cohabite pas avec l'auteur")
    page.get_by_label("Interdiction judiciaire d'entrer en contact").select_option(index=1)
    tick(page, "La victime a donné son accord exprès")
    tick(page, "Elle accepte d'être géolocalisée")
    page.get_by_role("button", name="Enregistrer").click()


def a_case(perpetrator_address, **kwargs):
    case = CaseFactory(people=False, **kwargs)
    PersonFactory(case=case, role=PersonRole.VICTIM, address=ADDRESS)
    PersonFactory(case=case, role=PersonRole.PERPETRATOR, address=perpetrator_address)
    return case


def test_same_address_needs_a_confirmation_that_shows_no_address(signed_in_page):
    # Same address typed differently (case, accents, punctuation): still the same.
    case = a_case("12, RUE DES LILAS  EVREUX", hidden=True)
    phone = stock()
    page = signed_in_page(MembershipFactory(role=Role.PROSECUTOR, agency=case.court))
    fill_the_grant(page, case)
    expect(page.locator(".fr-error-text", has_text=WARNING)).to_be_visible()
    content = page.content()
    assert "Lilas" not in content and "LILAS" not in content
    phone.refresh_from_db()
    assert phone.status == DeviceStatus.STOCK and not case.alarm_phones.exists()
    screenshot(page, "tgd-same-address-warning")
    # The other boxes are kept; the procureur confirms after checking.
    tick(page, re.compile("Je confirme l'absence de cohabitation"))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Téléphone grave danger attribué pour 6 mois.")).to_be_visible()
    assert case.alarm_phones.count() == 1


def test_different_addresses_ask_for_nothing_more(signed_in_page):
    case = a_case("4 avenue Foch, Vernon")
    stock()
    page = signed_in_page(MembershipFactory(role=Role.PROSECUTOR, agency=case.court))
    fill_the_grant(page, case)
    expect(page.get_by_text("Téléphone grave danger attribué pour 6 mois.")).to_be_visible()
    expect(page.get_by_text(WARNING)).to_have_count(0)
