import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.factories import MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def french(text) -> str:
    with translation.override("fr"):
        return str(text)


def test_accessibility_statement_passes_axe(page):
    page.goto("/accessibilite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclaration d'accessibilité")
    screenshot(page, "accessibility-statement")
    check_accessibility(page)


@pytest.mark.parametrize("role", [Role.POLICE_OFFICER, Role.PLATFORM_ADMIN])
def test_home_passes_axe(signed_in_page, role, settings):
    settings.DEMO = True
    page = signed_in_page(MembershipFactory(role=role))
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(french(Role(role).label))
    screenshot(page, f"home-{role}")
    check_accessibility(page)


def test_language_switch_shows_english(page):
    page.goto("/accessibilite/")
    page.get_by_role("button", name=re.compile("^FR")).click()
    page.get_by_role("button", name="EN - English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "accessibility-statement-en")


def test_first_tab_reaches_the_skip_link_to_content(page):
    page.goto("/mentions-legales/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Contenu")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#content$"))
    expect(page.locator("#content")).to_be_focused()
