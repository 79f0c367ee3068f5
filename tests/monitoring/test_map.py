"""The incident's map, its text alternative and the distance over time."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.engine.geo import haversine_m
from egide.monitoring.choices import IncidentStatus
from egide.monitoring.configuration import engine_zone_id
from egide.monitoring.distance import distance_series
from egide.monitoring.models import Event
from tests.conftest import sign_in
from tests.factories import MembershipFactory

from .helpers import CLOSE, FAR, NEAR, VICTIM, open_incident
from .map_helpers import HOME, alert_with_positions, report

pytestmark = pytest.mark.django_db
CENTRE = (Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR)


def metres(one, other) -> int:
    return round(haversine_m(*one, *other))


@pytest.fixture
def operator(sign_in_as):
    return sign_in_as(role=Role.MONITORING_OPERATOR)


@pytest.fixture
def alert():
    return alert_with_positions()


def map_of(client, incident):
    return client.get(reverse("monitoring:incident_map", args=[incident.pk]))


def test_the_distance_follows_the_latest_position_of_each_device():
    pairing = open_incident().pairing
    wearer, victim = pairing.perpetrator_device, pairing.victim_device
    end = timezone.now()
    start = end - timedelta(hours=1)
    report(wearer, start - timedelta(minutes=5), FAR)  # before the window: still his position
    report(victim, start + timedelta(minutes=10), VICTIM)
    report(wearer, start + timedelta(minutes=20), NEAR)
    report(victim, start + timedelta(minutes=30), VICTIM)
    report(wearer, start + timedelta(minutes=40), CLOSE)
    report(wearer, end + timedelta(minutes=1), FAR)  # after the window

    series = distance_series(pairing, start, end)

    assert [point.distance_m for point in series] == [
        metres(FAR, VICTIM),
        metres(NEAR, VICTIM),
        metres(NEAR, VICTIM),
        metres(CLOSE, VICTIM),
    ]
    assert [round((point.at - start).total_seconds() / 60) for point in series] == [10, 20, 30, 40]
    assert 990 <= series[-1].distance_m <= 1010


def test_no_distance_before_both_devices_have_reported():
    pairing = open_incident().pairing
    end = timezone.now()
    report(pairing.perpetrator_device, end - timedelta(minutes=5), NEAR)
    assert distance_series(pairing, end - timedelta(hours=1), end) == []


def test_the_operator_on_an_open_alert_gets_both_positions_and_the_read_is_audited(operator, alert):
    facts = map_of(operator, alert).json()
    assert (facts["perpetrator"]["lat"], facts["perpetrator"]["lon"]) == CLOSE
    assert (facts["victim"]["lat"], facts["victim"]["lon"]) == VICTIM
    assert 115 <= facts["perpetrator"]["age_s"] <= 130
    assert facts["distance_m"] == metres(CLOSE, VICTIM)
    assert (facts["alert_m"], facts["prealert_m"]) == (2000, 4000)
    assert HOME in [zone["label"] for zone in facts["zones"]]
    entry = AuditEntry.objects.filter(object_type="devices.pairing").latest("id")
    assert "victim.position" in entry.fields
    assert entry.actor_username


@pytest.mark.parametrize("change", [{"kind": "tamper"}, {"status": IncidentStatus.CLOSED}])
def test_the_victim_is_left_off_the_map_when_the_incident_does_not_need_her_position(
    operator, alert, change
):
    alert.__dict__.update(change)
    alert.closed_at = timezone.now() if change.get("status") else None
    alert.save()
    facts = map_of(operator, alert).json()
    assert facts["victim"] is None and facts["victim_shown"] is False
    assert facts["perpetrator"] is not None
    labels = [zone["label"] for zone in facts["zones"]]
    assert HOME not in labels and labels  # the place-ban zone stays
    assert str(VICTIM[0]) not in map_of(operator, alert).content.decode()
    entry = AuditEntry.objects.filter(object_type="devices.pairing").latest("id")
    assert "victim.position" not in entry.fields


@pytest.mark.parametrize("role", [r for r in Role.values if r not in CENTRE])
def test_no_one_outside_the_monitoring_centre_gets_the_map(client, alert, role):
    sign_in(client, MembershipFactory(role=role))
    assert map_of(client, alert).status_code in (403, 404)


def test_the_page_shows_the_map_its_text_alternative_and_the_distance_chart(operator, alert):
    html = operator.get(reverse("monitoring:incident", args=[alert.pk])).content.decode()
    assert 'id="incident-map"' in html
    assert reverse("monitoring:incident_map", args=[alert.pk]) in html
    assert "fond-de-carte/{z}/{x}/{y}.svg" in html and "leaflet.js" in html
    facts = html[html.index('id="map-facts"') : html.index("</dl>", html.index('id="map-facts"'))]
    assert f"{metres(CLOSE, VICTIM)} m" in facts
    assert facts.count("relevée à") == 2 and facts.count("reçue à") == 2  # both positions
    assert "(il y a 2" in facts
    assert f"{HOME} : alerte 2000 m, pré-alerte 4000 m" in facts
    assert 'role="img"' in html and "egide-chart-threshold--alert" in html
    assert "egide-chart-threshold--prealert" in html and "<polyline" in html
    assert f"Dernière mesure : {metres(CLOSE, VICTIM)} m" in html


def _event(incident, ts, kind, zone="", level_from="", level_to="", distance_m=None):
    return Event.objects.create(
        id=f"{incident.pk}-{ts}",
        type=kind,
        ts=timezone.now() - timedelta(seconds=60 - ts),
        ts_ns=ts,
        device_id=incident.device.device_id,
        pairing_key=f"pairing-{incident.pairing.pk}",
        zone=zone,
        level_from=level_from,
        level_to=level_to,
        distance_m=distance_m,
        batch=1,
        incident=incident,
    )


def test_the_events_read_in_words_naming_the_zones_the_reader_may_see(operator, alert):
    home = alert.pairing.zones.get(is_victim_home=True)
    _event(alert, 1, "zone.enter", "victim", "prealert", "alert", 1900)
    _event(alert, 2, "zone.enter", engine_zone_id(home), "clear", "prealert", 3500)
    _event(alert, 3, "device.battery_low")
    page = reverse("monitoring:incident", args=[alert.pk])

    def events_table(html):
        return html[html.index("Événements de l'incident") :]

    table = events_table(operator.get(page).content.decode())
    assert "Rapprochement : pré-alerte → alerte, zone mobile autour de la victime" in table
    assert f"Rapprochement : hors zone → pré-alerte, {HOME}" in table
    assert "Batterie faible (moins de 20 %)" in table
    assert "zone.enter" not in table

    alert.kind = "tamper"  # her position, and so her home, are not this incident's business
    alert.save()
    table = events_table(operator.get(page).content.decode())
    assert HOME not in table
    assert "Rapprochement : hors zone → pré-alerte, zone fixe non affichée" in table
