"""Every read of a case's personal data is audited with the names of the fields shown."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.factories import MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory()


def reads(case):
    return AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))


def test_case_page_read_lists_fields_never_values(sign_in_as, case):
    client = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    client.get(reverse("cases:detail", args=[case.pk]))
    entry = reads(case).get(action=Action.READ)
    expected = {
        "victim.last_name",
        "victim.address",
        "safe_contact.code_word",
        "perpetrator.last_name",
    }
    assert expected <= set(entry.fields)
    assert case.victim.last_name not in str(entry.fields) and "Tilleul" not in str(entry.fields)


def test_print_is_audited_as_print(sign_in_as, case):
    client = sign_in_as(MembershipFactory(role=Role.PROSECUTOR, agency=case.court))
    client.get(reverse("cases:print", args=[case.pk]))
    assert reads(case).filter(action=Action.PRINT).exists()


def test_judge_does_not_read_the_safe_contact(sign_in_as, case):
    client = sign_in_as(MembershipFactory(role=Role.JUDGE, agency=case.court))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Tilleul" not in page
    assert "safe_contact.code_word" not in reads(case).get(action=Action.READ).fields


def test_list_and_search_rows_are_audited(sign_in_as, case):
    client = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    client.get(reverse("cases:list"), {"last_name": case.victim.last_name})
    assert "victim.last_name" in reads(case).get(action=Action.READ).fields


def test_api_read_is_audited_like_the_page(client, case):
    from tests.conftest import sign_in

    sign_in(client, MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    client.get(f"/api/v1/cases/{case.pk}")
    assert "victim.address" in reads(case).get(action=Action.READ).fields


def test_refused_reads_leave_no_personal_data_trace(sign_in_as, case):
    client = sign_in_as(role=Role.CPCA_WORKER)
    client.get(reverse("cases:detail", args=[case.pk]))
    assert not reads(case).filter(action=Action.READ).exists()
