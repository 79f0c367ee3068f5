"""The April 2026 RSA is not known at release: the caisse agent sees a warning on a request dated
after it, the platform administrator records the value with its source (no code release), and
the warning goes while the amount follows the new value."""

import datetime

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from tests.factories import AgencyFactory, MembershipFactory
from tests.support.factories import aid_request

from .browser import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WARNING = "la revalorisation du 1er avril n'est pas encore enregistrée"


def test_the_administrator_records_the_april_rsa_and_the_warning_goes(signed_in_page):
    caisse = AgencyFactory(kind=AgencyKind.CAF)
    request = aid_request(
        caisse=caisse,
        monthly_resources=0,
        received_on=datetime.date(2026, 6, 2),
        proof_date=datetime.date(2026, 5, 20),
        payment_due=datetime.date(2026, 6, 5),
    )
    agent = MembershipFactory(role=Role.AID_AGENT, agency=caisse)
    page = signed_in_page(agent)
    page.goto(f"/accompagnement/aides/{request.pk}/")
    expect(page.get_by_text(WARNING)).to_be_visible()
    expect(page.get_by_text("Montant : 646,52 €")).to_be_visible()

    admin = MembershipFactory(
        role=Role.PLATFORM_ADMIN, agency=AgencyFactory(kind=AgencyKind.PLATFORM_OPERATOR)
    )
    page = signed_in_page(admin)
    page.goto("/")
    page.get_by_role("link", name="Paramètres datés").click()
    page.get_by_role("link", name="Enregistrer une valeur").first.click()
    page.get_by_label("En vigueur à partir du").fill("2026-04-01")
    page.get_by_label("Montant (€)").fill("0")
    page.get_by_label("Source (texte)").fill("Décret de revalorisation du 1er avril 2026")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".fr-error-text", has_text="supérieur à 0 €")).to_be_visible()
    page.get_by_label("Montant (€)").fill("652.34")
    page.get_by_label("Source (adresse web)").fill("https://www.legifrance.gouv.fr/")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("652,34 € à partir du 01/04/2026 est enregistré")).to_be_visible()
    source = page.get_by_role("cell", name="Décret de revalorisation du 1er avril 2026")
    expect(source).to_be_visible()
    screenshot(page, "dated-parameters")

    page = signed_in_page(agent)
    page.goto(f"/accompagnement/aides/{request.pk}/")
    expect(page.get_by_text("Montant : 652,34 €")).to_be_visible()
    expect(page.get_by_text(WARNING)).to_have_count(0)
