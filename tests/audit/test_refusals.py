"""Refused accesses are audited, per person and minute, without values: probes leave a trace."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_probing_cases_outside_ones_perimeter_is_recorded(sign_in_as):
    cases = [CaseFactory() for _ in range(3)]
    client = sign_in_as(role=Role.POLICE_OFFICER, agency__departement="76")
    for case in cases:
        url = reverse("cases:detail", args=[case.pk])
        assert client.get(f"{url}?q=Martin").status_code == 404
    denied = AuditEntry.objects.filter(action=Action.DENIED).order_by("seq")
    assert [entry.object_id for entry in denied] == [str(case.pk) for case in cases]
    assert {entry.object_type for entry in denied} == {"cases:detail"}
    assert not any("Martin" in entry.reason + "".join(entry.fields) for entry in denied)


def test_a_forbidden_page_is_recorded(sign_in_as):
    client = sign_in_as(role=Role.POLICE_OFFICER)
    assert client.get(reverse("audit:log")).status_code == 403
    entry = AuditEntry.objects.get(action=Action.DENIED)
    assert (entry.object_type, entry.reason) == ("audit:log", "403")


def test_refusals_are_recorded_up_to_a_limit_per_minute(sign_in_as, settings):
    settings.AUDIT_DENIED_PER_MINUTE = 2
    client = sign_in_as(role=Role.POLICE_OFFICER)
    for _ in range(5):
        client.get(reverse("audit:log"))
    assert AuditEntry.objects.filter(action=Action.DENIED).count() == 2


def test_the_auditor_finds_refusals(sign_in_as):
    prober = MembershipFactory(role=Role.POLICE_OFFICER)
    sign_in_as(prober).get(reverse("audit:log"))
    auditor = sign_in_as(role=Role.AUDITOR)
    page = auditor.get(reverse("audit:log"), {"action": Action.DENIED}).content.decode()
    assert prober.user.username in page
