"""Who may do what with accounts and agencies. Deny by default."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .roles import Role, reads_case_data


def can_administer_platform(membership) -> bool:
    """Users, agencies and memberships are managed by the platform administrator only."""
    return membership is not None and membership.role == Role.PLATFORM_ADMIN


def switchable_memberships(user):
    """The memberships `user` may act through: their own, active, in an active agency."""
    return user.memberships.filter(is_active=True, agency__is_active=True).select_related("agency")


def require_platform_admin(request) -> None:
    if not can_administer_platform(request.membership):
        raise PermissionDenied


def role_refusal(user, role) -> str:
    """Why `user` may not hold `role`, or "": the platform administrator sees no case content
    (docs/architecture.md), so administration and case roles are never held by the same account."""
    active = user.memberships.filter(is_active=True)
    if reads_case_data(role) and active.filter(role=Role.PLATFORM_ADMIN).exists():
        return _(
            "Un administrateur de la plateforme ne peut pas détenir un rôle d'accès aux dossiers."
        )
    if role == Role.PLATFORM_ADMIN and any(
        reads_case_data(r) for r in active.values_list("role", flat=True)
    ):
        return _("Un compte qui a accès aux dossiers ne peut pas administrer la plateforme.")
    return ""


def can_decide_grant(membership, grant) -> bool:
    """A role grant is decided by a second administrator: neither the requester nor the grantee."""
    return (
        can_administer_platform(membership)
        and grant.pending
        and membership.user_id not in {grant.requested_by_id, grant.user_id}
    )
