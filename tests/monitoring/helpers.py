"""A bracelet pairing with known device secrets, fixes near it, and a request stand-in."""

import time
from datetime import timedelta

from egide.devices.secrets import intake_secret_hash
from egide.monitoring.intake import forget_cached_secrets
from tests.devices.helpers import active_pairing

SECRET = "bracelet-secret-for-tests"
NS = 1_000_000_000
# Around Rouen, far (45 km) from the place-ban zone the justice helpers put in Évreux.
VICTIM = (49.4431, 1.0993)
FAR = (49.5331, 1.0993)  # 10 km north of her: clear (alert 2 km, pre-alert 4 km)
NEAR = (49.4701, 1.0993)  # 3 km: pre-alert
CLOSE = (49.4521, 1.0993)  # 1 km: alert


def paired(secret: str = SECRET):
    """An active pairing (since an hour ago) whose two devices answer to `secret`."""
    pairing = active_pairing()
    pairing.valid_from -= timedelta(hours=1)
    pairing.save(update_fields=["valid_from"])
    for device in (pairing.perpetrator_device, pairing.victim_device):
        device.intake_secret_hash = intake_secret_hash(secret)
        device.save(update_fields=["intake_secret_hash"])
    forget_cached_secrets()
    return pairing


def now_s() -> int:
    return time.time_ns() // NS


def fix(device, ts_s: int, position, **extra) -> dict:
    """One item of the batch endpoint."""
    lat, lon = position
    return {"id": device.device_id, "secret": SECRET, "ts": ts_s, "lat": lat, "lon": lon, **extra}


def open_incident(kind="alert"):
    """An open incident on a fresh pairing's case, as the publisher would open it."""
    from django.utils import timezone

    from egide.monitoring.choices import PRIORITY
    from egide.monitoring.models import Incident

    pairing = paired()
    return Incident.objects.create(
        kind=kind,
        priority=PRIORITY[kind],
        pairing=pairing,
        device=pairing.perpetrator_device,
        case=pairing.order.case,
        zone="victim",
        distance_m=950,
        occurred_at=timezone.now(),
    )
