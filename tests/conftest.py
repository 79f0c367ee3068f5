import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import MembershipFactory


def sign_in(client, membership):
    """Signs `membership.user` in with both factors done, acting as `membership`."""
    client.force_login(membership.user)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=membership.user).persistent_id
    session["egide_membership_id"] = membership.pk
    session.save()
    return client


@pytest.fixture
def sign_in_as(client):
    """`sign_in_as(role=Role.JUDGE, agency=...)` → a client signed in as a new member."""

    def _sign_in_as(membership=None, **kwargs):
        return sign_in(client, membership or MembershipFactory(**kwargs))

    return _sign_in_as


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    """Argon2 is deliberately slow; tests that do not check hashing itself use a fast hasher."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
