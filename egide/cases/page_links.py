"""Links a later domain offers on a case's page: a registry.

The case page (`views.case_detail`) knows the case file, not what later domains keep about it:
the review of failings of a case closed on a death or a grave failure is reviews'. Such a domain
registers in its hooks.py a function receiving the membership and the case and returning a
`CaseLink`, or None when there is nothing that membership may open:

    from egide.cases import page_links
    page_links.providers.register(lambda membership, case: CaseLink("…", "/…/"))

A provider decides with its own domain's permissions: a member it returns None for sees nothing
of it on the page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from egide.registry import Registry


@dataclass(frozen=True)
class CaseLink:
    label: str
    url: str
    # An operation (opening something) rather than a page: the page sends it as a POST form.
    post: bool = False


Provider = Callable[..., CaseLink | None]
providers: Registry[Provider] = Registry("egide.cases.page_links.providers")


def links(membership, case) -> list[CaseLink]:
    return [link for provider in providers.entries() if (link := provider(membership, case))]
