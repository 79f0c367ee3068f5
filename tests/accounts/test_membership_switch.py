"""A user with several memberships chooses which one they act through."""

from django.urls import reverse

from egide.accounts.middleware import SESSION_MEMBERSHIP
from egide.accounts.roles import Role
from tests.conftest import sign_in
from tests.factories import MembershipFactory


def test_switch_to_another_own_membership(client, member):
    other = MembershipFactory(user=member.user, role=Role.SOCIAL_REFERENT)
    sign_in(client, member)
    page = client.get(reverse("accounts:switch_membership")).content.decode()
    assert other.agency.name in page

    response = client.post(reverse("accounts:switch_membership"), {"membership": other.pk})
    assert response.url == reverse("web:home")
    assert client.session[SESSION_MEMBERSHIP] == other.pk


def test_a_membership_of_another_user_is_refused(client, member):
    stranger = MembershipFactory(role=Role.PROSECUTOR)
    sign_in(client, member)
    response = client.post(reverse("accounts:switch_membership"), {"membership": stranger.pk})
    assert response.status_code == 200
    assert client.session[SESSION_MEMBERSHIP] == member.pk
