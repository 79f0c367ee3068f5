"""Who may use the directory. The structures are public information; orienting a case's victim
needs access to that case (the case file's own rules decide, as a queryset)."""

from egide.cases.perms import can_see_address, visible_cases

from .choices import PUBLIC_KINDS
from .models import Structure


def public_structures():
    return Structure.objects.filter(kind__in=PUBLIC_KINDS)


def orientable_cases(membership):
    """Cases whose victim `membership` may orient towards a structure."""
    return visible_cases(membership)


def may_use_address(membership, case) -> bool:
    """The victim's address (its commune only) is used only by members who may read it."""
    return can_see_address(membership, case)
