"""Links a later domain offers on a bracelet pairing's court page: a registry.

The court's page of a pairing (`views.pairing_detail`) knows the placement, not what later
domains keep of it: the archive of its positions and events (C. pénit. R. 631-11) is retention's.
Such a domain registers in its hooks.py a function receiving the membership and the pairing and
returning a `PairingLink`, or None when there is nothing that membership may open:

    from egide.devices import pairing_links
    pairing_links.providers.register(lambda membership, pairing: PairingLink("…", "/…/"))
"""

from collections.abc import Callable
from dataclasses import dataclass

from egide.registry import Registry


@dataclass(frozen=True)
class PairingLink:
    label: str
    url: str


Provider = Callable[..., PairingLink | None]
providers: Registry[Provider] = Registry("egide.devices.pairing_links.providers")


def links(membership, pairing) -> list[PairingLink]:
    return [link for provider in providers.entries() if (link := provider(membership, pairing))]
