"""Issuing, checking and revoking service-account tokens.

A token is `egide_<prefix>_<secret>`, shown once when issued; only its SHA-256 is stored (it is
a 256-bit random value, so a fast hash is enough and lets a lookup be one indexed query). The
account acts through a membership of its own, created with it: its agency and role are its
scope, and every per-object permission and audit entry works as for a person in that role.
Only the platform administrator issues and revokes, and both are audited.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.accounts.models import Membership, User
from egide.accounts.perms import can_administer_platform
from egide.accounts.roles import ROLE_AGENCY_KINDS, Role
from egide.accounts.services import record_admin_change

from .models import ServiceAccount

TOKEN_PREFIX = "egide_"  # noqa: S105 (the public part of every token)
# Platform rule: a token lives a year at most, so a forgotten client stops on its own.
MAX_VALIDITY = timedelta(days=365)
# Oversight roles are people's; a machine never holds them.
HUMAN_ONLY_ROLES = {Role.PLATFORM_ADMIN, Role.AUDITOR}
# Marks a token's use at most this often (a busy client does not write on every call).
LAST_USED_PRECISION = timedelta(minutes=5)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def service_roles() -> list[str]:
    return [role for role in Role.values if role not in HUMAN_ONLY_ROLES]


def scope_errors(agency, role: str, valid_days: int) -> dict[str, list[str]]:
    errors = {}
    if role not in service_roles():
        errors["role"] = [_("Ce rôle ne peut pas être confié à un compte de service.")]
    elif agency.kind not in ROLE_AGENCY_KINDS[role]:
        errors["role"] = [_("Ce rôle ne peut pas être exercé dans ce type de structure.")]
    if not 1 <= valid_days <= MAX_VALIDITY.days:
        errors["valid_days"] = [
            _("La durée de validité va de 1 à %(days)s jours.") % {"days": MAX_VALIDITY.days}
        ]
    return errors


@transaction.atomic
def issue(
    actor: Actor, *, name: str, agency, role: str, valid_days: int
) -> tuple[ServiceAccount, str]:
    """A new account and its token (returned once). Only the platform administrator may."""
    if not can_administer_platform(actor.membership):
        raise PermissionDenied
    errors = scope_errors(agency, role, valid_days)
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    user = User(username=f"service-{slugify(name)[:100]}-{prefix}", last_name=name)
    user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(user=user, agency=agency, role=role)
    account = ServiceAccount.objects.create(
        name=name,
        membership=membership,
        token_prefix=prefix,
        token_hash=token_digest(token),
        created_by=actor.user,
        expires_at=timezone.now() + timedelta(days=valid_days),
    )
    record_admin_change(actor, account, "service_account.issue", ["agency", "role", "expires_at"])
    return account, token


@transaction.atomic
def revoke(actor: Actor, account: ServiceAccount) -> None:
    """The token stops working at once; the account stays, so its past calls stay attributable."""
    if not can_administer_platform(actor.membership):
        raise PermissionDenied
    if account.revoked_at is not None:
        return
    account.revoked_at, account.revoked_by = timezone.now(), actor.user
    account.save(update_fields=["revoked_at", "revoked_by"])
    Membership.objects.filter(pk=account.membership_id).update(is_active=False)
    record_admin_change(actor, account, "service_account.revoke", ["revoked_at"])


def account_for(token: str) -> ServiceAccount | None:
    """The usable account holding `token`, or None (unknown, revoked, expired, agency closed)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    account = (
        ServiceAccount.objects.usable(now)
        .select_related("membership__agency", "membership__user")
        .filter(token_hash=token_digest(token))
        .first()
    )
    if account is not None and (
        account.last_used_at is None or now - account.last_used_at > LAST_USED_PRECISION
    ):
        ServiceAccount.objects.filter(pk=account.pk).update(last_used_at=now)
    return account
