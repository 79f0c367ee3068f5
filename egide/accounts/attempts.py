"""What django-axes stores about a sign-in attempt: never what was typed.

A username field sometimes receives a password typed in the wrong box. Axes keys its attempts
(table, lockout, log lines) by `attempt_key`, a keyed hash of the name typed: the same name gives
the same key, so lockout per account still works, but nothing typed is kept in clear.
"""

import hashlib
import hmac

from django.conf import settings


def username_key(username: str) -> str:
    key = f"axes-username:{settings.SECRET_KEY}".encode()
    return "h:" + hmac.new(key, username.encode(), hashlib.sha256).hexdigest()[:40]


def attempt_key(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the key of the username in `credentials` or the posted form."""
    if credentials:
        typed = credentials.get("username") or ""
    else:
        typed = getattr(request, "POST", {}).get("username", "")
    return username_key(typed)
