"""Break-glass: reason mandatory, time-limited, flagged to the auditor, only for some roles."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.cases import perms
from egide.cases.models import BreakGlassAccess
from tests.factories import MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db
REASON = "Appel au 17 : la victime signale l'auteur devant chez elle"


def break_glass(client, case, reason=REASON):
    data = {"reference": case.reference, "reason": reason}
    return client.post(reverse("cases:break_glass"), data)


def test_grants_a_flagged_time_limited_read(sign_in_as):
    case = CaseFactory()
    member = MembershipFactory(role=Role.POLICE_OFFICER, agency__departement="76")
    client = sign_in_as(member)
    with time_machine.travel(datetime.datetime(2026, 2, 1, 22, 0, tzinfo=datetime.UTC)):
        response = break_glass(client, case)
        assert response.status_code == 302
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
        entry = AuditEntry.objects.get(action=Action.BREAK_GLASS)
        assert entry.flagged and entry.reason == REASON
        assert AuditEntry.objects.filter(action=Action.READ, flagged=True).exists()
    with time_machine.travel(datetime.datetime(2026, 2, 2, 2, 1, tzinfo=datetime.UTC)):
        assert not perms.can_view_case(member, case)


def test_reason_is_mandatory(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(role=Role.PROSECUTOR)
    assert break_glass(client, case, reason="").status_code == 400
    assert not BreakGlassAccess.objects.exists()


def test_break_glass_grants_no_edit(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(role=Role.JUDGE)
    break_glass(client, case)
    assert client.get(reverse("cases:incident_add", args=[case.pk])).status_code == 403


@pytest.mark.parametrize(
    "role",
    [Role.CPCA_WORKER, Role.ANALYST, Role.PLATFORM_ADMIN, Role.SHELTER_MANAGER, Role.CLERK],
)
def test_other_roles_cannot_break_glass(sign_in_as, role):
    case = CaseFactory()
    client = sign_in_as(role=role)
    assert break_glass(client, case).status_code == 403
    assert not BreakGlassAccess.objects.exists()


def test_an_unknown_reference_gets_the_same_answer_and_is_flagged(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(role=Role.POLICE_OFFICER, agency__departement="76")
    known = client.post(
        reverse("cases:break_glass"), {"reference": case.reference, "reason": REASON}
    )
    unknown = client.post(
        reverse("cases:break_glass"), {"reference": "EGD-1999-999999", "reason": REASON}
    )
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    known_page = client.get(known.url)  # the message of the first answer is shown here
    second_page = client.get(unknown.url)
    assert known_page.status_code == second_page.status_code == 200
    attempts = AuditEntry.objects.filter(action=Action.BREAK_GLASS, flagged=True)
    assert attempts.count() == 2
    assert attempts.filter(fields=["unknown_reference"]).count() == 1


def test_break_glass_is_rate_limited_per_person(sign_in_as, settings):
    settings.BREAK_GLASS_PER_HOUR = 2
    cases = [CaseFactory() for _ in range(3)]
    client = sign_in_as(role=Role.PROSECUTOR)
    for case in cases[:2]:
        assert break_glass(client, case).status_code == 302
    refused = break_glass(client, cases[2])
    assert refused.status_code == 429
    assert "Trop d'accès d'urgence" in refused.content.decode().replace("&#x27;", "'")
    assert not BreakGlassAccess.objects.filter(case=cases[2]).exists()


def test_the_owner_agency_is_told(sign_in_as, mailoutbox, django_capture_on_commit_callbacks):
    case = CaseFactory()
    owner = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    owner.user.email = "unite@example.test"
    owner.user.save()
    client = sign_in_as(role=Role.JUDGE)
    with django_capture_on_commit_callbacks(execute=True):
        assert break_glass(client, case).status_code == 302
    assert len(mailoutbox) == 1
    assert "unite@example.test" in mailoutbox[0].to
    assert case.reference in mailoutbox[0].body
