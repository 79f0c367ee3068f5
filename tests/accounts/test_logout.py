"""Logging out ends this session; logging out everywhere ends all of the user's sessions."""

from django.test import Client
from django.urls import reverse

from tests.conftest import sign_in

from .conftest import fully_signed_in


def test_logout_ends_the_session(client, member):
    sign_in(client, member)
    assert client.post(reverse("accounts:logout")).url == reverse("accounts:login")
    assert not fully_signed_in(client)


def test_logout_everywhere_ends_another_session(member):
    laptop, office = sign_in(Client(), member), sign_in(Client(), member)
    idle_tablet = sign_in(Client(), member)
    assert fully_signed_in(office)

    assert laptop.get(reverse("accounts:logout_everywhere")).status_code == 200
    laptop.post(reverse("accounts:logout_everywhere"))

    assert not fully_signed_in(laptop)
    assert not fully_signed_in(office)
    assert not fully_signed_in(idle_tablet)
    member.user.refresh_from_db()
    assert fully_signed_in(sign_in(Client(), member))
