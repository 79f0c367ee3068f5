"""Devices in stock and a bracelet pairing ordered by the JAF, for the devices tests."""

import itertools

from egide.devices import services
from egide.devices.choices import DeviceKind, Framework
from egide.devices.models import Device
from tests.cases.factories import CaseFactory
from tests.justice.helpers import CONTACT_BAN, PLACE_BAN, court_of, order_in_force

_numbers = itertools.count(1)


def stock(kind=DeviceKind.ALARM_PHONE) -> Device:
    number = next(_numbers)
    return Device.objects.create(
        kind=kind,
        device_id=f"{kind}-{number:04d}",
        serial_number=f"SN{number:06d}",
        intake_secret_hash="0" * 64,
    )


def bracelet_pair() -> None:
    stock(DeviceKind.PERPETRATOR_BRACELET)
    stock(DeviceKind.VICTIM_UNIT)


def civil_bar(alert_km=2, **kwargs):
    case, court, order = order_in_force(measures=[CONTACT_BAN, PLACE_BAN])
    bracelet_pair()
    values = {
        "framework": Framework.CIVIL,
        "alert_km": alert_km,
        "perpetrator_consent": True,
        "victim_consent": True,
        "protection_order": order,
        "place_bans": tuple(order.measures.filter(kind="place_ban")),
    }
    bar = services.BarOrder(**{**values, **kwargs})
    return case, court, order, bar


def active_pairing():
    case, court, order, bar = civil_bar()
    return services.order_bracelet(court.judge, case, bar)


def criminal_pairing(framework=Framework.JUDICIAL_SUPERVISION):
    """A BAR ordered in criminal proceedings (no consent needed), watching the OP's place ban."""
    case, court, order, bar = civil_bar(
        framework=framework, perpetrator_consent=False, protection_order=None
    )
    return services.order_bracelet(court.judge, case, bar)


def grant(**kwargs):
    values = {
        "no_cohabitation": True,
        "contact_ban_basis": "protection_order",
        "imminent_danger": "",
        "express_consent": True,
        "geolocation_consent": True,
    }
    return services.TgdGrant(**{**values, **kwargs})


def granted(**kwargs):
    """A case, its court, and an alarm phone granted to the victim by the procureur."""
    case = CaseFactory()
    court = court_of(case)
    phone = stock()
    return case, court, services.grant_alarm_phone(court.prosecutor, case, phone, grant(**kwargs))
