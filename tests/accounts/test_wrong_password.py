"""A wrong password or unknown username gets one generic message and no session."""

from django.urls import reverse

from tests.factories import UserFactory

from .conftest import enter_password

GENERIC_ERROR = "Identifiant ou mot de passe incorrect."


def test_wrong_password_is_refused_with_a_generic_message(client, db):
    user = UserFactory()
    response = enter_password(client, user, password="not-the-password")
    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_username_gets_the_same_message(client, db):
    response = client.post(
        reverse("accounts:login"), {"username": "nobody", "password": "whatever-it-is"}
    )
    assert GENERIC_ERROR in response.content.decode()


def test_deactivated_account_gets_the_same_message(client, db):
    user = UserFactory(is_active=False)
    response = enter_password(client, user)
    assert GENERIC_ERROR in response.content.decode()
    assert "_auth_user_id" not in client.session
