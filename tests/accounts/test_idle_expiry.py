"""A session left idle longer than the limit is ended."""

import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.conftest import sign_in

from .conftest import fully_signed_in


def test_an_idle_session_ends(client, member, settings):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, member)
        assert fully_signed_in(client)
        clock.shift(settings.SESSION_IDLE_TIMEOUT_S - 60)
        assert fully_signed_in(client)
        clock.shift(settings.SESSION_IDLE_TIMEOUT_S + 1)
        response = client.get(reverse("accounts:password_change"))
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
