"""What the monitoring engine reads from the platform: the PAIRINGS.json document of the active
pairings and of the alarm phones out with victims, and the engine's settings.

The engine knows nothing of Django (`egide/engine/`); this module is the one translation from
the devices' models to its configuration, for the live worker and the simulator alike.
"""

import json
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from egide.devices.models import AlarmPhoneAssignment, FixedZone, Pairing
from egide.devices.services import active_pairings


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def engine_zone_id(zone: FixedZone) -> str:
    return f"zone-{zone.pk}"


def engine_zone(zone: FixedZone) -> dict:
    return {
        "id": engine_zone_id(zone),
        "lat": float(zone.latitude),
        "lon": float(zone.longitude),
        "alert_m": zone.alert_m,
        "prealert_m": zone.prealert_m,
        "exemptions": [{"start": _iso(e.start), "end": _iso(e.end)} for e in zone.exemptions.all()],
    }


def engine_pairing(pairing: Pairing) -> dict:
    """One entry of PAIRINGS.json's "pairings" (docs/monitoring.md)."""
    return {
        "id": f"pairing-{pairing.pk}",
        "perpetrator_device": pairing.perpetrator_device.device_id,
        "victim_device": pairing.victim_device.device_id,
        "alert_m": pairing.alert_m,
        "prealert_m": pairing.prealert_m,
        "valid_from": _iso(pairing.valid_from),
        "valid_until": _iso(pairing.valid_until),
        "zones": [engine_zone(zone) for zone in pairing.zones.all()],
    }


def engine_pairings(at: datetime | None = None) -> dict:
    """What the monitoring engine reads: active pairings and the ids of phones out with victims."""
    at = at or timezone.now()
    pairings = active_pairings(at).select_related("perpetrator_device", "victim_device")
    pairings = pairings.prefetch_related("zones__exemptions").order_by("pk")
    phones = AlarmPhoneAssignment.objects.filter(
        withdrawn_at__isnull=True, granted_at__lte=at, ends_at__gt=at
    )
    return {
        "pairings": [engine_pairing(pairing) for pairing in pairings],
        "alarm_phones": sorted(phones.values_list("phone__device_id", flat=True).distinct()),
    }


def engine_settings() -> dict:
    return {
        "offline_after_s": settings.EGIDE_MONITORING_OFFLINE_AFTER_S,
        "max_accuracy_m": settings.EGIDE_MONITORING_MAX_ACCURACY_M,
    }


def current_config_text() -> str:
    """The engine configuration now: active pairings, phones out with victims, settings."""
    document = engine_pairings()
    document["settings"] = engine_settings()
    return json.dumps(document, sort_keys=True)
