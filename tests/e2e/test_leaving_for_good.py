"""Leaving for good, in the browser: the public page on a phone, shelter places, the plan."""

import gzip
import json
import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import ShareScope
from egide.directory.demo import populate
from egide.directory.pages import BUDGET_BYTES
from tests.cases.factories import CaseFactory
from tests.cases.sharing_helpers import referral_for
from tests.factories import AgencyFactory, MembershipFactory
from tests.support.factories import shelter

from .browser import REPO, SCREENSHOTS, check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}
NEUTRAL_SITE = "https://meteofrance.com/"
PAGE_WEIGHT_FILE = REPO / "var" / "screenshots" / "find-help-weight.json"


def record_weight(responses, label: str) -> dict:
    """Bytes of everything the page loaded (HTML, CSS, JS, fonts, images), gzip-compressed as a
    production server sends them (the test server does not compress)."""
    weight = {"html": 0, "css": 0, "js": 0, "other": 0}
    for response in responses:
        kind = response.request.resource_type
        key = {"document": "html", "stylesheet": "css", "script": "js"}.get(kind, "other")
        weight[key] += len(gzip.compress(response.body()))
    weight["total"] = sum(weight.values())
    recorded = json.loads(PAGE_WEIGHT_FILE.read_text()) if PAGE_WEIGHT_FILE.exists() else {}
    recorded[label] = weight
    PAGE_WEIGHT_FILE.parent.mkdir(parents=True, exist_ok=True)
    PAGE_WEIGHT_FILE.write_text(json.dumps(recorded, indent=1))
    return weight


def test_public_page_finds_help_near_a_postcode_on_a_phone(page):
    populate()
    page.set_viewport_size(PHONE)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/annuaire/trouver-de-l-aide/")
    expect(page.get_by_role("link", name="3919")).to_be_visible()
    assert record_weight(responses, "first-visit")["total"] <= BUDGET_BYTES
    responses.clear()
    page.get_by_label("Ville ou code postal").fill("27000")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("Évreux"))).to_be_visible()
    expect(page.get_by_role("heading", name="Maison des femmes de l'Eure")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.context.cookies() == []
    assert record_weight(responses, "results-near-27000")["html"] < 60_000
    screenshot(page, "find-help-phone")
    # What she sees first on her phone, without scrolling.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "find-help-phone-first-screen.png"))
    check_accessibility(page)


def test_public_page_in_english(page):
    page.set_viewport_size(PHONE)
    page.goto("/annuaire/trouver-de-l-aide/?lang=en&q=27000")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Where can I find help near me?")
    screenshot(page, "find-help-phone-en")
    check_accessibility(page)


@pytest.mark.parametrize("how", ["button", "escape"])
def test_quick_exit_replaces_the_history_entry(page, how):
    page.route(
        f"{NEUTRAL_SITE}**",
        lambda route: route.fulfill(body="<title>Météo</title>", content_type="text/html"),
    )
    page.goto("/accessibilite/")
    page.goto("/annuaire/trouver-de-l-aide/")
    if how == "button":
        page.get_by_role("link", name=re.compile("Quitter ce site")).click()
    else:
        page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL_SITE)
    page.go_back()
    expect(page).to_have_url(re.compile("/accessibilite/$"))


def test_searches_leave_no_history_behind_a_quick_exit(page):
    populate()
    page.route(
        f"{NEUTRAL_SITE}**",
        lambda route: route.fulfill(body="<title>Météo</title>", content_type="text/html"),
    )
    page.goto("/accessibilite/")
    page.goto("/annuaire/trouver-de-l-aide/")
    for town in ("27 000", "Évreux"):
        page.get_by_label("Ville ou code postal").fill(town)
        # Both searches show Évreux: wait for this search's page, not the previous one's heading.
        with page.expect_navigation():
            page.get_by_role("button", name="Rechercher").click()
        expect(page.get_by_role("heading", level=2, name=re.compile("Évreux"))).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL_SITE)
    page.go_back()
    expect(page).to_have_url(re.compile("/accessibilite/$"))


def test_a_shelter_place_is_allocated_and_the_count_updates(signed_in_page):
    manager = MembershipFactory(role=Role.SHELTER_MANAGER)
    home = shelter(operator=manager.agency, capacity=4, name="Résidence Les Tilleuls")
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)

    page = signed_in_page(officer)
    page.goto(f"/accompagnement/dossiers/{case.pk}/hebergement/")
    free = page.locator(f'[data-free-places="{home.pk}"]')
    expect(free).to_have_text("4")
    page.get_by_label("Hébergement").select_option(str(home.pk))
    page.get_by_role("spinbutton", name="Enfants").fill("2")
    page.get_by_role("button", name="Demander").click()
    expect(page.get_by_text("Résidence Les Tilleuls — Demandée")).to_be_visible()

    page = signed_in_page(manager)
    page.goto("/accompagnement/hebergements/")
    expect(page.locator(f'[data-free-places="{home.pk}"]')).to_have_text("4")
    page.get_by_role("button", name="Accepter").click()
    expect(page.locator(f'[data-free-places="{home.pk}"]')).to_have_text("1")
    page.get_by_role("button", name="Enregistrer l'arrivée").click()
    expect(page.get_by_role("cell", name="Hébergée")).to_be_visible()
    screenshot(page, "shelter-places")
    check_accessibility(page)


def test_a_referent_builds_a_plan_with_three_partners(signed_in_page):
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT)
    case = CaseFactory()
    referral_for(
        case, agency=referent.agency, role=Role.SOCIAL_REFERENT, scope=ShareScope.SUPPORT_PLAN
    )
    partners = [
        AgencyFactory(kind=AgencyKind.CAF, name="CAF de l'Eure"),
        AgencyFactory(kind=AgencyKind.DEPARTMENT, name="Conseil départemental de l'Eure"),
        AgencyFactory(kind=AgencyKind.HOSPITAL, name="Centre hospitalier Eure-Seine"),
    ]
    needs = [
        ("caf", "Ouvrir les droits", "2026-12-15"),
        ("housing", "Trouver un logement", "2027-01-31"),
        ("psychological", "Suivi par une psychologue", "2026-12-20"),
    ]
    page = signed_in_page(referent)
    page.goto(f"/accompagnement/dossiers/{case.pk}/nouveau-depart/")
    for partner, (area, description, target) in zip(partners, needs, strict=True):
        page.get_by_label("Domaine").select_option(area)
        page.locator("#id_description").fill(description)
        page.get_by_label("Partenaire en charge").select_option(str(partner.pk))
        page.get_by_label("Échéance").fill(target)
        page.get_by_role("button", name="Ajouter au plan").click()
        expect(page.get_by_role("cell", name=description)).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    for partner in partners:
        expect(page.get_by_role("cell", name=partner.name)).to_be_visible()
    screenshot(page, "fresh-start-plan")
    check_accessibility(page)
