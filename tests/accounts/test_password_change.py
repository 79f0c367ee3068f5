"""Changing one's password under the CNIL rules."""

import pytest
from django.urls import reverse

from tests.conftest import sign_in
from tests.factories import TEST_PASSWORD


def change_password(client, new_password):
    return client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("Abcdefgh1!x", "trop court"),
        ("kestrelvol99", "au moins trois types de caractères"),
        ("Password1234", "trop courant"),
    ],
)
def test_weak_passwords_are_refused(client, member, password, error):
    response = change_password(sign_in(client, member), password)
    assert response.status_code == 200
    assert error in response.content.decode()
    member.user.refresh_from_db()
    assert member.user.check_password(TEST_PASSWORD)


def test_twelve_characters_of_three_kinds_are_accepted(client, member):
    response = change_password(sign_in(client, member), "kestrelvol9X")
    assert response.url == reverse("web:home")
    member.user.refresh_from_db()
    assert member.user.check_password("kestrelvol9X")
    assert client.get(reverse("accounts:password_change")).status_code == 200
