import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.roles import Role
from tests.conftest import sign_in
from tests.factories import TEST_PASSWORD, MembershipFactory


def current_code(device: TOTPDevice) -> str:
    """What the user's authenticator app shows right now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enter_password(client, user, password=TEST_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password})


def enter_code(client, code):
    return client.post(reverse("accounts:verify"), {"code": code})


def sign_in_with_both_factors(client, user):
    enter_password(client, user)
    return enter_code(client, current_code(TOTPDevice.objects.get(user=user)))


@pytest.fixture
def member(db):
    return MembershipFactory()


@pytest.fixture
def admin_membership(db):
    return MembershipFactory(role=Role.PLATFORM_ADMIN)


@pytest.fixture
def as_platform_admin(client, admin_membership):
    """A client signed in (both factors) as a platform administrator."""
    return sign_in(client, admin_membership)


def fully_signed_in(client) -> bool:
    """Whether a page behind both factors opens (rather than redirecting to sign-in steps)."""
    return client.get(reverse("accounts:password_change")).status_code == 200
