"""Factories shared by every domain's tests. Named variants, never fixtures files."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.models import Agency, Membership, User
from egide.accounts.roles import AgencyKind, Role

TEST_PASSWORD = "Correct-Horse-Battery-42"


class TribunalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name", "departement")

    name = factory.Sequence(lambda n: f"Tribunal judiciaire n°{n}")
    kind = AgencyKind.TRIBUNAL
    departement = "27"
    court = None


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Structure n°{n}")
    kind = AgencyKind.COMMISSARIAT
    departement = "27"
    court = factory.SubFactory(TribunalFactory, departement=factory.SelfAttribute("..departement"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"agent{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create:
            TOTPDevice.objects.create(user=self, name="default", confirmed=True)
            self.save()


# The agency kind each role is created in when a test does not say.
DEFAULT_AGENCY_KIND = {
    Role.POLICE_OFFICER: AgencyKind.COMMISSARIAT,
    Role.ISCG_SOCIAL_WORKER: AgencyKind.GENDARMERIE,
    Role.PROSECUTOR: AgencyKind.TRIBUNAL,
    Role.JUDGE: AgencyKind.TRIBUNAL,
    Role.CLERK: AgencyKind.TRIBUNAL,
    Role.MONITORING_OPERATOR: AgencyKind.MONITORING_CENTRE,
    Role.MONITORING_SUPERVISOR: AgencyKind.MONITORING_CENTRE,
    Role.SOCIAL_REFERENT: AgencyKind.ASSOCIATION,
    Role.SHELTER_MANAGER: AgencyKind.SHELTER_OPERATOR,
    Role.AID_AGENT: AgencyKind.CAF,
    Role.CPCA_WORKER: AgencyKind.CPCA,
    Role.HEALTH_PROFESSIONAL: AgencyKind.HOSPITAL,
    Role.HELPLINE_LISTENER: AgencyKind.HELPLINE,
    Role.PROBATION_OFFICER: AgencyKind.PROBATION,
    Role.HOUSING_OPERATOR: AgencyKind.EVICTION_HOUSING,
    Role.ANALYST: AgencyKind.STATE_ADMINISTRATION,
    Role.AUDITOR: AgencyKind.STATE_ADMINISTRATION,
    Role.PLATFORM_ADMIN: AgencyKind.PLATFORM_OPERATOR,
}


def agency_for_role(role: str, departement: str = "27", **kwargs) -> Agency:
    kind = DEFAULT_AGENCY_KIND[role]
    if kind == AgencyKind.TRIBUNAL:
        return TribunalFactory(departement=departement, **kwargs)
    return AgencyFactory(kind=kind, departement=departement, **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    """`MembershipFactory(role=Role.PROSECUTOR)` gives a prosecutor in a fresh tribunal."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.POLICE_OFFICER
    agency = factory.LazyAttribute(lambda m: agency_for_role(m.role))


class UnenrolledUserFactory(UserFactory):
    """A user who has not set up an authenticator yet (first sign-in, or after a reset)."""

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create:
            self.save()
