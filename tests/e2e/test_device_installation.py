"""A device's provisioning page in the browser: per client settings, the QR code once a new
secret is generated, warnings; accessible."""

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.devices.helpers import stock
from tests.factories import MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_supervisor_generates_a_secret_and_gets_every_clients_settings(signed_in_page):
    device = stock()
    page = signed_in_page(MembershipFactory(role=Role.MONITORING_SUPERVISOR))
    page.goto(f"/dispositifs/{device.pk}/installation/")
    expect(page.locator("h1")).to_contain_text(device.device_id)
    page.get_by_role("button", name="Générer un nouveau secret").click()
    expect(page.locator(".fr-alert--warning")).to_contain_text("affiché une seule fois")
    expect(page.locator("section.egide-client")).to_have_count(4)
    expect(page.locator("section.egide-client svg")).to_have_count(1)  # Traccar Client's QR code
    check_accessibility(page)
    screenshot(page, "device-installation")
