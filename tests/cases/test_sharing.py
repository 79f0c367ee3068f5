"""Consent and referrals: never without consent except by the procureur with a legal basis."""

import pytest
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.cases import perms
from egide.cases.choices import ReferralStatus, ShareScope
from egide.cases.models import ConsentRecord, Referral
from tests.conftest import sign_in
from tests.factories import AgencyFactory, MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory()


@pytest.fixture
def cidff():
    return AgencyFactory(kind=AgencyKind.ASSOCIATION, name="CIDFF de l'Eure")


def refer(client, case, agency, scope=ShareScope.WHOLE_FILE, legal_basis=""):
    data = {"to_agency": agency.pk, "to_role": Role.SOCIAL_REFERENT, "scope": scope}
    return client.post(
        reverse("cases:referral_send", args=[case.pk]), {**data, "legal_basis": legal_basis}
    )


def give_consent(client, case, agency, scope=ShareScope.WHOLE_FILE):
    url = reverse("cases:consent_add", args=[case.pk])
    return client.post(url, {"agency": agency.pk, "scope": scope})


def officer(client, case):
    return sign_in(client, MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))


def test_referral_without_consent_is_refused_and_changes_nothing(client, case, cidff):
    response = refer(officer(client, case), case, cidff)
    assert response.status_code == 400
    assert "consentement" in response.content.decode()
    assert not Referral.objects.exists()


def test_consent_then_referral_then_acceptance(client, case, cidff):
    officer(client, case)
    give_consent(client, case, cidff)
    assert refer(client, case, cidff).status_code == 302
    referral = Referral.objects.get()
    assert referral.consent == ConsentRecord.objects.get()
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff)
    sign_in(client, referent)
    client.post(reverse("cases:referral_decide", args=[referral.pk]), {"decision": "accept"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert perms.can_view_case(referent, case)


def test_support_plan_consent_cannot_share_the_whole_file(client, case, cidff):
    officer(client, case)
    give_consent(client, case, cidff, scope=ShareScope.SUPPORT_PLAN)
    assert refer(client, case, cidff, scope=ShareScope.WHOLE_FILE).status_code == 400
    assert refer(client, case, cidff, scope=ShareScope.SUPPORT_PLAN).status_code == 302


def test_support_plan_share_shows_no_incident_nor_perpetrator(client, case, cidff):
    officer(client, case)
    give_consent(client, case, cidff, scope=ShareScope.SUPPORT_PLAN)
    refer(client, case, cidff, scope=ShareScope.SUPPORT_PLAN)
    sign_in(client, MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff))
    data = client.get(f"/api/v1/cases/{case.pk}").json()
    assert data["scope"] == ShareScope.SUPPORT_PLAN
    assert {person["role"] for person in data["people"]} == {"victim"}
    assert data["incidents"] == [] and data["safe_contact"]["code_word"] == "Tilleul"


def test_withdrawal_revokes_referrals_and_visibility(client, case, cidff):
    officer(client, case)
    give_consent(client, case, cidff)
    refer(client, case, cidff)
    consent = ConsentRecord.objects.get()
    client.post(reverse("cases:consent_withdraw", args=[case.pk, consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert Referral.objects.get().status == ReferralStatus.REVOKED
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff)
    assert not perms.can_view_case(referent, case)


def test_procureur_may_refer_without_consent_only_with_a_legal_basis(client, case, cidff):
    sign_in(client, MembershipFactory(role=Role.PROSECUTOR, agency=case.court))
    assert refer(client, case, cidff).status_code == 400
    assert not Referral.objects.exists()
    basis = "Art. 41 CPP : orientation vers une association d'aide aux victimes"
    assert refer(client, case, cidff, legal_basis=basis).status_code == 302
    assert Referral.objects.get().legal_basis == basis


def test_police_cannot_refer_without_consent_even_with_a_reason(client, case, cidff):
    officer(client, case)
    assert refer(client, case, cidff, legal_basis="urgence").status_code == 400
    assert not Referral.objects.exists()


def test_revoked_referral_closes_the_door(client, case, cidff):
    officer(client, case)
    give_consent(client, case, cidff)
    refer(client, case, cidff)
    referral = Referral.objects.get()
    client.post(reverse("cases:referral_revoke", args=[case.pk, referral.pk]))
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff)
    assert not perms.can_view_case(referent, case)
