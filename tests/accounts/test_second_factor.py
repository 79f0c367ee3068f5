"""The code step: wrong codes refused and throttled, recovery codes usable once."""

import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts import second_factor

from .conftest import current_code, enter_code, enter_password, fully_signed_in


def test_wrong_totp_code_is_refused(client, member):
    enter_password(client, member.user)
    response = enter_code(client, "000000")
    assert response.status_code == 200
    assert "Ce code n&#x27;est pas valide." in response.content.decode()
    assert not fully_signed_in(client)


def test_a_right_code_right_after_a_wrong_one_must_wait(client, member):
    """django-otp's throttling is on: each failure doubles the wait before the next try."""
    device = TOTPDevice.objects.get(user=member.user)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        enter_password(client, member.user)
        enter_code(client, "000000")
        response = enter_code(client, current_code(device))
        assert "Trop de codes erronés" in response.content.decode()
        clock.shift(2)
        assert enter_code(client, current_code(device)).url == reverse("web:home")


def test_a_recovery_code_works_once(client, member):
    codes = second_factor.issue_recovery_codes(member.user)
    assert len(codes) == 10

    enter_password(client, member.user)
    assert enter_code(client, codes[0].upper()).url == reverse("web:home")
    client.post(reverse("accounts:logout"))

    enter_password(client, member.user)
    response = enter_code(client, codes[0])
    assert "Ce code n&#x27;est pas valide." in response.content.decode()
