"""The parquet or the judge asks, from the case, for housing for its evicted perpetrator."""

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.cases.models import TimelineEntry
from egide.criminal.models import Obligation
from egide.eviction.choices import LegalBasis, RequestStatus
from egide.eviction.models import HousingRequest
from tests.cases.factories import CaseFactory
from tests.criminal.helpers import EVICTION, supervised_case
from tests.justice.helpers import court_member

from .factories import housing_operator, housing_request

pytestmark = pytest.mark.django_db


def form(operator, **overrides):
    data = {
        "operator": operator.agency.pk,
        "legal_basis": LegalBasis.PROTECTION_ORDER,
        "leave_by": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "obligation_reference": "",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.JUDGE])
def test_the_court_asks_for_housing_for_the_case_perpetrator(sign_in_as, role):
    case = CaseFactory()
    operator = housing_operator()
    client = sign_in_as(court_member(case, role))
    url = reverse("eviction:case_requests", args=[case.pk])

    response = client.post(url, form(operator, obligation_reference="CJ-2026-17"), follow=True)

    housing_request = HousingRequest.objects.get(case=case)
    assert housing_request.perpetrator == case.perpetrator
    assert housing_request.court == case.court
    assert housing_request.status == RequestStatus.REQUESTED
    assert housing_request.obligation_reference == "CJ-2026-17"
    assert housing_request.requested_role == role
    page = unescape(response.content.decode())
    assert "La demande d'hébergement est envoyée au gestionnaire." in page
    assert str(operator.agency) in page
    assert TimelineEntry.objects.filter(case=case, kind="eviction.housing").exists()
    assert AuditEntry.objects.filter(action="create", object_id=str(housing_request.pk)).exists()


def test_an_eviction_ordered_under_supervision_fills_in_the_request(sign_in_as):
    case = supervised_case(obligations=[EVICTION])
    eviction = Obligation.objects.get(case=case, kind="eviction")
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    page = client.get(reverse("eviction:case_requests", args=[case.pk]))
    initial = page.context["form"].initial
    assert initial["legal_basis"] == LegalBasis.JUDICIAL_SUPERVISION
    assert initial["obligation_reference"] == str(eviction.pk)


def test_a_date_already_past_is_refused_and_nothing_is_asked(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("eviction:case_requests", args=[case.pk]),
        form(housing_operator(), leave_by=yesterday),
    )
    assert response.status_code == 400
    assert "La date de départ du domicile ne peut pas être passée." in unescape(
        response.content.decode()
    )
    assert not HousingRequest.objects.exists()


def test_one_open_request_per_case(sign_in_as):
    case = CaseFactory()
    operator = housing_operator()
    housing_request(case, operator)
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    response = client.post(reverse("eviction:case_requests", args=[case.pk]), form(operator))
    assert response.status_code == 400
    assert "déjà en cours" in response.content.decode()
    assert HousingRequest.objects.filter(case=case).count() == 1


def test_an_operator_of_another_departement_cannot_be_asked(sign_in_as):
    case = CaseFactory()
    elsewhere = housing_operator(departement="76")
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    response = client.post(reverse("eviction:case_requests", args=[case.pk]), form(elsewhere))
    assert response.status_code == 400
    assert not HousingRequest.objects.exists()


def test_the_parquet_withdraws_a_request_to_send_it_elsewhere(sign_in_as):
    pending = housing_request()
    client = sign_in_as(court_member(pending.case, Role.PROSECUTOR))
    client.post(reverse("eviction:request_withdraw", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.status == RequestStatus.WITHDRAWN


def test_a_court_sees_only_its_own_requests(sign_in_as):
    mine, other = housing_request(), housing_request()
    page = (
        sign_in_as(court_member(mine.case, Role.JUDGE))
        .get(reverse("eviction:court_requests"))
        .content.decode()
    )
    assert mine.case.reference in page and other.case.reference not in page


def test_the_case_page_links_the_court_to_the_housing_request(sign_in_as):
    case = CaseFactory()
    page = (
        sign_in_as(court_member(case, Role.PROSECUTOR))
        .get(reverse("cases:detail", args=[case.pk]))
        .content.decode()
    )
    assert reverse("eviction:case_requests", args=[case.pk]) in page


def test_the_parquet_asks_through_the_api_and_the_greffe_cannot(sign_in_as):
    case = CaseFactory()
    operator = housing_operator()
    url = f"/api/v1/eviction/cases/{case.pk}/requests"
    payload = {
        "operator_id": operator.agency.pk,
        "legal_basis": LegalBasis.ALTERNATIVE_MEASURE,
        "leave_by": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
    }
    clerk = sign_in_as(court_member(case, Role.CLERK))
    assert clerk.post(url, payload, content_type="application/json").status_code == 403
    assert not HousingRequest.objects.exists()

    prosecutor = sign_in_as(court_member(case, Role.PROSECUTOR))
    created = prosecutor.post(url, payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["perpetrator_last_name"] == case.perpetrator.last_name
    again = prosecutor.post(url, payload, content_type="application/json")
    assert again.status_code == 422 and "déjà en cours" in again.json()["detail"]
