"""Indicators of the monitoring centre and of the procureur's breach inbox."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import Role
from egide.justice.choices import BreachKind, BreachSource
from egide.justice.models import BreachReport
from egide.monitoring.choices import IncidentKind
from egide.monitoring.models import Event, Incident
from tests.factories import MembershipFactory, agency_for_role

from .factories import paris, two_courts_and_another_departement

pytestmark = pytest.mark.django_db
MINUTE = timedelta(minutes=1)


@pytest.fixture
def analyst(sign_in_as):
    return sign_in_as(MembershipFactory(role=Role.ANALYST, agency=agency_for_role(Role.ANALYST)))


def incident(case, kind, opened_at, acknowledged_after=None, police_after=None):
    return Incident.objects.create(
        kind=kind,
        priority=0,
        case=case,
        occurred_at=opened_at,
        opened_at=opened_at,
        acknowledged_at=acknowledged_after and opened_at + acknowledged_after,
        police_sent_at=police_after and opened_at + police_after,
    )


def breach(case, reported_at, acknowledged_after=None):
    return BreachReport.objects.create(
        case=case,
        court=case.court,
        kind=BreachKind.ALERT_DISTANCE,
        source=BreachSource.MONITORING,
        occurred_at=reported_at,
        description="—",
        reported_at=reported_at,
        acknowledgement_due_at=reported_at + 60 * MINUTE,
        acknowledged_at=acknowledged_after and reported_at + acknowledged_after,
    )


def figures(client):
    response = client.get(reverse("stats:indicators"), {"format": "json"})
    return {item["code"]: item for item in response.json()["indicateurs"]}


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_alerts_their_delays_and_breaches_taken_into_account_in_time(analyst):
    evreux, _bernay, caen = two_courts_and_another_departement()
    at = paris(2026, 3, 2)
    incident(evreux, IncidentKind.ALERT, at, acknowledged_after=1 * MINUTE, police_after=9 * MINUTE)
    incident(evreux, IncidentKind.SOS, at, acknowledged_after=3 * MINUTE, police_after=5 * MINUTE)
    incident(evreux, IncidentKind.ALERT, at, acknowledged_after=2 * MINUTE)
    incident(evreux, IncidentKind.PREALERT, at)
    incident(caen, IncidentKind.ALERT, at, acknowledged_after=50 * MINUTE)
    breach(evreux, at, acknowledged_after=30 * MINUTE)
    breach(evreux, at, acknowledged_after=90 * MINUTE)
    breach(evreux, at)
    eure = figures(analyst)
    assert eure["alertes"]["total"] == 3
    assert eure["pre-alertes"]["total"] == 1
    assert eure["alertes-delai-prise-en-charge"]["total"] == 2.0
    assert eure["alertes-delai-envoi-police"]["total"] == 7.0
    assert eure["violations-signalees"]["total"] == 3
    assert eure["violations-prises-en-compte-dans-le-delai"]["total"] == 33.3


def back_online(offline: Incident, after: timedelta, key: str):
    at = offline.occurred_at + after
    Event.objects.create(
        id=key,
        type="device.online",
        ts=at,
        ts_ns=int(at.timestamp() * 1e9),
        device_id="TGD-1",
        batch=1,
        incident=offline,
    )


@time_machine.travel("2026-03-20 12:00 +0100", tick=False)
def test_offline_episodes_and_how_long_devices_stayed_offline(analyst):
    evreux, _bernay, _caen = two_courts_and_another_departement()
    at = paris(2026, 3, 2)
    back_online(incident(evreux, IncidentKind.OFFLINE, at), 20 * MINUTE, "e1")
    back_online(incident(evreux, IncidentKind.OFFLINE, at), 40 * MINUTE, "e2")
    long_one = incident(evreux, IncidentKind.OFFLINE, at)
    back_online(long_one, 300 * MINUTE, "e3")
    back_online(long_one, 900 * MINUTE, "e4")  # a second return joined later: the first counts
    incident(evreux, IncidentKind.OFFLINE, at)  # still offline: not measured yet
    eure = figures(analyst)
    assert eure["dispositifs-hors-ligne"]["total"] == 4
    assert eure["dispositifs-hors-ligne-duree-mediane"]["total"] == 40.0
