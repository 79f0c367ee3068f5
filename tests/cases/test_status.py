"""Case status: closing needs a reason and no active blocker; reopening is one click, logged."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.cases import closing
from egide.cases.choices import CaseStatus
from tests.factories import MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_case(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    return client, case


@pytest.fixture
def active_device_blocker():
    def active_device(case):
        return "Un téléphone grave danger est attribué."

    closing.blockers.register(active_device)
    yield active_device
    closing.blockers.unregister(active_device)


def close(client, case, reason="danger_ended"):
    return client.post(reverse("cases:close", args=[case.pk]), {"reason": reason}, follow=True)


def test_close_with_a_reason(officer_case):
    client, case = officer_case
    close(client, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.close_reason == "danger_ended"
    assert case.closed_at is not None


def test_close_without_a_valid_reason_changes_nothing(officer_case):
    client, case = officer_case
    response = close(client, case, reason="bored")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert "Choisissez un motif" in response.content.decode()


def test_close_is_refused_while_a_blocker_says_so(officer_case, active_device_blocker):
    client, case = officer_case
    response = close(client, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert "Un téléphone grave danger est attribué." in response.content.decode()


def test_reopen_is_one_click_and_logged(officer_case):
    client, case = officer_case
    close(client, case)
    client.post(reverse("cases:reopen", args=[case.pk]))
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.close_reason == "" and case.closed_at is None
    updates = AuditEntry.objects.filter(action=Action.UPDATE, object_id=str(case.pk))
    assert updates.count() == 2 and "status" in updates.last().fields
    assert case.timeline.filter(summary="Dossier rouvert").exists()


def test_supervised_then_reopened(officer_case):
    client, case = officer_case
    client.post(reverse("cases:supervise", args=[case.pk]))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUPERVISED


def test_the_court_may_read_but_not_close(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(MembershipFactory(role=Role.JUDGE, agency=case.court))
    assert (
        client.post(reverse("cases:close", args=[case.pk]), {"reason": "other"}).status_code == 403
    )
