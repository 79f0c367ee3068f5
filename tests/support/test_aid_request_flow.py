"""Transmitted with consent, decided by the caisse by the rules, paid with the deadline tracked."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import ShareScope
from egide.cases.closing import closing_blockers
from egide.support.choices import AidStatus
from egide.support.models import EmergencyAidRequest
from tests.cases.factories import CaseFactory
from tests.cases.sharing_helpers import consent_for, referral_for
from tests.factories import AgencyFactory, MembershipFactory

from .factories import aid_request, caf_agent

pytestmark = pytest.mark.django_db
FRIDAY = datetime.datetime(2025, 11, 7, 10, 0, tzinfo=datetime.UTC)


def form_data(caisse, **overrides):
    data = {
        "caisse": caisse.pk,
        "victim_consents": "on",
        "first_name": "Camille",
        "last_name": "Martin",
        "birth_date": "1990-05-01",
        "bank_account": "FR76 3000 1007 9412 3456 7890 185",
        "children_under_21": "2",
        "monthly_resources": "1000",
        "proof_kind": "complaint",
        "proof_date": "2025-11-01",
        "criminal_case_ongoing": "on",
    }
    data.update(overrides)
    return data


@time_machine.travel(FRIDAY, tick=False)
def test_officer_transmits_with_consent_and_the_deadline_counts_working_days(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    caf = AgencyFactory(kind=AgencyKind.CAF)
    url = reverse("support:aid_request_create", args=[case.pk])
    response = sign_in_as(officer).post(url, form_data(caf))
    assert response.status_code == 302, response.content.decode()
    sent = EmergencyAidRequest.objects.get()
    assert sent.caisse == caf
    assert sent.bank_account == "FR7630001007941234567890185"
    # Friday 7 Nov 2025, not allocataire: 5 working days, Tuesday 11 is a holiday.
    assert sent.payment_due == datetime.date(2025, 11, 17)
    assert case.timeline.filter(kind="support.aid").exists()
    # The consent she gave in front of the officer is on the file, and can be withdrawn there.
    assert sent.consent.agency == caf and sent.consent.scope == ShareScope.SUPPORT_PLAN


def test_a_recorded_consent_to_the_caisse_is_reused(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    caf = AgencyFactory(kind=AgencyKind.CAF)
    consent = consent_for(case, agency=caf, scope=ShareScope.SUPPORT_PLAN)
    url = reverse("support:aid_request_create", args=[case.pk])
    sign_in_as(officer).post(url, form_data(caf))
    assert EmergencyAidRequest.objects.get().consent == consent
    assert case.consents.count() == 1


def test_a_social_referent_with_the_support_plan_transmits_too(sign_in_as):
    case = CaseFactory()
    referral = referral_for(
        case,
        agency=AgencyFactory(kind=AgencyKind.ASSOCIATION),
        role=Role.SOCIAL_REFERENT,
        scope=ShareScope.SUPPORT_PLAN,
    )
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=referral.to_agency)
    caf = AgencyFactory(kind=AgencyKind.MSA)
    url = reverse("support:aid_request_create", args=[case.pk])
    response = sign_in_as(referent).post(url, form_data(caf))
    assert response.status_code == 302
    assert EmergencyAidRequest.objects.get().caisse == caf


def test_without_consent_nothing_is_sent(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    caf = AgencyFactory(kind=AgencyKind.CAF)
    consent_for(CaseFactory(), agency=caf)
    url = reverse("support:aid_request_create", args=[case.pk])
    response = sign_in_as(officer).post(url, form_data(caf, victim_consents=""))
    assert response.status_code == 200
    assert "Sans l&#x27;accord de la victime" in response.content.decode()
    assert not EmergencyAidRequest.objects.exists()


def test_grant_uses_the_rules(sign_in_as):
    agent = caf_agent()
    request = aid_request(caisse=agent.agency, monthly_resources=Decimal("5000"))
    sign_in_as(agent).post(reverse("support:aid_request_decide", args=[request.pk, "accorder"]))
    request.refresh_from_db()
    assert (request.status, request.form, request.amount) == (
        AidStatus.GRANTED,
        "loan",
        Decimal("258.61"),
    )


def test_an_old_proof_cannot_be_granted(sign_in_as):
    agent = caf_agent()
    request = aid_request(caisse=agent.agency, proof_date=datetime.date(2024, 11, 14))
    sign_in_as(agent).post(reverse("support:aid_request_decide", args=[request.pk, "accorder"]))
    request.refresh_from_db()
    assert request.status == AidStatus.RECEIVED


def test_one_award_per_twelve_months_even_in_another_case(sign_in_as):
    agent = caf_agent()
    aid_request(
        caisse=agent.agency,
        status=AidStatus.PAID,
        form="grant",
        amount=Decimal("646.52"),
        received_on=datetime.date(2025, 3, 1),
    )
    request = aid_request(caisse=agent.agency)
    sign_in_as(agent).post(reverse("support:aid_request_decide", args=[request.pk, "accorder"]))
    request.refresh_from_db()
    assert request.status == AidStatus.RECEIVED


def test_refusal_needs_a_reason(sign_in_as):
    agent = caf_agent()
    request = aid_request(caisse=agent.agency)
    client = sign_in_as(agent)
    url = reverse("support:aid_request_decide", args=[request.pk, "refuser"])
    client.post(url, {"reason": ""})
    request.refresh_from_db()
    assert request.status == AidStatus.RECEIVED
    client.post(url, {"reason": "Justificatif illisible"})
    request.refresh_from_db()
    assert (request.status, request.refusal_reason) == (AidStatus.REFUSED, "Justificatif illisible")


def test_payment_and_closing(sign_in_as):
    agent = caf_agent()
    request = aid_request(caisse=agent.agency)
    assert closing_blockers(request.case)
    client = sign_in_as(agent)
    client.post(reverse("support:aid_request_decide", args=[request.pk, "accorder"]))
    client.post(reverse("support:aid_request_decide", args=[request.pk, "versee"]))
    request.refresh_from_db()
    assert request.status == AidStatus.PAID
    assert request.paid_at is not None
    assert not closing_blockers(request.case)


@time_machine.travel(datetime.datetime(2025, 11, 20, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_late_payment_is_flagged(sign_in_as):
    agent = caf_agent()
    request = aid_request(caisse=agent.agency)
    assert request.is_late
    html = sign_in_as(agent).get(reverse("support:aid_requests")).content.decode()
    assert "Délai dépassé" in html
