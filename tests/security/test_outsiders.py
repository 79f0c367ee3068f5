"""Every view refuses outsiders: anonymous visitors, other roles, other agencies and territories.

Each domain declares its views in `tests/<domain>/outsiders.py` as a list `VIEWS` of dicts:

- "name": the URL name ("cases:detail");
- "kwargs_factory": a callable returning the URL kwargs (it may create the object: create it in
  département 27, the factories' default, so that members elsewhere are outsiders);
- "allowed_role": the Role that may use the view, or None for any signed-in staff member;
- optional "also_allowed": other roles that may use it too (a partner's door is opened by the
  social workers and health professionals alike); every remaining role must be refused;
- "public": True for pages anyone may read without signing in;
- optional "territorial" (default True): whether a member of the allowed role in another
  département and court is refused; set False for views of platform-wide scope;
- optional "method" (default "get"): "post" for views that only accept POST.

A URL name of the project without an entry fails the suite, so no view ships untested.
"""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from egide.accounts.roles import Role
from tests.conftest import sign_in
from tests.factories import MembershipFactory, agency_for_role

IGNORED_NAMESPACES = {"api"}
IGNORED_NAMES = {"web:set_language"}
OTHER_TERRITORY = "2A"


def collect_views() -> dict[str, dict]:
    views = {}
    for path in sorted(Path(__file__).parent.parent.glob("*/outsiders.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.outsiders")
        for view in module.VIEWS:
            assert view["name"] not in views, f"{view['name']} is declared twice"
            views[view["name"]] = view
    return views


def walk(resolver, namespace=""):
    """(full name or None, pattern text) for every URL pattern under `resolver`."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), str(entry.pattern)


def project_urls():
    for name, pattern in walk(get_resolver()):
        namespace = (name or "").partition(":")[0]
        if namespace not in IGNORED_NAMESPACES and name not in IGNORED_NAMES:
            yield name, pattern


VIEWS = collect_views()
URL_NAMES = sorted({name for name, _ in project_urls() if name})
PROTECTED = [name for name in URL_NAMES if name in VIEWS and not VIEWS[name]["public"]]
BY_ROLE = [name for name in PROTECTED if VIEWS[name]["allowed_role"]]
TERRITORIAL = [name for name in BY_ROLE if VIEWS[name].get("territorial", True)]


def test_every_view_is_named():
    unnamed = [pattern for name, pattern in project_urls() if name is None]
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"


@pytest.mark.parametrize("name", URL_NAMES)
def test_every_view_is_declared(name):
    assert name in VIEWS, (
        f"{name} has no entry in a tests/<domain>/outsiders.py VIEWS list: declare who may "
        "use it (see tests/security/test_outsiders.py)"
    )


def request(client, name):
    view = VIEWS[name]
    url = reverse(name, kwargs=view["kwargs_factory"]())
    return getattr(client, view.get("method", "get"))(url)


def assert_refused(response, name, who):
    assert response.status_code in (403, 404), (
        f"{name} answered {response.status_code} to {who}: it must refuse with 403 or 404"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", PROTECTED)
def test_anonymous_visitors_are_sent_to_login(client, name):
    response = request(client, name)
    assert response.status_code == 302, f"{name} answered {response.status_code} to anonymous"
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in URL_NAMES if n in VIEWS and VIEWS[n]["public"]])
def test_public_pages_need_no_sign_in(client, name):
    response = request(client, name)
    assert not response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL))


def member(role, departement="27"):
    """A signed-in-able member; no password, so no costly hashing (the tests force the login)."""
    agency = agency_for_role(role, departement)
    return MembershipFactory(role=role, agency=agency, user__password=None)


@pytest.mark.django_db
@pytest.mark.parametrize("name", BY_ROLE)
def test_other_roles_are_refused(client, name):
    allowed = {VIEWS[name]["allowed_role"], *VIEWS[name].get("also_allowed", ())}
    for role in set(Role.values) - allowed:
        sign_in(client, member(role))
        assert_refused(request(client, name), name, f"a member with role {role}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", TERRITORIAL)
def test_members_of_another_territory_are_refused(client, name):
    role = VIEWS[name]["allowed_role"]
    sign_in(client, member(role, OTHER_TERRITORY))
    assert_refused(request(client, name), name, f"a {role} of département {OTHER_TERRITORY}")
