"""The demo's simulator: its bracelets come close enough to raise alerts on the console."""

import random

import pytest

from egide.monitoring import intake, pipeline
from egide.monitoring.choices import IncidentKind
from egide.monitoring.models import Incident
from egide.monitoring.publisher import publish_pending
from egide.tools import simulator

from .helpers import paired

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_approach_cycle_raises_an_alert_incident():
    pairing = paired()
    worker = pipeline.Worker()
    rng = random.Random(1)
    for step in range(simulator.PERIOD_S // simulator.EVERY_S):
        intake.store(simulator.tick(step, rng), "demo")
        worker.step()
    while publish_pending():
        pass
    alert = Incident.objects.get(kind=IncidentKind.ALERT, zone="victim")
    assert alert.pairing == pairing
