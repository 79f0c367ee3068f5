"""django-axes keeps no username or password typed at sign-in, in its tables or the log."""

import logging

from axes.models import AccessAttempt, AccessLog
from django.urls import reverse

from tests.factories import UserFactory

TYPED = "Mot-De-Passe-Tape-Dans-Le-Mauvais-Champ-27"


def stored_attempt_text() -> str:
    rows = list(AccessAttempt.objects.values()) + list(AccessLog.objects.values())
    return repr(rows)


def test_a_password_typed_as_username_is_not_stored(client, db, caplog):
    caplog.set_level(logging.DEBUG)
    for _ in range(6):  # up to and past the lockout
        client.post(reverse("accounts:login"), {"username": TYPED, "password": TYPED})
    assert AccessAttempt.objects.exists()
    assert TYPED not in stored_attempt_text()
    assert TYPED not in caplog.text


def test_a_real_username_is_not_stored_either(client, db):
    user = UserFactory()
    client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong-1234"})
    assert user.username not in stored_attempt_text()
