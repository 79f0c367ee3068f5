"""An open alert whose two devices have reported, with the victim's home as a fixed zone."""

from datetime import timedelta

from django.utils import timezone

from egide.devices.models import FixedZone
from egide.monitoring.distance import as_ns
from egide.monitoring.models import Fix

from .helpers import CLOSE, VICTIM, open_incident

HOME = "Domicile de la victime"


def report(device, at, position) -> None:
    lat, lon = position
    Fix.objects.create(device_id=device.device_id, ts=as_ns(at), lat=lat, lon=lon, source="batch")


def alert_with_positions():
    """The wearer 1 km from the victim two minutes ago (she reported a minute before)."""
    incident = open_incident()
    pairing, now = incident.pairing, timezone.now()
    report(pairing.victim_device, now - timedelta(minutes=3), VICTIM)
    report(pairing.perpetrator_device, now - timedelta(minutes=2), CLOSE)
    FixedZone.objects.create(
        pairing=pairing,
        label=HOME,
        is_victim_home=True,
        latitude=VICTIM[0],
        longitude=VICTIM[1],
        alert_m=2000,
        prealert_m=4000,
    )
    return incident
