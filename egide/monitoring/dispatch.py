"""Police dispatch: a message to the dispatch room, retried with backoff until acknowledged.

The endpoint is configured (EGIDE_MONITORING_DISPATCH_URL, format "json" or "cap" for OASIS CAP
1.2 XML). A 2xx answer is the acknowledgement. In the demo, without an endpoint, the demo's
dispatch room (the `police_room` page) receives it instead. After DISPATCH_MAX_ATTEMPTS failures
the message is dead-lettered: the supervisor sees it and calls the dispatch room. Payloads carry the
positions the police need to intervene; they are never logged.
"""

import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import DispatchStatus
from .models import Dispatch, DispatchReceipt, Fix

log = logging.getLogger(__name__)

DISPATCH_MAX_ATTEMPTS = 8
DISPATCH_TIMEOUT_S = 3
BACKOFF_CAP_S = 300


def endpoint() -> tuple[str, str]:
    return (
        settings.EGIDE_MONITORING_DISPATCH_URL,
        settings.EGIDE_MONITORING_DISPATCH_FORMAT,
    )


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, BACKOFF_CAP_S))


def _latest_position(device) -> dict | None:
    if device is None:
        return None
    fix = Fix.objects.filter(device_id=device.device_id).order_by("-ts").first()
    if fix is None:
        return None
    return {"lat": fix.lat, "lon": fix.lon, "accuracy_m": fix.accuracy_m}


def message(dispatch: Dispatch) -> dict:
    incident = dispatch.incident
    pairing = incident.pairing
    victim_device = pairing.victim_device if pairing else incident.device
    return {
        "id": f"egide-dispatch-{dispatch.pk}",
        "incident": incident.pk,
        "kind": incident.kind,
        "case": incident.case.reference if incident.case else None,
        "occurred_at": incident.occurred_at.isoformat(),
        "distance_m": incident.distance_m,
        "victim_position": _latest_position(victim_device),
        "perpetrator_position": _latest_position(pairing.perpetrator_device) if pairing else None,
    }


def cap_xml(body: dict) -> str:
    """OASIS Common Alerting Protocol 1.2, restricted to the dispatch room."""
    sent = timezone.now().replace(microsecond=0).isoformat()
    position = body["victim_position"] or body["perpetrator_position"]
    area = ""
    if position:
        area = (
            "<area><areaDesc>Position de la victime</areaDesc>"
            f"<circle>{position['lat']},{position['lon']} 0.5</circle></area>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{escape(body['id'])}</identifier><sender>egide</sender><sent>{sent}</sent>"
        "<status>Actual</status><msgType>Alert</msgType><scope>Restricted</scope>"
        "<restriction>Forces de l'ordre</restriction>"
        "<info><language>fr-FR</language><category>Security</category>"
        f"<event>{escape(body['kind'])}</event><urgency>Immediate</urgency>"
        "<severity>Severe</severity><certainty>Observed</certainty>"
        f"<headline>Égide : intervention demandée ({escape(str(body['case']))})</headline>"
        f"{area}</info></alert>"
    )


def _post(url: str, fmt: str, body: dict) -> None:
    if fmt == "cap":
        data, content_type = cap_xml(body).encode(), "application/cap+xml"
    else:
        data, content_type = json.dumps(body).encode(), "application/json"
    request = urllib.request.Request(  # noqa: S310 (the URL is the platform's configuration)
        url, data=data, headers={"Content-Type": content_type}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=DISPATCH_TIMEOUT_S) as response:  # noqa: S310
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(url, response.status, "not acknowledged", None, None)


def _demo_room(fmt: str, body: dict) -> None:
    """The demo's stand-in for the dispatch room (no endpoint configured in a demo)."""
    if fmt == "cap":
        DispatchReceipt.objects.create(content_type="application/cap+xml", body=cap_xml(body))
    else:
        DispatchReceipt.objects.create(content_type="application/json", body=json.dumps(body))


def attempt(dispatch: Dispatch) -> None:
    url, fmt = endpoint()
    now = timezone.now()
    try:
        if url:
            _post(url, fmt, message(dispatch))
        elif settings.DEMO:
            _demo_room(fmt, message(dispatch))
        else:
            raise ValueError("no dispatch endpoint configured")
    except (OSError, ValueError) as error:
        dispatch.attempts += 1
        dispatch.last_error = type(error).__name__ if url else str(error)[:200]
        if not url or dispatch.attempts >= DISPATCH_MAX_ATTEMPTS:
            dispatch.status = DispatchStatus.DEAD
        dispatch.next_attempt_at = now + backoff(dispatch.attempts)
        log.warning("dispatch %s not acknowledged (attempt %s)", dispatch.pk, dispatch.attempts)
    else:
        dispatch.attempts += 1
        dispatch.status = DispatchStatus.ACKNOWLEDGED
        dispatch.acknowledged_at = now
    dispatch.save()
    dispatch.incident.changed_at = now
    dispatch.incident.save(update_fields=["changed_at"])


def send_due(limit: int = 5) -> int:
    due = Dispatch.objects.filter(
        status=DispatchStatus.PENDING, next_attempt_at__lte=timezone.now()
    ).select_related("incident__pairing__victim_device", "incident__case", "incident__device")
    sent = 0
    for dispatch in due[:limit]:
        with transaction.atomic():
            attempt(dispatch)
        sent += 1
    return sent
