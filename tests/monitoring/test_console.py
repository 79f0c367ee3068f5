"""The operator console: the queue, the procedure, escalation, dispatch, what is shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.monitoring import dispatch
from egide.monitoring.choices import DispatchStatus, IncidentStatus
from egide.monitoring.models import Dispatch, Incident
from egide.monitoring.publisher import escalate_unacknowledged
from tests.factories import MembershipFactory

from .helpers import open_incident

pytestmark = pytest.mark.django_db
CENTRE = (Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR)


@pytest.fixture
def operator(sign_in_as):
    return sign_in_as(role=Role.MONITORING_OPERATOR)


def act(client, incident, action, **data):
    url = reverse("monitoring:incident_action", args=[incident.pk, action])
    return client.post(url, data)


@pytest.mark.parametrize("role", [r for r in Role.values if r not in CENTRE])
def test_no_one_outside_the_monitoring_centre_sees_incidents(client, sign_in_as, role):
    incident = open_incident()
    sign_in_as(role=role)
    for url in (
        reverse("monitoring:console"),
        reverse("monitoring:queue"),
        reverse("monitoring:stream"),
        reverse("monitoring:health"),
        reverse("monitoring:incident", args=[incident.pk]),
    ):
        assert client.get(url).status_code in (403, 404), url
    assert act(client, incident, "acknowledge").status_code in (403, 404)
    assert Incident.objects.get().status == IncidentStatus.OPEN


def test_the_queue_is_ordered_by_priority(operator):
    battery = open_incident("battery")
    sos = open_incident("sos")
    prealert = open_incident("prealert")
    html = operator.get(reverse("monitoring:queue")).content.decode()
    order = [html.index(f'data-incident="{i.pk}"') for i in (sos, prealert, battery)]
    assert order == sorted(order)


def test_an_alert_is_acknowledged_with_the_time_it_took_then_police_are_sent(operator):
    incident = open_incident()
    Incident.objects.filter(pk=incident.pk).update(opened_at=timezone.now() - timedelta(seconds=8))
    act(operator, incident, "acknowledge")
    act(operator, incident, "victim_call")
    act(operator, incident, "police")
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.ACKNOWLEDGED
    assert 8 <= incident.acknowledgement_seconds <= 60
    assert incident.victim_called_at and incident.police_sent_at
    assert Dispatch.objects.get(incident=incident).status == DispatchStatus.PENDING


def test_a_prealert_records_whether_the_wearer_turned_away_and_closes(operator):
    incident = open_incident("prealert")
    act(operator, incident, "wearer_call", turned_away="yes")
    assert act(operator, incident, "close").status_code == 302
    incident.refresh_from_db()
    assert incident.status != IncidentStatus.CLOSED  # no outcome given
    act(operator, incident, "note", text="Il rentre chez lui.")
    act(operator, incident, "close", outcome="turned_away")
    incident.refresh_from_db()
    assert incident.wearer_turned_away is True
    assert incident.status == IncidentStatus.CLOSED
    assert incident.notes.get().text == "Il rentre chez lui."


def test_unacknowledged_incidents_escalate_after_the_configured_delay(settings):
    settings.EGIDE_MONITORING_ESCALATION_S = 30
    incident = open_incident()
    assert escalate_unacknowledged(timezone.now() + timedelta(seconds=20)) == 0
    assert escalate_unacknowledged(timezone.now() + timedelta(seconds=31)) == 1
    incident.refresh_from_db()
    assert incident.escalated_at is not None


def test_the_incident_shows_the_safe_contact_never_the_address_and_is_audited(operator):
    incident = open_incident()
    response = operator.get(reverse("monitoring:incident", args=[incident.pk]))
    html = response.content.decode()
    assert "06 11 22 33 44" in html and "Tilleul" in html
    assert "rue des Lilas" not in html
    entry = AuditEntry.objects.filter(object_type="cases.case").latest("seq")
    assert entry.fields == sorted(
        [
            "safe_contact.code_word",
            "safe_contact.never_leave_message",
            "safe_contact.phone",
            "safe_contact.times_to_call",
        ]
    )


def test_a_dispatch_never_acknowledged_is_dead_lettered_and_shown_to_the_supervisor(
    client, sign_in_as, settings
):
    settings.EGIDE_MONITORING_DISPATCH_URL = "http://127.0.0.1:9/unreachable"
    incident = open_incident()
    record = Dispatch.objects.create(incident=incident)
    for _ in range(dispatch.DISPATCH_MAX_ATTEMPTS):
        Dispatch.objects.filter(pk=record.pk).update(next_attempt_at=timezone.now())
        dispatch.send_due()
    assert Dispatch.objects.get().status == DispatchStatus.DEAD
    sign_in_as(role=Role.MONITORING_OPERATOR)
    assert "non remis" not in client.get(reverse("monitoring:queue")).content.decode()
    sign_in_as(MembershipFactory(role=Role.MONITORING_SUPERVISOR))
    assert "non remis" in client.get(reverse("monitoring:queue")).content.decode()


def test_the_stream_carries_incident_ids_only(operator):
    incident = open_incident()
    response = operator.get(reverse("monitoring:stream"))
    assert response["Content-Type"] == "text/event-stream"
    chunks = response.streaming_content
    first, second = next(chunks), next(chunks)
    response.close()
    assert b"retry" in first
    assert second == f'event: incidents\ndata: {{"ids": [{incident.pk}]}}\n\n'.encode()


def test_operators_see_a_red_banner_when_the_engine_is_down(operator):
    html = operator.get(reverse("monitoring:console")).content.decode()
    assert "Surveillance dégradée" in html


def test_in_the_demo_police_receive_the_dispatch_in_cap_xml(client, sign_in_as, settings):
    settings.DEMO = True
    settings.EGIDE_MONITORING_DISPATCH_URL = ""
    settings.EGIDE_MONITORING_DISPATCH_FORMAT = "cap"
    Dispatch.objects.create(incident=open_incident("sos"))
    dispatch.send_due()
    assert Dispatch.objects.get().status == DispatchStatus.ACKNOWLEDGED
    sign_in_as(role=Role.POLICE_OFFICER)
    html = client.get(reverse("monitoring:police_room")).content.decode()
    assert "urn:oasis:names:tc:emergency:cap:1.2" in html
