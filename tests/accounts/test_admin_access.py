"""Administration pages: anonymous sent to sign in, others refused, second factor required."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from tests.conftest import sign_in
from tests.factories import MembershipFactory

from .outsiders import VIEWS

ADMIN_VIEWS = [entry for entry in VIEWS if entry["allowed_role"] == Role.PLATFORM_ADMIN]
NAMES = [entry["name"] for entry in ADMIN_VIEWS]


@pytest.fixture(params=ADMIN_VIEWS, ids=NAMES)
def admin_url(request, db):
    entry = request.param
    return reverse(entry["name"], kwargs=entry["kwargs_factory"]())


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, admin_url, method):
    response = getattr(client, method)(admin_url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.PROSECUTOR, Role.POLICE_OFFICER])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_roles_are_refused(client, admin_url, role, method):
    sign_in(client, MembershipFactory(role=role))
    assert getattr(client, method)(admin_url).status_code == 403


def test_an_administrator_without_second_factor_is_sent_to_verify(client, admin_url):
    client.force_login(MembershipFactory(role=Role.PLATFORM_ADMIN).user)
    assert client.get(admin_url).url == reverse("accounts:verify")


def test_the_administrator_sees_the_lists(as_platform_admin):
    assert as_platform_admin.get(reverse("accounts:users")).status_code == 200
    assert as_platform_admin.get(reverse("accounts:agencies")).status_code == 200
