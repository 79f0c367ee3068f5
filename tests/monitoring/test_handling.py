"""Handling an incident safely (docs/monitoring-console.md): closing needs the
procedure or a supervisor's reason and never contradicts the live position; the centre's home is
the live queue; an SOS shows her position on a base map; the supervisor sees escalations and who
handles what, and reassigns; the safe contact shows only while it is needed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.monitoring import basemap
from egide.monitoring.choices import PRIORITY, IncidentStatus
from egide.monitoring.models import Incident
from tests.devices.helpers import granted
from tests.factories import MembershipFactory

from .helpers import VICTIM, open_incident
from .map_helpers import alert_with_positions, report

pytestmark = pytest.mark.django_db
EVREUX = (1.1508, 49.0241)  # longitude, latitude


@pytest.fixture
def operator(sign_in_as):
    return sign_in_as(role=Role.MONITORING_OPERATOR)


def act(client, incident, action, **data):
    return client.post(reverse("monitoring:incident_action", args=[incident.pk, action]), data)


def page_of(client, incident) -> str:
    response = client.get(reverse("monitoring:incident", args=[incident.pk]), follow=True)
    return response.content.decode()


def status(incident) -> str:
    return Incident.objects.get(pk=incident.pk).status


# Closing


def test_an_alert_cannot_be_closed_without_the_procedures_steps(operator):
    incident = alert_with_positions()
    response = operator.post(
        reverse("monitoring:incident_action", args=[incident.pk, "close"]),
        {"outcome": "turned_away"},
        follow=True,
    )
    html = response.content.decode()
    assert "Étapes obligatoires non faites" in html
    assert "appeler la victime sur son contact sûr" in html
    assert status(incident) == IncidentStatus.OPEN  # not even taken in hand by the refusal


def test_he_moved_away_is_refused_while_he_is_still_inside_the_zone(operator):
    incident = alert_with_positions()  # the wearer 1 km from her, alert zone 2 km
    act(operator, incident, "victim_call")
    act(operator, incident, "police")
    html = operator.post(
        reverse("monitoring:incident_action", args=[incident.pk, "close"]),
        {"outcome": "turned_away"},
        follow=True,
    ).content.decode()
    assert "encore à" in html and "Il ne s&#x27;est pas éloigné" in html
    assert status(incident) == IncidentStatus.ACKNOWLEDGED
    # Another outcome while he is inside: only once the operator confirms it.
    act(operator, incident, "close", outcome="police")
    assert status(incident) == IncidentStatus.ACKNOWLEDGED
    act(operator, incident, "close", outcome="police", confirm_inside="yes")
    assert status(incident) == IncidentStatus.CLOSED


def test_once_he_is_out_of_the_zone_he_moved_away_closes(operator):
    incident = alert_with_positions()
    far = (VICTIM[0] + 0.05, VICTIM[1])  # 5.5 km
    report(incident.pairing.perpetrator_device, timezone.now() - timedelta(seconds=5), far)
    act(operator, incident, "victim_call")
    act(operator, incident, "police")
    act(operator, incident, "close", outcome="turned_away")
    assert status(incident) == IncidentStatus.CLOSED


def test_a_false_alarm_sos_closes_without_police_once_she_was_called(operator):
    incident = open_incident("sos")
    act(operator, incident, "close", outcome="false_alarm")
    assert status(incident) == IncidentStatus.OPEN
    act(operator, incident, "victim_call")
    act(operator, incident, "close", outcome="false_alarm")
    assert status(incident) == IncidentStatus.CLOSED


def test_only_a_supervisor_closes_before_the_steps_and_must_say_why(client, sign_in_as):
    incident = open_incident()
    sign_in_as(role=Role.MONITORING_OPERATOR)
    act(client, incident, "close", outcome="technical", override_reason="Doublon")
    assert status(incident) == IncidentStatus.OPEN
    supervisor = sign_in_as(role=Role.MONITORING_SUPERVISOR)
    assert "Motif de la clôture avant la fin de la procédure" in page_of(supervisor, incident)
    act(supervisor, incident, "close", outcome="technical")
    assert status(incident) == IncidentStatus.OPEN
    act(supervisor, incident, "close", outcome="technical", override_reason="Doublon de l'alerte 3")
    closed = Incident.objects.get(pk=incident.pk)
    assert closed.status == IncidentStatus.CLOSED
    assert closed.override_reason == "Doublon de l'alerte 3"
    assert "procédure : Doublon de l&#x27;alerte 3" in page_of(supervisor, closed)


# The home is the live queue


@pytest.mark.parametrize("role", [Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR])
def test_the_centres_home_is_the_live_queue_with_its_alarm(sign_in_as, role):
    incident = open_incident("sos")
    client = sign_in_as(role=role)
    response = client.get(reverse("web:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("monitoring:console")
    html = response.content.decode()
    assert f'data-incident="{incident.pk}"' in html and 'data-status="open"' in html
    assert 'id="incident-alarm"' in html and "alarme sonore" in html


# What the incident page shows


def test_an_sos_from_an_alarm_phone_shows_her_position_and_names_the_phone(operator):
    case, court, assignment = granted()
    phone = assignment.phone
    report(phone, timezone.now() - timedelta(seconds=30), VICTIM)
    incident = Incident.objects.create(
        kind="sos",
        priority=PRIORITY["sos"],
        device=phone,
        case=case,
        occurred_at=timezone.now(),
    )
    html = page_of(operator, incident)
    assert 'id="incident-map"' in html and "fond-de-carte/{z}/{x}/{y}.svg" in html
    assert phone.device_id in html[html.index('id="incident-device"') :][:300]
    assert f"Position de la victime (dispositif {phone.device_id})" in html
    facts = operator.get(reverse("monitoring:incident_map", args=[incident.pk])).json()
    assert (facts["victim"]["lat"], facts["victim"]["lon"]) == VICTIM
    queue = operator.get(reverse("monitoring:queue")).content.decode()
    assert phone.device_id in queue
    # Closed: her position is no longer shown.
    act(operator, incident, "victim_call")
    act(operator, incident, "police")
    act(operator, incident, "close", outcome="police")
    facts = operator.get(reverse("monitoring:incident_map", args=[incident.pk])).json()
    assert facts["victim"] is None


def test_each_distance_says_when_it_was_measured(operator):
    incident = alert_with_positions()
    html = page_of(operator, incident)
    facts = html[html.index('id="map-distance"') :][:200]
    assert "mesurée à" in facts
    assert "Distance actuelle" not in html and "Dernière distance" not in html


def test_the_base_map_is_drawn_offline_from_the_demo_departement(operator):
    x, y = (int(pixel // basemap.TILE) for pixel in basemap.project(*EVREUX, 11))
    west, south, east, north = basemap.tile_bounds(11, x, y)
    assert west < EVREUX[0] < east and south < EVREUX[1] < north
    response = operator.get(reverse("monitoring:basemap_tile", args=[11, x, y]))
    assert response["Content-Type"] == "image/svg+xml"
    assert ">Évreux</text>" in response.content.decode()
    assert operator.get(reverse("monitoring:basemap_tile", args=[3, 0, 0])).status_code == 404


def test_a_configured_tile_source_replaces_the_offline_base_map(operator, settings):
    settings.EGIDE_MAP_TILES_URL = "https://tiles.example.test/{z}/{x}/{y}.png"
    html = page_of(operator, alert_with_positions())
    assert 'data-tiles-url="https://tiles.example.test/{z}/{x}/{y}.png"' in html


def test_device_health_shows_the_fix_time_and_when_it_was_received(operator):
    incident = alert_with_positions()
    html = operator.get(reverse("monitoring:health")).content.decode()
    assert "relevée (horloge du dispositif)" in html and "reçue par la plateforme" in html
    assert incident.pairing.perpetrator_device.device_id in html


# The supervisor


def test_the_supervisor_sees_escalations_and_who_handles_what_and_reassigns(
    client, sign_in_as, settings
):
    escalated = open_incident("sos")
    Incident.objects.filter(pk=escalated.pk).update(escalated_at=timezone.now())
    held = open_incident()
    colleague = MembershipFactory(role=Role.MONITORING_OPERATOR)
    first = sign_in_as(role=Role.MONITORING_OPERATOR)
    act(first, held, "acknowledge")
    operator_name = Incident.objects.get(pk=held.pk).handled_by.get_full_name()
    act(first, held, "reassign", handler=colleague.user_id)  # not for operators
    assert Incident.objects.get(pk=held.pk).handled_by != colleague.user

    supervisor = sign_in_as(role=Role.MONITORING_SUPERVISOR)
    queue = supervisor.get(reverse("monitoring:queue")).content.decode()
    escalations = queue[queue.index('id="escalated"') : queue.index('id="handlers-title"')]
    assert f"SOS n° {escalated.pk}" in escalations and f"n° {held.pk}" not in escalations
    hands = queue[queue.index('id="handlers"') :][:600]
    assert operator_name in hands and f"Alerte n° {held.pk}" in hands

    act(supervisor, held, "reassign", handler=colleague.user_id)
    assert Incident.objects.get(pk=held.pk).handled_by == colleague.user
    hands = supervisor.get(reverse("monitoring:queue")).content.decode()
    assert colleague.user.get_full_name() in hands[hands.index('id="handlers"') :][:600]
    act(supervisor, escalated, "reassign", handler="999999")  # not a member of the centre
    assert Incident.objects.get(pk=escalated.pk).handled_by is None


# The safe contact only while needed


def test_the_safe_contact_is_not_listed_by_the_api_nor_shown_on_a_closed_incident(operator):
    incident = open_incident()
    body = operator.get("/api/v1/devices/pairings").content.decode()
    assert "06 11 22 33 44" not in body and "Tilleul" not in body and "safe_contact" not in body
    assert "Tilleul" in page_of(operator, incident)
    act(operator, incident, "victim_call")
    act(operator, incident, "police")
    act(operator, incident, "close", outcome="police")
    reads = AuditEntry.objects.filter(object_type="cases.case").count()
    html = page_of(operator, incident)
    assert "06 11 22 33 44" not in html and "Tilleul" not in html
    assert "Plus affiché" in html
    assert AuditEntry.objects.filter(object_type="cases.case").count() == reads
