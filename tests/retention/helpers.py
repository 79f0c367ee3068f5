"""Positions and events of devices at given moments, and a bracelet placement ended on a date."""

import itertools
from datetime import datetime

import time_machine
from django.utils import timezone

from egide.accounts.roles import Role
from egide.engine import MOVING_ZONE_ID
from egide.helpline import services
from egide.helpline.models import CpcaHandover
from egide.monitoring.models import Event, Fix
from egide.perpetrators import programmes
from egide.retention.kinds import as_ns
from tests.devices.helpers import active_pairing
from tests.factories import MembershipFactory
from tests.helpline.helpers import cpca, listener, victim_call
from tests.justice.helpers import acting

_ids = itertools.count(1)


def at(day: str, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(f"{day}T{hour:02d}:00:00"))


def fix(device_id: str, moment: datetime, *, claimed: bool = True) -> Fix:
    return Fix.objects.create(
        device_id=device_id,
        ts=as_ns(moment),
        lat=49.02,
        lon=1.15,
        source="osmand",
        received_at=moment,
        batch=1 if claimed else None,
    )


def event(device_id: str, moment: datetime, pairing_key: str = "") -> Event:
    return Event.objects.create(
        id=f"ev{next(_ids):08d}",
        type="zone.enter",
        ts=moment,
        ts_ns=as_ns(moment),
        device_id=device_id,
        pairing_key=pairing_key,
        zone=MOVING_ZONE_ID,
        level_from="prealert",
        level_to="alert",
        batch=1,
    )


def ended_placement(start: datetime, end: datetime):
    """A BAR pairing that ran from `start` to `end`, with a fix of each device and an event."""
    pairing = active_pairing()
    pairing.valid_from, pairing.valid_until = start, end
    pairing.save(update_fields=["valid_from", "valid_until"])
    for device in (pairing.perpetrator_device, pairing.victim_device):
        fix(device.device_id, start)
        fix(device.device_id, end)
    event(pairing.perpetrator_device.device_id, end, f"pairing-{pairing.pk}")
    return pairing


def helpline_calls(moment: datetime):
    """A 3919 call, and a "Ne frappez pas" call with its CPCA hand-over, made at `moment`."""
    member = listener()
    with time_machine.travel(moment, tick=False):
        call = victim_call(member)
        services.record_perpetrator_call(
            acting(member),
            departement="27",
            caller="perpetrator",
            violence_forms=["physical"],
            orientation="cpca",
            handover={
                "cpca": cpca(),
                "first_name": "Marc",
                "phone": "0600000000",
                "times_to_call": "",
            },
        )
    return call, CpcaHandover.objects.latest("pk")


def enrolled_from(handover: CpcaHandover):
    """The CPCA's enrolment of the man a hand-over put in touch with it."""
    worker = MembershipFactory(role=Role.CPCA_WORKER, agency=handover.cpca)
    return programmes.enrol_volunteer(
        acting(worker),
        first_name=handover.first_name,
        enrolled_on=timezone.localdate(handover.consent_given_at),
        handover=handover,
    )
