"""The administrator creates accounts, manages memberships, deactivates and resets."""

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.models import Membership, User
from egide.accounts.roles import AgencyKind, Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.conftest import sign_in
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

from .conftest import enter_password, fully_signed_in

NEW_ACCOUNT = {
    "username": "c.martin",
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "",
    "password1": "Aube-sur-Risle-27",
    "password2": "Aube-sur-Risle-27",
}


def test_create_an_account_with_its_first_membership(as_platform_admin):
    brigade = AgencyFactory(kind=AgencyKind.GENDARMERIE)
    data = {**NEW_ACCOUNT, "agency": brigade.pk, "role": Role.POLICE_OFFICER}
    response = as_platform_admin.post(reverse("accounts:user_create"), data)

    account = User.objects.get(username="c.martin")
    assert response.url == reverse("accounts:user_detail", args=[account.pk])
    assert account.role_grants.get(approved=None).agency == brigade  # a case role: approval first
    assert not account.memberships.exists()
    assert account.check_password("Aube-sur-Risle-27")


def test_a_role_that_does_not_fit_the_agency_changes_nothing(as_platform_admin):
    shelter = AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR)
    data = {**NEW_ACCOUNT, "agency": shelter.pk, "role": Role.JUDGE}
    response = as_platform_admin.post(reverse("accounts:user_create"), data)

    assert response.status_code == 200
    assert "Ce rôle ne peut pas être exercé dans ce type de structure." in (
        response.content.decode()
    )
    assert not User.objects.filter(username="c.martin").exists()


def test_a_weak_initial_password_is_refused(as_platform_admin):
    brigade = AgencyFactory(kind=AgencyKind.GENDARMERIE)
    data = {
        **NEW_ACCOUNT,
        "password1": "martin",
        "password2": "martin",
        "agency": brigade.pk,
        "role": Role.POLICE_OFFICER,
    }
    response = as_platform_admin.post(reverse("accounts:user_create"), data)
    assert "trop court" in response.content.decode()
    assert not User.objects.filter(username="c.martin").exists()


def test_add_and_remove_a_membership(as_platform_admin):
    account = UserFactory()
    prefecture = AgencyFactory(kind=AgencyKind.STATE_ADMINISTRATION)
    url = reverse("accounts:membership_add", args=[account.pk])

    as_platform_admin.post(url, {"agency": prefecture.pk, "role": Role.ANALYST})
    membership = Membership.objects.get(user=account, is_active=True)
    refused = as_platform_admin.post(url, {"agency": prefecture.pk, "role": Role.CPCA_WORKER})
    assert "Ce rôle ne peut pas être exercé" in refused.content.decode()

    as_platform_admin.post(reverse("accounts:membership_remove", args=[membership.pk]))
    membership.refresh_from_db()
    assert not membership.is_active
    as_platform_admin.post(url, {"agency": prefecture.pk, "role": Role.ANALYST})
    membership.refresh_from_db()
    assert membership.is_active


def test_a_deactivated_account_is_signed_out_and_cannot_sign_in(as_platform_admin):
    member = MembershipFactory()
    session = sign_in(Client(), member)
    as_platform_admin.post(reverse("accounts:user_deactivate", args=[member.user.pk]))

    assert not fully_signed_in(session)
    assert enter_password(Client(), member.user).status_code == 200


def test_resetting_the_second_factor_forces_a_new_enrolment(as_platform_admin):
    member = MembershipFactory()
    session = sign_in(Client(), member)
    as_platform_admin.post(reverse("accounts:user_reset_second_factor", args=[member.user.pk]))

    assert not TOTPDevice.objects.filter(user=member.user).exists()
    assert not fully_signed_in(session)
    fresh = Client()
    enter_password(fresh, member.user)
    assert fresh.get(reverse("accounts:verify")).url == reverse("accounts:enrol")


def test_every_change_is_audited_with_field_names_only(as_platform_admin):
    account = UserFactory()
    as_platform_admin.post(reverse("accounts:user_deactivate", args=[account.pk]))
    entry = AuditEntry.objects.get(action=Action.ADMIN)
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(account.pk))
    assert entry.fields == ["is_active"]
    assert entry.reason == "user.deactivate"


def test_the_user_list_shows_each_users_roles(as_platform_admin):
    judge = MembershipFactory(role=Role.JUDGE)
    response = as_platform_admin.get(reverse("accounts:users"))
    row = response.content.decode().split(judge.user.username)[1].split("</tr>")[0]
    assert "Juge aux affaires familiales" in row
    assert judge.agency.name in row
