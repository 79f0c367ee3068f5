"""Who may read what the data's lifecycle keeps: deny by default."""

from egide.accounts.roles import Role
from egide.devices import perms as device_perms
from egide.devices.models import Pairing

# C. pénit. R. 631-11 puts the bracelet's data in an archive: the platform opens it to the
# magistrates of the case's court only, each read with a reason.
ARCHIVE_READERS = frozenset({Role.PROSECUTOR, Role.JUDGE})
# The processing register is the DPO's and the platform operator's; it holds no personal data.
REGISTER_READERS = frozenset({Role.AUDITOR, Role.PLATFORM_ADMIN})


def archive_readable(membership):
    """The pairings whose archive `membership` may ask to read: its court's, for the named roles."""
    if membership is None or membership.role not in ARCHIVE_READERS:
        return Pairing.objects.none()
    return device_perms.visible_pairings(membership)


def can_read_register(membership) -> bool:
    return membership is not None and membership.role in REGISTER_READERS
