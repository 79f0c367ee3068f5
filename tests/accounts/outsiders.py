"""The accounts app's views, for the cross-domain "anonymous and outsiders are refused" test.

`allowed_role` None means any signed-in staff member; `public` views are open to everyone.
"""

from egide.accounts.roles import Role
from tests.factories import AgencyFactory, MembershipFactory, UserFactory


def no_kwargs():
    return {}


def an_agency():
    return {"pk": AgencyFactory().pk}


def a_user():
    return {"pk": UserFactory().pk}


def a_membership():
    return {"pk": MembershipFactory().pk}


def a_role_grant():
    from egide.accounts.models import RoleGrant
    from egide.accounts.roles import AgencyKind

    grant = RoleGrant.objects.create(
        user=UserFactory(),
        agency=AgencyFactory(kind=AgencyKind.TRIBUNAL, court=None),
        role=Role.PROSECUTOR,
        requested_by=UserFactory(),
    )
    return {"pk": grant.pk}


def a_reset_link():
    import datetime

    from django.utils import timezone

    from egide.accounts.models import PasswordResetLink
    from egide.accounts.password_reset import token_hash

    PasswordResetLink.objects.create(
        user=UserFactory(),
        token_hash=token_hash("lien-de-test"),
        created_by=UserFactory(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return {"token": "lien-de-test"}


def view(name, kwargs_factory=no_kwargs, allowed_role=None, public=False):
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": allowed_role,
        "public": public,
        # Platform administration is national: an administrator of any département may act.
        "territorial": allowed_role != Role.PLATFORM_ADMIN,
    }


ADMIN = Role.PLATFORM_ADMIN

VIEWS = [
    view("accounts:login", public=True),
    view("accounts:verify"),
    view("accounts:enrol"),
    view("accounts:recovery_codes"),
    view("accounts:logout"),
    view("accounts:logout_everywhere"),
    view("accounts:password_change"),
    view("accounts:password_reset", a_reset_link, public=True),
    view("accounts:switch_membership"),
    view("accounts:agencies", allowed_role=ADMIN),
    view("accounts:agency_create", allowed_role=ADMIN),
    view("accounts:agency_edit", an_agency, ADMIN),
    view("accounts:users", allowed_role=ADMIN),
    view("accounts:user_create", allowed_role=ADMIN),
    view("accounts:user_detail", a_user, ADMIN),
    view("accounts:user_deactivate", a_user, ADMIN),
    view("accounts:user_reset_second_factor", a_user, ADMIN),
    view("accounts:user_reset_password", a_user, ADMIN),
    view("accounts:user_unlock", a_user, ADMIN),
    view("accounts:membership_add", a_user, ADMIN),
    view("accounts:membership_remove", a_membership, ADMIN),
    view("accounts:role_grants", allowed_role=ADMIN),
    view("accounts:role_grant_decide", a_role_grant, ADMIN),
]
