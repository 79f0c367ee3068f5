"""Break-glass: reason mandatory, time-limited, flagged to the auditor, only for some roles."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import Action, AuditEntry
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
