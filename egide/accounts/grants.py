"""Giving a role: at once for roles without case data, after a second approval otherwise.

A role that reads case data (roles.reads_case_data) is first a pending `RoleGrant`; the membership
exists only once a second platform administrator (neither the requester nor the grantee) approves.
The request, the approval and the refusal are audited and flagged to the auditor. A platform
administrator never holds a case role (perms.role_refusal), checked again at approval.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from egide.audit.choices import Action
from egide.audit.services import record

from . import perms
from .actor import Actor
from .models import Membership, RoleGrant
from .roles import reads_case_data


def record_admin_change(actor: Actor, obj, operation: str, fields=(), flagged=False) -> None:
    record(actor, Action.ADMIN, obj, fields=fields, reason=operation, flagged=flagged)


def require_allowed(user, role) -> None:
    refusal = perms.role_refusal(user, role)
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def add_membership(actor: Actor, user, agency, role) -> Membership:
    """Gives `user` a role in `agency`; a membership removed earlier is reactivated."""
    require_allowed(user, role)
    membership, _ = Membership.objects.update_or_create(
        user=user, agency=agency, role=role, defaults={"is_active": True}
    )
    record_admin_change(
        actor,
        membership,
        "membership.add",
        ["agency", "role", "is_active"],
        flagged=reads_case_data(role),
    )
    return membership


@transaction.atomic
def give_role(actor: Actor, user, agency, role) -> Membership | RoleGrant:
    """The membership at once for a role without case data, else a grant awaiting approval."""
    if not reads_case_data(role):
        return add_membership(actor, user, agency, role)
    require_allowed(user, role)
    grant = RoleGrant.objects.create(user=user, agency=agency, role=role, requested_by=actor.user)
    record_admin_change(actor, grant, "membership.request", ["agency", "role"], flagged=True)
    return grant


def pending_grants():
    return RoleGrant.objects.filter(approved=None).select_related("user", "agency", "requested_by")


@transaction.atomic
def decide(actor: Actor, grant: RoleGrant, approve: bool) -> Membership | None:
    """Approves or refuses `grant`; only a second administrator may (perms.can_decide_grant)."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if not perms.can_decide_grant(actor.membership, grant):
        raise PermissionDenied
    grant.approved, grant.decided_by, grant.decided_at = approve, actor.user, timezone.now()
    grant.save(update_fields=["approved", "decided_by", "decided_at"])
    operation = "membership.approve" if approve else "membership.refuse"
    record_admin_change(actor, grant, operation, ["approved"], flagged=True)
    if approve:
        return add_membership(actor, grant.user, grant.agency, grant.role)
    return None
