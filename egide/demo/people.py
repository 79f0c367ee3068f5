"""The demo's accounts: one per role, plus a police officer in another département and a
social referent with two memberships (to show the role switch).

Every account has the same published password and a TOTP device whose key is derived from the
demo's secret key, so `egide demo code USERNAME` can print the current code."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from egide.accounts.models import Agency, Membership, User
from egide.accounts.roles import Role

from . import totp

DEMO_PASSWORD = "Demo-Egide-27!"  # noqa: S105 (published on purpose: demo accounts only)
DEMO_DEVICE_NAME = "démo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency_key: str


ACCOUNTS = (
    DemoAccount("policier", Role.POLICE_OFFICER, "police_evreux"),
    DemoAccount("iscg", Role.ISCG_SOCIAL_WORKER, "gendarmerie_louviers"),
    DemoAccount("procureur", Role.PROSECUTOR, "tj_evreux"),
    DemoAccount("jaf", Role.JUDGE, "tj_evreux"),
    DemoAccount("greffe", Role.CLERK, "tj_evreux"),
    DemoAccount("operateur", Role.MONITORING_OPERATOR, "monitoring"),
    DemoAccount("superviseur", Role.MONITORING_SUPERVISOR, "monitoring"),
    DemoAccount("referent", Role.SOCIAL_REFERENT, "cidff_eure"),
    DemoAccount("referent", Role.SOCIAL_REFERENT, "hospital_evreux"),
    DemoAccount("medecin", Role.HEALTH_PROFESSIONAL, "hospital_evreux"),
    DemoAccount("hebergement", Role.SHELTER_MANAGER, "shelter_eure"),
    DemoAccount("caf", Role.AID_AGENT, "caf_eure"),
    DemoAccount("cpca", Role.CPCA_WORKER, "cpca_eure"),
    DemoAccount("spip", Role.PROBATION_OFFICER, "spip_eure"),
    DemoAccount("logement.auteurs", Role.HOUSING_OPERATOR, "logement_auteurs_eure"),
    DemoAccount("analyste", Role.ANALYST, "prefecture_eure"),
    DemoAccount("auditeur", Role.AUDITOR, "prefecture_eure"),
    DemoAccount("admin", Role.PLATFORM_ADMIN, "operator"),
    DemoAccount("policier.caen", Role.POLICE_OFFICER, "police_caen"),
    DemoAccount("ecoutant", Role.HELPLINE_LISTENER, "helpline_3919"),
)


def totp_key(username: str) -> str:
    return totp.totp_key(settings.SECRET_KEY, username)


def current_code(username: str) -> str:
    device = TOTPDevice.objects.get(user__username=username, name=DEMO_DEVICE_NAME)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def seed_user(username: str, faker: Faker) -> User:
    faker.seed_instance(username)
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": faker.first_name(),
            "last_name": faker.last_name(),
            "email": f"{username}@demo.egide.test",
        },
    )
    validate_password(DEMO_PASSWORD, user)
    user.set_password(DEMO_PASSWORD)
    user.is_active = True
    user.save()
    TOTPDevice.objects.update_or_create(
        user=user,
        name=DEMO_DEVICE_NAME,
        defaults={"key": totp_key(username), "confirmed": True},
    )
    return user


def seed_accounts(agencies: dict[str, Agency], faker: Faker) -> list[Membership]:
    """Creates or refreshes every demo account; returns their memberships in ACCOUNTS order."""
    users: dict[str, User] = {}
    memberships = []
    for account in ACCOUNTS:
        if account.username not in users:
            users[account.username] = seed_user(account.username, faker)
        membership, _ = Membership.objects.update_or_create(
            user=users[account.username],
            agency=agencies[account.agency_key],
            role=account.role,
            defaults={"is_active": True},
        )
        memberships.append(membership)
    return memberships
