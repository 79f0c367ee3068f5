"""The referent builds the plan; late needs stand out; a partner sees only its own part."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import ShareScope
from egide.support.choices import NeedStatus
from egide.support.models import FreshStartNeed, FreshStartPlan
from tests.cases.factories import CaseFactory
from tests.cases.sharing_helpers import referral_for
from tests.factories import AgencyFactory, MembershipFactory

from .factories import plan_with_needs

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2025, 12, 10, 9, 0, tzinfo=datetime.UTC)


def referent_with_case():
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT)
    case = CaseFactory()
    referral_for(
        case, agency=referent.agency, role=Role.SOCIAL_REFERENT, scope=ShareScope.SUPPORT_PLAN
    )
    return referent, case


@time_machine.travel(NOW, tick=False)
def test_referent_opens_the_plan_and_adds_needs(sign_in_as):
    referent, case = referent_with_case()
    caf = AgencyFactory(kind=AgencyKind.CAF)
    url = reverse("support:plan", args=[case.pk])
    response = sign_in_as(referent).post(
        url,
        {
            "area": "caf",
            "description": "Ouvrir les droits RSA",
            "partner": caf.pk,
            "target_date": "2026-01-15",
        },
    )
    assert response.status_code == 302
    plan = FreshStartPlan.objects.get(case=case)
    assert plan.referent == referent.user
    assert plan.needs.get().partner == caf


@time_machine.travel(NOW, tick=False)
def test_a_past_target_date_is_refused_and_nothing_is_added(sign_in_as):
    referent, case = referent_with_case()
    url = reverse("support:plan", args=[case.pk])
    response = sign_in_as(referent).post(
        url,
        {
            "area": "caf",
            "description": "Ouvrir les droits RSA",
            "partner": AgencyFactory(kind=AgencyKind.CAF).pk,
            "target_date": "2025-12-09",
        },
    )
    assert response.status_code == 200
    assert "L&#x27;échéance est déjà passée" in response.content.decode()
    assert not FreshStartNeed.objects.exists()


def test_an_officer_reads_the_plan_but_does_not_lead_it(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    client = sign_in_as(officer)
    assert client.get(reverse("support:plan", args=[case.pk])).status_code == 200
    assert client.post(reverse("support:plan", args=[case.pk]), {}).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_late_needs_are_unmistakable(sign_in_as):
    referent, case = referent_with_case()
    plan_with_needs([AgencyFactory()], case=case)
    html = sign_in_as(referent).get(reverse("support:plan", args=[case.pk])).content.decode()
    assert "En retard" in html


def test_a_partner_sees_only_its_part(sign_in_as):
    caf = AgencyFactory(kind=AgencyKind.CAF)
    housing, health = (
        AgencyFactory(kind=AgencyKind.DEPARTMENT),
        AgencyFactory(kind=AgencyKind.HOSPITAL),
    )
    plan_with_needs([caf, housing, health])
    agent = MembershipFactory(role=Role.AID_AGENT, agency=caf)
    html = sign_in_as(agent).get(reverse("support:partner_needs")).content.decode()
    assert "Besoin confidentiel n°0" in html
    assert "Besoin confidentiel n°1" not in html
    assert "Besoin confidentiel n°2" not in html


def test_a_partner_updates_its_need_and_no_other(sign_in_as):
    caf, other = AgencyFactory(kind=AgencyKind.CAF), AgencyFactory()
    plan = plan_with_needs([caf, other])
    mine, theirs = plan.needs.order_by("id")
    client = sign_in_as(MembershipFactory(role=Role.AID_AGENT, agency=caf))
    client.post(reverse("support:need_update", args=[mine.pk]), {"status": NeedStatus.DONE})
    response = client.post(
        reverse("support:need_update", args=[theirs.pk]), {"status": NeedStatus.DONE}
    )
    assert response.status_code == 404
    assert FreshStartNeed.objects.get(pk=mine.pk).status == NeedStatus.DONE
    assert FreshStartNeed.objects.get(pk=theirs.pk).status == NeedStatus.TO_DO
