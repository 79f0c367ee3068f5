"""Signing in with a password then a code from the authenticator app."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import current_code, enter_code, enter_password, fully_signed_in


def test_password_then_totp_code_opens_the_home_page(client, member):
    assert client.get(reverse("accounts:login")).status_code == 200

    response = enter_password(client, member.user)
    assert response.url.startswith(reverse("accounts:verify"))
    assert client.get(reverse("accounts:password_change")).url == reverse("accounts:verify")

    response = enter_code(client, current_code(TOTPDevice.objects.get(user=member.user)))
    assert response.url == reverse("web:home")
    assert fully_signed_in(client)


def test_the_page_asked_for_is_opened_after_both_factors(client, member):
    target = reverse("accounts:password_change")
    client.post(
        f"{reverse('accounts:login')}?next={target}",
        {"username": member.user.username, "password": "Correct-Horse-Battery-42", "next": target},
    )
    device = TOTPDevice.objects.get(user=member.user)
    response = client.post(
        reverse("accounts:verify"), {"code": current_code(device), "next": target}
    )
    assert response.url == target


def test_an_outside_next_address_is_ignored(client, member):
    enter_password(client, member.user)
    device = TOTPDevice.objects.get(user=member.user)
    response = client.post(
        reverse("accounts:verify"), {"code": current_code(device), "next": "https://evil.test/"}
    )
    assert response.url == reverse("web:home")


def test_a_signed_in_user_visiting_the_login_page_goes_on(client, member):
    enter_password(client, member.user)
    response = client.get(reverse("accounts:login"))
    assert response.url.startswith(reverse("accounts:verify"))
