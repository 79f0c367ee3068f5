"""Password recovery: the platform administrator issues a one-time, short-lived link.

The administrator never sees nor sets the password: the link is shown to them once, they hand it
to the user out of band, and the user chooses the password under the usual validators. Only the
SHA-256 of the token is stored. A link works once, until `EGIDE_PASSWORD_RESET_TTL_MINUTES`
after issue; a new link voids the earlier ones. Using it signs nobody in: the user signs in again
with the new password and their second factor, and every session they had open ends.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from egide.audit.choices import Action
from egide.audit.services import record

from .actor import Actor
from .grants import record_admin_change
from .models import PasswordResetLink
from .services import end_sessions_of

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def usable_links():
    return PasswordResetLink.objects.filter(used_at=None, expires_at__gt=timezone.now())


@transaction.atomic
def issue(actor: Actor, user) -> str:
    """A new link's token for `user` (to show once); earlier unused links stop working."""
    now = timezone.now()
    PasswordResetLink.objects.filter(user=user, used_at=None).update(used_at=now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = PasswordResetLink.objects.create(
        user=user,
        token_hash=token_hash(token),
        created_by=actor.user,
        expires_at=now + timedelta(minutes=settings.PASSWORD_RESET_TTL_MINUTES),
    )
    record_admin_change(actor, link.user, "user.password_reset_link", ["password"], flagged=True)
    return token


def find(token: str) -> PasswordResetLink | None:
    """The usable link of `token`, or None (unknown, used, expired or of a deactivated user)."""
    return (
        usable_links()
        .filter(token_hash=token_hash(token), user__is_active=True)
        .select_related("user")
        .first()
    )


@transaction.atomic
def redeem(request, link: PasswordResetLink, form) -> bool:
    """Sets the password chosen in `form` (a SetPasswordForm, valid) if `link` still works.

    False when the link was used meanwhile: nothing changes.
    """
    used = usable_links().filter(pk=link.pk).update(used_at=timezone.now())
    if not used:
        return False
    user = form.save()
    end_sessions_of(user)
    actor = Actor.for_request(request).as_user(user)
    record(actor, Action.UPDATE, user, fields=["password"], reason="password_reset")
    return True
