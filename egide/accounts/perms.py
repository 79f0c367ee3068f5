"""Who may do what with accounts and agencies. Deny by default."""

from django.core.exceptions import PermissionDenied

from .roles import Role


def can_administer_platform(membership) -> bool:
    """Users, agencies and memberships are managed by the platform administrator only."""
    return membership is not None and membership.role == Role.PLATFORM_ADMIN


def switchable_memberships(user):
    """The memberships `user` may act through: their own, active, in an active agency."""
    return user.memberships.filter(is_active=True, agency__is_active=True).select_related("agency")


def require_platform_admin(request) -> None:
    if not can_administer_platform(request.membership):
        raise PermissionDenied
