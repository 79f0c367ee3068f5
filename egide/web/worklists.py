"""Worklists on the home page: each domain says what a role has to do next.

A domain registers a provider for the roles it concerns, in its hooks.py (docs/architecture.md,
"Extension points"):

    from egide.web import worklists

    def assigned_cases(request) -> worklists.Worklist | None:
        cases = perms.visible_cases(request.membership).filter(assigned_officer=request.user)
        return worklists.Worklist(
            title=_("Dossiers qui me sont attribués"),
            items=[worklists.Item(str(case), case.get_absolute_url()) for case in cases[:10]],
            url=reverse("cases:list"),
        )

    def register():
        worklists.providers.register(assigned_cases, Role.POLICE_OFFICER)

A provider receives the request (request.membership is the acting role and agency), applies its
own domain's permissions, and returns a Worklist — or None when it has nothing to show. The home
page renders the worklists in registration order; an empty `items` shows as "nothing to do".
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from egide.registry import Registry


@dataclass(frozen=True)
class Item:
    label: str | Promise
    url: str
    detail: str | Promise = ""


@dataclass(frozen=True)
class Worklist:
    title: str | Promise
    items: Sequence[Item]
    url: str = ""  # the page listing everything, when there is one


Provider = Callable[..., Worklist | None]

# A provider filed under a role shows its worklist on the home page of members acting as that role.
providers: Registry[Provider] = Registry("egide.web.worklists.providers")


def worklists_for(request) -> list[Worklist]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    found = (provider(request) for provider in providers.entries(membership.role))
    return [worklist for worklist in found if worklist is not None]
