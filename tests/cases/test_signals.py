"""The assessment engine hears about new incidents and separations."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases import signals
from tests.factories import MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    signals.incident_recorded.connect(listener)
    signals.separation_recorded.connect(listener)
    yield received
    signals.incident_recorded.disconnect(listener)
    signals.separation_recorded.disconnect(listener)


def test_incident_and_separation_are_signalled(
    sign_in_as, heard, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    client = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    incident = {
        "occurred_on": "2026-01-05",
        "commune": "Louviers",
        "violence_forms": ["threats"],
        "disclosure_channel": "main_courante",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:incident_add", args=[case.pk]), incident)
        client.post(
            reverse("cases:relationship_edit", args=[case.pk]),
            {"kind": "married", "separation_in_progress": "on"},
        )
    assert heard[0]["case"] == case and heard[0]["incident"].commune == "Louviers"
    assert heard[1] == {"case": case, "signal": signals.separation_recorded}


def test_nothing_is_signalled_for_an_invalid_incident(sign_in_as, heard):
    case = CaseFactory()
    client = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    response = client.post(reverse("cases:incident_add", args=[case.pk]), {"commune": "Louviers"})
    assert response.status_code == 400 and heard == [] and not case.incidents.exists()
