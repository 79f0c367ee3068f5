"""Device intake over HTTP. Devices have no session: each proves itself with its own secret
(`Authorization: Bearer <secret>`, or a `secret` parameter for trackers that cannot set headers).

Answers: 200 once stored (a duplicate too); 400 malformed (nothing stored); 401 unknown device or
wrong secret (counted); 422 device clock ahead (counted); 503 when the database is unreachable
(the device keeps the fix and retries).

Two servers speak this protocol and must answer alike, so the protocol lives here once, free of
any web framework: `admit` turns a `DeviceRequest` into an `Admission` (what to count, what to
store, what to answer once both are done) and `settle` does the storing for one or many
admissions. The Django views below settle each request alone (the reference, and what Django's
test client reaches); `asgi_intake` settles concurrent requests together (group commit).
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import orjson
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from . import intake, protocols
from .protocols import IncomingFix, Malformed

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True, slots=True)
class DeviceRequest:
    """What intake needs of an HTTP request, whichever server received it."""

    method: str
    content_type: str  # media type only, lower case
    query_string: str
    body: bytes
    authorization: str


@dataclass(slots=True)
class Answer:
    status: int
    document: dict
    headers: dict[str, str] = field(default_factory=dict)

    def content(self) -> bytes:
        return orjson.dumps(self.document)


@dataclass(slots=True)
class Admission:
    """A checked request: refusals to count and fixes to store before `answer` may be given."""

    answer: Answer
    source: str = ""
    fixes: list[IncomingFix] = field(default_factory=list)
    refusals: list[tuple[str, str]] = field(default_factory=list)


def _error(status: int, message: str, **extra) -> Answer:
    return Answer(status, {"error": message, **extra})


def unavailable() -> Answer:
    return Answer(
        503, {"error": "storage unavailable: keep the fix and retry"}, {"Retry-After": "5"}
    )


def _secret(request: DeviceRequest) -> str:
    scheme, _, token = request.authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _json(request: DeviceRequest):
    try:
        return orjson.loads(request.body or b"null")
    except orjson.JSONDecodeError as error:
        raise Malformed(f"body: not JSON ({error})") from None


def _fields(text: str, what: str) -> dict[str, str]:
    try:
        return dict(
            parse_qsl(
                text,
                keep_blank_values=True,
                max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            )
        )
    except ValueError as error:
        raise Malformed(f"{what}: {error}") from None


def _single(fix: IncomingFix, received_ns: int, source: str) -> Admission:
    verdict = intake.check([fix], received_ns)
    if verdict.unauthenticated:
        _index, _fix, reason = verdict.unauthenticated[0]
        return Admission(
            _error(401, "unknown device or wrong secret"), refusals=[(reason, fix.device_id)]
        )
    if verdict.clock_ahead:
        return Admission(
            _error(422, "device clock more than 10 minutes ahead: fix refused"),
            refusals=[(intake.RefusalReason.CLOCK_AHEAD, fix.device_id)],
        )
    return Admission(Answer(200, {"stored": 1}), source, verdict.accepted)


def read_osmand(request: DeviceRequest, received_ns: int) -> Admission:
    """OsmAnd / Traccar Client: query string or form parameters, or the JSON body of 9.0+."""
    secret = _secret(request)
    if request.content_type == "application/json":
        fix = protocols.osmand_json(_json(request), received_ns, secret)
    else:
        params = _fields(request.query_string, "query string")
        if request.content_type == FORM:
            params.update(_fields(request.body.decode("utf-8", "replace"), "form"))
        fix = protocols.osmand_params(params, received_ns, secret)
    return _single(fix, received_ns, "osmand")


def read_traccar(request: DeviceRequest, received_ns: int) -> Admission:
    """Traccar Server's position and event forwarding (forward.type=json)."""
    fix = protocols.traccar_forward(_json(request), _secret(request))
    return _single(fix, received_ns, "traccar")


