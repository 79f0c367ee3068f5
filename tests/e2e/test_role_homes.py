"""Every demo account's home, as the person in that role opens it in the morning: it renders,
offers no menu entry or link that answers an error, and is saved as var/screenshots/home-<role>.png
to be looked at."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from egide.accounts.models import Membership
from egide.demo.people import ACCOUNTS
from egide.demo.seed import seed

from .browser import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Links a home may carry that are actions, not pages to open.
NOT_PAGES = ("/deconnexion/",)


def demo_memberships():
    usernames = {account.username for account in ACCOUNTS}
    return (
        Membership.objects.filter(user__username__in=usernames, is_active=True)
        .select_related("user", "agency")
        .order_by("role", "agency__name")
    )


def internal_links(page, selector) -> set[str]:
    hrefs = page.locator(selector).evaluate_all("links => links.map(link => link.href)")
    here = urlsplit(page.url).netloc
    return {
        href
        for href in hrefs
        if urlsplit(href).netloc == here
        and not urlsplit(href).fragment
        and not any(part in href for part in NOT_PAGES)
    }


def test_every_role_home_renders_without_a_dead_link(settings, signed_in_page, live_server):
    settings.DEMO = True
    seed()
    seen, dead = [], []
    for membership in demo_memberships():
        page = signed_in_page(membership)
        response = page.goto("/")
        assert response.status == 200, membership
        expect(page.locator("h1").first).to_be_visible()
        menu = internal_links(page, "#fr-navigation a")
        assert menu, f"{membership.role}: no menu"
        for href in sorted(menu | internal_links(page, "main a")):
            status = page.request.get(href).status
            if status != 200:
                dead.append((membership.user.username, membership.role, href, status))
        name = membership.role
        if Membership.objects.filter(role=membership.role, user=membership.user).count() > 1:
            name = f"{membership.role}-{membership.agency.kind}"
        if membership.user.username.endswith(".caen"):
            name = f"{membership.role}-caen"
        screenshot(page, f"home-{name}")
        seen.append(name)
    assert not dead, dead
    assert len(seen) == len(set(seen)) == len(ACCOUNTS)
