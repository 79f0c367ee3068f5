"""Roles that read case data need a second administrator; an administrator never holds one."""

import pytest
from django.test import Client
from django.urls import reverse

from egide.accounts.models import Membership, RoleGrant
from egide.accounts.roles import AgencyKind, Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.conftest import sign_in
from tests.factories import AgencyFactory, MembershipFactory, UserFactory


@pytest.fixture
def tribunal(db):
    return AgencyFactory(kind=AgencyKind.TRIBUNAL, court=None)


@pytest.fixture
def second_admin(db):
    return sign_in(Client(), MembershipFactory(role=Role.PLATFORM_ADMIN))


def ask(client, account, agency, role=Role.PROSECUTOR):
    url = reverse("accounts:membership_add", args=[account.pk])
    return client.post(url, {"agency": agency.pk, "role": role}, follow=True)


def test_an_administrator_cannot_give_themselves_a_case_role(
    as_platform_admin, admin_membership, tribunal
):
    response = ask(as_platform_admin, admin_membership.user, tribunal)

    assert "ne peut pas détenir un rôle" in response.content.decode()
    assert not admin_membership.user.memberships.filter(role=Role.PROSECUTOR).exists()
    assert not RoleGrant.objects.exists()


def test_a_case_role_waits_for_a_second_administrator(as_platform_admin, second_admin, tribunal):
    account = UserFactory()
    response = ask(as_platform_admin, account, tribunal)

    assert "second administrateur" in response.content.decode()
    assert not account.memberships.exists()
    grant = RoleGrant.objects.get(user=account)
    requested = AuditEntry.objects.get(reason="membership.request")
    assert requested.flagged

    pending = second_admin.get(reverse("accounts:role_grants")).content.decode()
    assert reverse("accounts:user_detail", args=[account.pk]) in pending
    assert "Approuver" in pending
    second_admin.post(
        reverse("accounts:role_grant_decide", args=[grant.pk]), {"decision": "approve"}
    )

    assert Membership.objects.get(user=account, agency=tribunal, role=Role.PROSECUTOR).is_active
    assert AuditEntry.objects.get(reason="membership.approve").flagged
    assert AuditEntry.objects.get(reason="membership.add").flagged


def test_the_requester_cannot_approve_their_own_request(as_platform_admin, tribunal):
    account = UserFactory()
    ask(as_platform_admin, account, tribunal)
    grant = RoleGrant.objects.get(user=account)

    page = as_platform_admin.get(reverse("accounts:role_grants")).content.decode()
    assert "Un autre administrateur doit décider." in page
    url = reverse("accounts:role_grant_decide", args=[grant.pk])
    response = as_platform_admin.post(url, {"decision": "approve"})

    assert response.status_code == 403
    assert not account.memberships.exists()
    grant.refresh_from_db()
    assert grant.pending


def test_a_refused_request_gives_no_role(as_platform_admin, second_admin, tribunal):
    account = UserFactory()
    ask(as_platform_admin, account, tribunal)
    grant = RoleGrant.objects.get(user=account)
    second_admin.post(
        reverse("accounts:role_grant_decide", args=[grant.pk]), {"decision": "refuse"}
    )

    grant.refresh_from_db()
    assert grant.approved is False
    assert not account.memberships.exists()
    assert AuditEntry.objects.get(reason="membership.refuse", action=Action.ADMIN).flagged


def test_a_second_administrator_cannot_approve_a_case_role_for_an_administrator(
    as_platform_admin, second_admin, tribunal
):
    other_admin = MembershipFactory(role=Role.PLATFORM_ADMIN).user
    grant = RoleGrant.objects.create(
        user=other_admin,
        agency=tribunal,
        role=Role.PROSECUTOR,
        requested_by=UserFactory(),
    )
    response = second_admin.post(
        reverse("accounts:role_grant_decide", args=[grant.pk]), {"decision": "approve"}
    )
    assert response.status_code == 400
    assert not other_admin.memberships.filter(role=Role.PROSECUTOR).exists()


def test_a_role_without_case_data_is_given_at_once(as_platform_admin):
    account = UserFactory()
    prefecture = AgencyFactory(kind=AgencyKind.STATE_ADMINISTRATION)
    ask(as_platform_admin, account, prefecture, Role.ANALYST)
    assert account.memberships.get().role == Role.ANALYST
    assert not RoleGrant.objects.exists()
