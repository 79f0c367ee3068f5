"""A CAF agent sees the aid request — and nothing else of the case."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.choices import PersonRole
from egide.cases.models import Incident
from egide.cases.perms import visible_cases
from tests.cases.factories import CaseFactory, renamed

from .factories import aid_request, caf_agent

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    agent = caf_agent()
    case = CaseFactory()
    # Names the factories never draw (they draw "Valentin" and "Valentine" alike): hers, shown,
    # cannot contain his, searched for, nor be found on the page by chance.
    renamed(case.victim, "Zorglubien", "Zéphirine")
    renamed(case.perpetrator, "Quintard-Zola")
    Incident.objects.create(
        case=case,
        occurred_on="2025-10-30",
        commune="Évreux",
        disclosure_channel="police_complaint",
        narrative="Récit confidentiel des faits",
    )
    return agent, case, aid_request(caisse=agent.agency, case=case)


def test_the_aid_request_is_readable(sign_in_as, setting):
    agent, case, request = setting
    html = sign_in_as(agent).get(reverse("support:aid_request", args=[request.pk])).content
    html = html.decode()
    assert case.victim.first_name in html
    assert request.bank_account in html
    assert "517.22" in html or "517,22" in html


def test_nothing_else_of_the_case(sign_in_as, setting):
    agent, case, request = setting
    perpetrator = case.people.get(role=PersonRole.PERPETRATOR)
    client = sign_in_as(agent)
    html = client.get(reverse("support:aid_request", args=[request.pk])).content.decode()
    for secret in (
        perpetrator.last_name,
        "Récit confidentiel",
        "rue des Lilas",
        "Tilleul",  # the safe contact's code word
        case.reference,
        reverse("cases:detail", args=[case.pk]),
    ):
        assert secret not in html
    assert not visible_cases(agent).exists()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code in (403, 404)


def test_another_caisse_sees_nothing(sign_in_as, setting):
    _agent, _case, request = setting
    other = caf_agent()
    client = sign_in_as(other)
    assert client.get(reverse("support:aid_request", args=[request.pk])).status_code == 404
    assert str(request) not in client.get(reverse("support:aid_requests")).content.decode()


def test_other_roles_cannot_open_the_caisse_pages(sign_in_as, setting):
    _agent, _case, request = setting
    client = sign_in_as(role=Role.SHELTER_MANAGER)
    assert client.get(reverse("support:aid_request", args=[request.pk])).status_code == 403
