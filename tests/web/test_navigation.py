import pytest
from django.test import RequestFactory
from django.urls import reverse

from egide.accounts.roles import Role
from egide.web import navigation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", Role.values)
def test_menu_offers_only_pages_the_role_may_open(sign_in_as, role):
    client = sign_in_as(role=role)
    menu = client.get(reverse("web:home"), follow=True).context["main_menu"]
    assert menu[0].url == reverse("web:home")
    for link in menu:  # the monitoring centre's home leads to its live queue
        assert client.get(link.url, follow=True).status_code == 200, (role, link.url)


def test_menu_leaves_out_pages_that_do_not_exist_yet(monkeypatch):
    missing = navigation.MenuEntry("Pas encore là", "nowhere:page")
    monkeypatch.setitem(navigation.ROLE_MENUS, Role.JUDGE, (missing,))
    request = RequestFactory().get("/")
    request.membership = MembershipFactory(role=Role.JUDGE)
    assert [link.url for link in navigation.menu_for(request)] == [reverse("web:home")]


def test_menu_is_empty_without_an_acting_membership():
    request = RequestFactory().get("/")
    request.membership = None
    assert navigation.menu_for(request) == []


def test_every_role_has_a_menu():
    assert set(navigation.ROLE_MENUS) == set(Role.values)
