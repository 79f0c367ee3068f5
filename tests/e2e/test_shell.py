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


def test_a_long_role_and_agency_wrap_in_the_header_without_widening_the_page(signed_in_page):
    membership = MembershipFactory(role=Role.ISCG_SOCIAL_WORKER)
    membership.agency.name = "Brigade territoriale autonome de gendarmerie de Pont-Audemer"
    membership.agency.save()
    page = signed_in_page(membership)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    expect(page.locator(".fr-header__tools .egide-acting-role")).to_contain_text("Pont-Audemer")
    widths = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            window: window.innerWidth,
            brand: document.querySelector('.fr-header__brand').getBoundingClientRect().width,
            logo: document.querySelector('.fr-header__logo').scrollWidth,
        })"""
    )
    assert widths["page"] <= widths["window"]  # no horizontal scrolling
    assert widths["brand"] >= widths["logo"]  # "République française" is not cut off
    screenshot(page, "header-long-role")
