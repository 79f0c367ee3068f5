"""Worklists on the home page: each domain says what a role has to do next.

A domain registers a provider for the roles it concerns, usually in its AppConfig.ready():

    from egide.web import worklists

    from . import perms

    def assigned_cases(request) -> worklists.Worklist | None:
        visible = perms.visible_cases(request.membership)  # the domain's named queryset
        cases = visible.filter(assigned_officer=request.user)[:10]
        return worklists.Worklist(
            title=_("Dossiers qui me sont attribués"),
            items=[worklists.Item(str(case), case.get_absolute_url()) for case in cases],
            url=reverse("cases:list"),
        )

    worklists.register(Role.POLICE_OFFICER, assigned_cases)

A provider receives the request (request.membership is the acting role and agency), applies its
own domain's permissions, and returns a Worklist — or None when it has nothing to show. The home
page renders the worklists in registration order; an empty `items` shows as "nothing to do".
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise


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

_providers: dict[str, list[Provider]] = defaultdict(list)


def register(role: str, provider: Provider) -> Provider:
    """Shows `provider`'s worklist on the home page of members acting as `role`."""
    if provider not in _providers[role]:
        _providers[role].append(provider)
    return provider


def worklists_for(request) -> list[Worklist]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    found = (provider(request) for provider in _providers[membership.role])
    return [worklist for worklist in found if worklist is not None]
