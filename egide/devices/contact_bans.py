"""Judicial contact bans ordered outside a protection order: a registry other domains fill.

A TGD needs "a judicial contact ban" (CPP 41-3-1); so does the index's list of measures in force.
A protection order's ban is justice's; the bans of criminal proceedings (alternative measure,
judicial supervision, probation) belong to a later domain, which registers in its hooks.py a
function receiving a case and returning the `ContactBan`s in force on it:

    from egide.devices import contact_bans
    contact_bans.sources.register(lambda case: [ContactBan("judicial_supervision", "…")])
"""

from collections.abc import Callable
from dataclasses import dataclass

from egide.registry import Registry


@dataclass(frozen=True)
class ContactBan:
    basis: str  # a devices.choices.ContactBanBasis value
    label: str  # what it is and its article, without personal data


Source = Callable[..., list[ContactBan]]
sources: Registry[Source] = Registry("egide.devices.contact_bans.sources")


def in_force(case) -> list[ContactBan]:
    return [ban for source in sources.entries() for ban in source(case)]
