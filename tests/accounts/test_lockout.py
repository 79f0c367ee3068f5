"""Repeated failures lock the account (django-axes) until the administrator unlocks it."""

from django.urls import reverse

from tests.conftest import sign_in
from tests.factories import UserFactory

from .conftest import enter_code, enter_password


def test_five_wrong_passwords_lock_the_account(client, db):
    user = UserFactory()
    for _ in range(4):
        assert enter_password(client, user, password="wrong-password").status_code == 200
    locked = enter_password(client, user, password="wrong-password")
    assert locked.status_code == 429
    assert "Compte temporairement bloqué" in locked.content.decode()
    assert enter_password(client, user).status_code == 429


def test_wrong_codes_count_towards_the_lockout(client, member, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    enter_password(client, member.user)
    for _ in range(4):
        enter_code(client, "000000")
    assert enter_code(client, "000000").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_administrator_unlocks_a_locked_account(client, db, admin_membership):
    user = UserFactory()
    for _ in range(5):
        enter_password(client, user, password="wrong-password")

    admin = sign_in(client.__class__(), admin_membership)
    assert "Bloqué" in admin.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    admin.post(reverse("accounts:user_unlock", args=[user.pk]))

    assert enter_password(client, user).url.startswith(reverse("accounts:verify"))
