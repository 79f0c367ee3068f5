"""A session ends at its maximum age even when the user never stops working."""

import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.conftest import sign_in

from .conftest import fully_signed_in


def test_an_active_session_ends_at_its_maximum_age(client, member, settings):
    settings.SESSION_COOKIE_AGE = 30
    settings.SESSION_IDLE_TIMEOUT_S = 20
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, member)
        for _ in range(3):  # a request every 10 s: never idle
            clock.shift(10)
            assert fully_signed_in(client)
        clock.shift(10)  # 40 s after sign-in, 10 s after the last request
        response = client.get(reverse("accounts:password_change"))
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
