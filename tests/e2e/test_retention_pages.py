"""The DPO reaches the processing register from the menu; the procureur goes from the bracelet's
page to its archive and reads it after stating a reason. Both pages pass axe."""

import pytest
import time_machine
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.factories import MembershipFactory
from tests.justice.helpers import court_member
from tests.retention.helpers import at, ended_placement

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_dpo_opens_the_processing_register_from_the_menu(signed_in_page):
    page = signed_in_page(MembershipFactory(role=Role.AUDITOR))
    page.goto("/")
    page.locator("#fr-navigation").get_by_role("link", name="Registre des traitements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registre des traitements")
    expect(page.get_by_text("C. pénit. art. R. 631-11 3°").first).to_be_visible()
    screenshot(page, "processing-register")
    check_accessibility(page)


def test_the_procureur_reads_an_archived_bracelet_from_its_page_with_a_reason(
    signed_in_page, live_server
):
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    with time_machine.travel(at("2026-05-04", 10), tick=True):
        page = signed_in_page(court_member(pairing.order.case, Role.PROSECUTOR))
        page.goto(f"/dispositifs/appairages/{pairing.pk}/")
        page.get_by_role("link", name="Archive d'un bracelet anti-rapprochement").click()
        expect(page).to_have_url(f"{live_server.url}/archives/appairages/{pairing.pk}/")
        page.get_by_label("Motif de la consultation").fill("Réquisition du parquet")
        page.get_by_role("button", name="Consulter l'archive").click()
        expect(page.get_by_text("pré-alerte → alerte")).to_be_visible()
        screenshot(page, "bracelet-archive")
        check_accessibility(page)