def read_batch(request: DeviceRequest, received_ns: int) -> Admission:
    """Gateways: many fixes at once. One fix failing authentication refuses the whole batch
    (nothing stored); fixes with a clock ahead are refused one by one, the others stored."""
    fixes = protocols.batch(_json(request), _secret(request))
    verdict = intake.check(fixes, received_ns)
    if verdict.unauthenticated:
        refused = [{"index": i, "reason": "unauthenticated"} for i, _, _ in verdict.unauthenticated]
        return Admission(
            _error(401, "unknown device or wrong secret: batch refused", refused=refused),
            refusals=[(reason, fix.device_id) for _, fix, reason in verdict.unauthenticated],
        )
    reason = intake.RefusalReason.CLOCK_AHEAD
    answer = {
        "stored": len(verdict.accepted),
        "refused": [{"index": i, "reason": "clock_ahead"} for i, _ in verdict.clock_ahead],
    }
    return Admission(
        Answer(200, answer),
        "batch",
        verdict.accepted,
        [(reason, fix.device_id) for _, fix in verdict.clock_ahead],
    )


# Endpoint name → (methods it answers, how it reads a request).
ENDPOINTS: dict[str, tuple[frozenset[str], Callable[[DeviceRequest, int], Admission]]] = {
    "osmand": (frozenset({"GET", "POST"}), read_osmand),
    "traccar": (frozenset({"POST"}), read_traccar),
    "batch": (frozenset({"POST"}), read_batch),
}


def admit(endpoint: str, request: DeviceRequest, received_ns: int) -> Admission:
    """Parse and check (reads device secrets, cached); stores nothing. Malformed → 400 and
    unreachable database → 503, both with nothing to count or store."""
    methods, read = ENDPOINTS[endpoint]
    if request.method not in methods:
        answer = _error(405, "method not allowed")
        answer.headers["Allow"] = ", ".join(sorted(methods))
        return Admission(answer)
    try:
        return read(request, received_ns)
    except Malformed as error:
        return Admission(_error(400, str(error)))
    except DatabaseError:
        return Admission(unavailable())


def settle(admissions: Sequence[Admission]) -> list[Answer]:
    """Count the refusals, then commit the fixes (one `intake.store` per source), then answer:
    a request hears its answer only once its own refusals are counted and its fixes committed;
    a request whose part failed on the database hears 503 and has stored nothing."""
    answers = [admission.answer for admission in admissions]
    counted = [i for i, admission in enumerate(admissions) if admission.refusals]
    if counted:
        try:
            intake.count_refusals([r for i in counted for r in admissions[i].refusals])
        except DatabaseError:
            for i in counted:
                answers[i] = unavailable()
    by_source: dict[str, list[int]] = {}
    for i, admission in enumerate(admissions):
        if admission.fixes and answers[i].status == 200:
            by_source.setdefault(admission.source, []).append(i)
    for source, indexes in by_source.items():
        try:
            intake.store([fix for i in indexes for fix in admissions[i].fixes], source)
        except DatabaseError:
            for i in indexes:
                answers[i] = unavailable()
    return answers


def _device_request(request) -> DeviceRequest:
    return DeviceRequest(
        method=request.method,
        content_type=request.content_type or "",
        query_string=request.META.get("QUERY_STRING", ""),
        body=request.body,
        authorization=request.headers.get("Authorization", ""),
    )


def _django_view(endpoint: str):
    """Session-less and CSRF-exempt: the device's secret is its only credential."""

    def view(request):
        received_ns = time.time_ns()
        (answer,) = settle([admit(endpoint, _device_request(request), received_ns)])
        response = HttpResponse(
            answer.content(), content_type="application/json", status=answer.status
        )
        for name, value in answer.headers.items():
            response[name] = value
        return response

    _methods, read = ENDPOINTS[endpoint]
    view.__name__ = endpoint
    view.__doc__ = read.__doc__
    return csrf_exempt(login_not_required(view))


osmand = _django_view("osmand")
traccar = _django_view("traccar")
batch = _django_view("batch")
