import pytest
from django.test import RequestFactory
from django.urls import reverse

from egide.accounts.roles import Role
from egide.web import navigation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", Role.values)
def test_menu_offers_only_pages_the_role_may_open(sign_in_as, role):
    client = sign_in_as(role=role)
    menu = client.get(reverse("web:home"), follow=True).context["main_menu"]
    assert menu[0].url == reverse("web:home")
    for link in menu:  # the monitoring centre's home leads to its live queue
        assert client.get(link.url, follow=True).status_code == 200, (role, link.url)


@pytest.mark.parametrize("role", Role.values)
def test_every_menu_entry_of_every_role_names_a_page_that_exists(role):
    for entry in navigation.ROLE_MENUS[role]:
        reverse(entry.url_name)  # NoReverseMatch: a menu entry to a page that is not there


def test_menu_is_empty_without_an_acting_membership():
    request = RequestFactory().get("/")
    request.membership = None
    assert navigation.menu_for(request) == []


def test_every_role_has_a_menu():
    assert set(navigation.ROLE_MENUS) == set(Role.values)
