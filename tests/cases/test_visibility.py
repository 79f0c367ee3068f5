"""Who sees a case, per role, agency and territory; refused cases stay out of lists and search."""

import pytest
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.cases import perms
from egide.cases.choices import ReferralStatus
from tests.factories import AgencyFactory, MembershipFactory, TribunalFactory

from .factories import CaseFactory
from .sharing_helpers import referral_for

pytestmark = pytest.mark.django_db

OUTSIDER_ROLES = [
    Role.MONITORING_OPERATOR,
    Role.MONITORING_SUPERVISOR,
    Role.SHELTER_MANAGER,
    Role.AID_AGENT,
    Role.CPCA_WORKER,
    Role.ANALYST,
    Role.AUDITOR,
    Role.PLATFORM_ADMIN,
]


@pytest.fixture
def case():
    return CaseFactory()


def outsiders(case):
    """Members who must never see `case`, whatever their role."""
    other_court = TribunalFactory(departement="76")
    return {
        "police of another unit": MembershipFactory(role=Role.POLICE_OFFICER),
        "procureur of another court": MembershipFactory(role=Role.PROSECUTOR, agency=other_court),
        "JAF of another court": MembershipFactory(role=Role.JUDGE, agency=other_court),
        "ISCG of the same unit without referral": MembershipFactory(
            role=Role.ISCG_SOCIAL_WORKER, agency=case.opening_agency
        ),
        "social referent without sharing": MembershipFactory(role=Role.SOCIAL_REFERENT),
        **{role.label: MembershipFactory(role=role) for role in OUTSIDER_ROLES},
    }


def insiders(case):
    return {
        "police of the unit": MembershipFactory(
            role=Role.POLICE_OFFICER, agency=case.opening_agency
        ),
        "procureur of the court": MembershipFactory(role=Role.PROSECUTOR, agency=case.court),
        "JAF of the court": MembershipFactory(role=Role.JUDGE, agency=case.court),
        "greffe of the court": MembershipFactory(role=Role.CLERK, agency=case.court),
    }


def sees(client, membership, case) -> dict:
    """What `membership` gets from the page, the API, the list and a search for the victim."""
    from tests.conftest import sign_in

    sign_in(client, membership)
    victim = case.victim
    search = {"last_name": victim.last_name, "birth_date": victim.birth_date.isoformat()}
    return {
        "page": client.get(reverse("cases:detail", args=[case.pk])).status_code,
        "api": client.get(f"/api/v1/cases/{case.pk}").status_code,
        "list": case.reference in client.get(reverse("cases:list")).content.decode(),
        "search": case.reference in client.get(reverse("cases:list"), search).content.decode(),
        "api_list": case.reference in client.get("/api/v1/cases/").content.decode(),
    }


def test_outsiders_are_refused_everywhere(client, case):
    for who, membership in outsiders(case).items():
        seen = sees(client, membership, case)
        refused = {"page": 404, "api": 404, "list": False, "search": False, "api_list": False}
        assert seen == refused, who


def test_insiders_see_the_case_everywhere(client, case):
    for who, membership in insiders(case).items():
        seen = sees(client, membership, case)
        assert seen == {"page": 200, "api": 200, "list": True, "search": True, "api_list": True}, (
            who
        )


@pytest.mark.parametrize("role", [Role.ISCG_SOCIAL_WORKER, Role.SOCIAL_REFERENT])
def test_a_live_referral_opens_the_case_to_its_recipient(client, case, role):
    kind = AgencyKind.GENDARMERIE if role == Role.ISCG_SOCIAL_WORKER else AgencyKind.ASSOCIATION
    recipient = MembershipFactory(role=role, agency=AgencyFactory(kind=kind))
    referral = referral_for(case, recipient.agency, role=role)
    assert sees(client, recipient, case)["page"] == 200
    referral.status = ReferralStatus.REVOKED
    referral.save()
    assert sees(client, recipient, case)["page"] == 404


def test_list_and_detail_use_the_same_queryset(case):
    for membership in [*outsiders(case).values(), *insiders(case).values()]:
        listed = perms.visible_cases(membership).filter(pk=case.pk).exists()
        assert listed == perms.can_view_case(membership, case)


def test_no_membership_sees_nothing(case):
    assert not perms.visible_cases(None).exists()
