"""Social workers' notes: the author's agency reads them; other agencies only when shared."""

import pytest
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.audit.models import AuditEntry
from egide.cases.models import CaseNote
from tests.factories import AgencyFactory, MembershipFactory

from .factories import CaseFactory
from .sharing_helpers import referral_for

pytestmark = pytest.mark.django_db


def referred(case, role, kind):
    referral = referral_for(case, agency=AgencyFactory(kind=kind), role=role)
    return MembershipFactory(role=role, agency=referral.to_agency)


@pytest.fixture
def around_a_case():
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case = CaseFactory(opening_agency=officer.agency)
    referent = referred(case, Role.SOCIAL_REFERENT, AgencyKind.ASSOCIATION)
    colleague = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=referent.agency)
    iscg = referred(case, Role.ISCG_SOCIAL_WORKER, AgencyKind.COMMISSARIAT)
    return case, officer, referent, colleague, iscg


def write(client, case, text, shared_with=()):
    data = {"kind": "interview", "text": text, "shared_with": [a.pk for a in shared_with]}
    return client.post(reverse("cases:notes", args=[case.pk]), data)


def notes_page(client, case) -> str:
    return client.get(reverse("cases:notes", args=[case.pk])).content.decode()


def test_a_note_is_read_by_the_authors_agency_only_by_default(sign_in_as, around_a_case):
    case, officer, referent, colleague, iscg = around_a_case
    response = write(sign_in_as(referent), case, "Entretien : souhaite quitter Évreux")
    assert response.status_code == 302
    assert "souhaite quitter Évreux" in notes_page(sign_in_as(colleague), case)
    assert "souhaite quitter Évreux" not in notes_page(sign_in_as(iscg), case)
    assert "souhaite quitter Évreux" not in notes_page(sign_in_as(officer), case)
    assert AuditEntry.objects.filter(action="create", object_type="cases.casenote").exists()


def test_a_note_shared_explicitly_reaches_that_agency(sign_in_as, around_a_case):
    case, officer, referent, _colleague, iscg = around_a_case
    write(sign_in_as(referent), case, "Rendez-vous CAF le 12", shared_with=[iscg.agency])
    assert "Rendez-vous CAF le 12" in notes_page(sign_in_as(iscg), case)
    assert "Rendez-vous CAF le 12" not in notes_page(sign_in_as(officer), case)


def test_a_note_cannot_be_shared_outside_the_case(sign_in_as, around_a_case):
    case, _officer, referent, _colleague, _iscg = around_a_case
    stranger = AgencyFactory(kind=AgencyKind.ASSOCIATION)
    response = write(sign_in_as(referent), case, "Hors dossier", shared_with=[stranger])
    assert response.status_code == 400
    assert not CaseNote.objects.exists()


def test_an_officer_reads_shared_notes_but_does_not_write(sign_in_as, around_a_case):
    case, officer, *_ = around_a_case
    assert write(sign_in_as(officer), case, "Note").status_code == 403
    assert not CaseNote.objects.exists()


def test_the_referent_sees_no_judicial_link_that_would_refuse_her(sign_in_as, around_a_case):
    case, officer, referent, *_ = around_a_case
    justice = reverse("justice:case", args=[case.pk])
    referent_client = sign_in_as(referent)
    assert referent_client.get(justice).status_code == 403
    page = referent_client.get(case.get_absolute_url()).content.decode()
    assert justice not in page
    assert reverse("cases:notes", args=[case.pk]) in page
    assert justice in sign_in_as(officer).get(case.get_absolute_url()).content.decode()
