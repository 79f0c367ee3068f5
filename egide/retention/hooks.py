"""What the data's lifecycle tells other domains: which bracelet placements are archived, so the
monitoring console leaves their positions and events to the archive, and the link to that archive
on the pairing's court page for the magistrates who may read it (C. pénit. R. 631-11)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from egide.devices import pairing_links
from egide.monitoring import map as monitoring_map

from . import archive, perms


def archive_link(membership, pairing) -> pairing_links.PairingLink | None:
    if not archive.is_archived(pairing):
        return None
    if not perms.archive_readable(membership).filter(pk=pairing.pk).exists():
        return None
    url = reverse("retention:archived_pairing", kwargs={"pairing_pk": pairing.pk})
    return pairing_links.PairingLink(_("Archive d'un bracelet anti-rapprochement"), url)


def register() -> None:
    monitoring_map.archived.register(archive.is_archived)
    pairing_links.providers.register(archive_link)
