"""Support cases opened by a partner, with or without a complaint."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.cases import perms, support
from egide.cases.choices import CaseOrigin, CaseStatus, CloseReason, ShareScope
from egide.cases.models import Case, Incident
from tests.assessment.helpers import acting
from tests.conftest import sign_in
from tests.factories import AgencyFactory, MembershipFactory

from .factories import CaseFactory, PersonFactory, SupportCaseFactory
from .test_open_case import complaint

pytestmark = pytest.mark.django_db


def support_form(**overrides) -> dict:
    data = complaint(
        **{
            "incident-disclosure_channel": "association",
            "consent-consent": "on",
            "consent-scope": ShareScope.WHOLE_FILE,
        }
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def cidff():
    agency = AgencyFactory(kind=AgencyKind.ASSOCIATION, name="CIDFF de l'Eure")
    return MembershipFactory(role=Role.SOCIAL_REFERENT, agency=agency)


def open_support_case(client, member) -> Case:
    sign_in(client, member)
    response = client.post(reverse("cases:open_support"), support_form())
    assert response.status_code == 302
    return Case.objects.get(opened_as=CaseOrigin.SUPPORT)


def test_a_cidff_opens_a_support_case_without_complaint_with_her_consent(client, cidff):
    case = open_support_case(client, cidff)
    assert (case.opening_agency, case.complaint_filed, case.court) == (cidff.agency, False, None)
    consent = case.consents.get()
    assert (consent.agency, consent.scope) == (cidff.agency, ShareScope.WHOLE_FILE)
    assert client.get(case.get_absolute_url()).status_code == 200
    assert "Sans plainte" in client.get(case.get_absolute_url()).content.decode()


def test_without_her_consent_nothing_is_opened(client, cidff, sign_in_as):
    sign_in_as(cidff)
    response = client.post(reverse("cases:open_support"), support_form(**{"consent-consent": None}))
    assert response.status_code == 400
    assert "ne s&#x27;ouvre qu&#x27;avec son consentement" in response.content.decode()
    assert not Case.objects.exists()


def test_police_and_parquet_do_not_see_a_support_case_before_a_complaint(cidff):
    case = SupportCaseFactory(opening_agency=cidff.agency)
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    prosecutor = MembershipFactory(role=Role.PROSECUTOR, agency=cidff.agency.court)
    for member in (officer, prosecutor):
        assert not perms.visible_cases(member).filter(pk=case.pk).exists()
    assert perms.visible_cases(cidff).filter(pk=case.pk).exists()


def test_an_iscg_support_case_stays_hidden_from_the_police_of_its_station():
    iscg = MembershipFactory(role=Role.ISCG_SOCIAL_WORKER)
    case = support.open_support_case(
        acting(iscg),
        victim={"last_name": "Roux", "first_name": "Inès", "birth_date": None},
        perpetrator={"last_name": "Roux", "first_name": "Marc", "birth_year": 1980},
        relationship={"kind": "married"},
        incident={
            "occurred_on": datetime.date(2026, 1, 2),
            "commune": "Évreux",
            "disclosure_channel": "association",
        },
        safe_contact={"phone": "0611223344"},
        masking={},
        scope=ShareScope.SUPPORT_PLAN,
    )
    colleague = MembershipFactory(role=Role.POLICE_OFFICER, agency=iscg.agency)
    assert not perms.visible_cases(colleague).filter(pk=case.pk).exists()
    assert perms.can_edit_case(iscg, case)


def test_the_complaint_filed_later_joins_the_support_case(client, cidff):
    case = open_support_case(Client(), cidff)
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    sign_in(client, officer)
    # The desk learns a support file exists, and nothing of it, until she agrees.
    asked = client.post(reverse("cases:open"), complaint(**{"victim-last_name": "LEFEVRE"}))
    page = asked.content.decode()
    assert asked.status_code == 409 and "déjà accompagnée" in page
    assert case.reference not in page and "CIDFF" not in page
    assert not perms.visible_cases(officer).filter(pk=case.pk).exists()
    joined = client.post(reverse("cases:open"), complaint(join="yes"))
    assert joined.status_code == 302 and joined["Location"] == case.get_absolute_url()
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert (case.complaint_filed, case.complaint_unit, case.court) == (
        True,
        officer.agency,
        officer.agency.court,
    )
    assert case.incidents.count() == 2
    assert perms.can_edit_case(officer, case) and perms.can_edit_case(cidff, case)
    assert AuditEntry.objects.filter(action=Action.READ, fields=["support_match"]).exists()


def test_she_may_refuse_and_the_complaint_opens_its_own_file(client, cidff, sign_in_as):
    case = open_support_case(Client(), cidff)
    sign_in_as(role=Role.POLICE_OFFICER)
    response = client.post(reverse("cases:open"), complaint(join="no"))
    assert response.status_code == 302
    assert Case.objects.count() == 2
    case.refresh_from_db()
    assert not case.complaint_filed


def test_two_files_of_one_victim_are_merged_by_a_deliberate_audited_action(sign_in_as, client):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    kept, duplicate = (
        CaseFactory(opening_agency=officer.agency),
        CaseFactory(opening_agency=officer.agency, people=False),
    )
    victim = kept.victim
    PersonFactory(
        case=duplicate,
        last_name=victim.last_name.upper(),
        first_name=victim.first_name,
        birth_date=victim.birth_date,
    )
    Incident.objects.create(
        case=duplicate, occurred_on="2026-01-03", commune="Évreux", disclosure_channel="association"
    )
    sign_in_as(officer)
    assert (
        duplicate.reference in client.get(reverse("cases:merge", args=[kept.pk])).content.decode()
    )
    refused = client.post(
        reverse("cases:merge", args=[kept.pk]), {"duplicate": duplicate.pk, "reason": ""}
    )
    assert refused.status_code == 400
    response = client.post(
        reverse("cases:merge", args=[kept.pk]),
        {"duplicate": duplicate.pk, "reason": "Même date de naissance, même adresse."},
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.close_reason, duplicate.merged_into) == (
        CaseStatus.CLOSED,
        CloseReason.MERGED,
        kept,
    )
    assert kept.incidents.count() == 1
    assert AuditEntry.objects.filter(object_id=str(duplicate.pk), fields=["merged_into"]).exists()


def test_the_file_follows_her_when_she_moves(client, cidff, sign_in_as):
    case = SupportCaseFactory(opening_agency=cidff.agency)
    elsewhere = AgencyFactory(kind=AgencyKind.ASSOCIATION, departement="76", name="CIDFF 76")
    sign_in_as(cidff)
    without = {"to_agency": elsewhere.pk, "scope": ShareScope.WHOLE_FILE}
    assert client.post(reverse("cases:transfer", args=[case.pk]), without).status_code == 400
    response = client.post(reverse("cases:transfer", args=[case.pk]), {**without, "consent": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.opening_agency, case.departement) == (elsewhere, "76")
    assert case.consents.filter(agency=elsewhere, scope=ShareScope.WHOLE_FILE).exists()
    assert not perms.can_view_case(cidff, case)
    newcomer = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=elsewhere)
    assert perms.can_edit_case(newcomer, case)
