import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.factories import TEST_PASSWORD, MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"


def test_login_page_passes_axe(page):
    page.goto(reverse("accounts:login"))
    screenshot(page, "login")
    check_accessibility(page)


def test_officer_signs_in_with_password_and_totp(page):
    membership = MembershipFactory(role=Role.POLICE_OFFICER)
    page.goto("/")
    page.get_by_label(re.compile("utilisateur|identifiant", re.IGNORECASE)).fill(
        membership.user.username
    )
    page.get_by_label(re.compile("mot de passe", re.IGNORECASE)).fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()

    page.get_by_label(re.compile("code", re.IGNORECASE)).fill(current_code(membership.user))
    screenshot(page, "login-second-factor")
    page.get_by_role("button", name="Valider").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Policier ou gendarme")
    expect(page.get_by_text(str(membership.agency)).first).to_be_visible()
    screenshot(page, "home-after-login")
