"""Device intake over HTTP. Devices have no session: each proves itself with its own secret
(`Authorization: Bearer <secret>`, or a `secret` parameter in the URL for clients that cannot set
headers, whatever the body's format, or in the body).

Answers: 200 once stored, with the number really stored (a duplicate counts 0); 200 too, with
`rejected` and nothing stored, for a fix of an authenticated device that can never succeed
(clock ahead, unusable time or value: counted and shown in device health, and the client drops
it instead of retrying it for ever in front of its later fixes); 400 malformed (nothing stored);
401 unknown device, wrong or revoked secret (counted); 429 for a source past its refusal budget;
503 when the database is unreachable (the device keeps the fix and retries).

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

from . import intake, metrics, protocols
from .abuse import BUDGET, WINDOW_S
from .choices import RefusalReason
from .protocols import IncomingFix, Malformed, StatusReport

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True, slots=True)
class DeviceRequest:
    """What intake needs of an HTTP request, whichever server received it."""

    method: str
    content_type: str  # media type only, lower case
    query_string: str
    body: bytes
    authorization: str
    source: str = ""  # the sender's address, for its refusal budget


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
    refusals: dict[tuple[str, str], int] = field(default_factory=dict)
    statuses: list[StatusReport] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.answer.status == 401


def _error(status: int, message: str, **extra) -> Answer:
    return Answer(status, {"error": message, **extra})


def unavailable() -> Answer:
    return Answer(
        503, {"error": "storage unavailable: keep the fix and retry"}, {"Retry-After": "5"}
    )


def _secret(request: DeviceRequest) -> str:
    """The bearer token, else the URL's `secret` parameter (any body format: Traccar Client 9
    and Traccar Server's per-device forward.url can only set a URL)."""
    scheme, _, token = request.authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return _fields(request.query_string, "query string").get("secret", "")


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


def _refused(verdict: intake.Verdict, message: str, **extra) -> Admission:
    return Admission(
        _error(401, message, **extra),
        refusals=intake.refusal_counts([(r, f.device_id) for _, f, r in verdict.unauthenticated]),
    )


def _fixes(fixes: Sequence[IncomingFix], received_ns: int, source: str) -> Admission:
    """A device's own request (one fix, or its client's buffered few): all authenticated or
    refused. A fix that can never succeed is answered `rejected` (the client moves on); an
    invalid position (the client's last known one) is stored only if it carries an alarm."""
    verdict = intake.check(fixes, received_ns)
    if verdict.unauthenticated:
        return _refused(verdict, "unknown device or wrong secret")
    counts = {}
    answer = {"stored": 0}
    if verdict.clock_ahead:
        reason = RefusalReason.CLOCK_AHEAD
        counts = intake.refusal_counts([(reason, f.device_id) for _, f in verdict.clock_ahead])
        answer["rejected"] = [
            {"index": i, "reason": "clock_ahead: more than 10 minutes ahead"}
            for i, _ in verdict.clock_ahead
        ]
    kept = [f for f in verdict.accepted if f.valid or f.alarm]
    if len(kept) < len(verdict.accepted):
        answer["ignored"] = "invalid position (valid=false) without an alarm"
    return Admission(Answer(200, answer), source, kept, counts)


def _unusable(claimed: tuple[str, str] | None, error: Malformed, received_ns: int) -> Admission:
    """A malformed fix from a device that authenticates (its id and secret read): accepted as
    rejected, counted in its health, so its client does not retry it for ever; else 400."""
    if claimed is not None:
        try:
            probe = IncomingFix(protocols.checked_device_id(claimed[0]), claimed[1], 0, 0, 0)
        except Malformed:
            probe = None
        if probe is not None and not intake.check([probe], received_ns).unauthenticated:
            return Admission(
                Answer(200, {"stored": 0, "rejected": [{"index": 0, "reason": str(error)}]}),
                refusals={(RefusalReason.UNUSABLE, probe.device_id): 1},
            )
    return Admission(_error(400, str(error)))


def read_osmand(request: DeviceRequest, received_ns: int) -> Admission:
    """OsmAnd / Traccar Client: query string or form parameters, or the JSON body of 9.0+
    (one location, a list of them, or a list of documents)."""
    secret = _secret(request)
    claimed = None
    try:
        if request.content_type == "application/json":
            document = _json(request)
            if isinstance(document, dict):
                claimed = (document.get("device_id") or document.get("id"), secret)
            fixes = protocols.osmand_json(document, received_ns, secret)
        else:
            params = _fields(request.query_string, "query string")
            if request.content_type == FORM:
                params.update(_fields(request.body.decode("utf-8", "replace"), "form"))
            claimed = (params.get("id") or params.get("deviceid"), secret or params.get("secret"))
            fixes = [protocols.osmand_params(params, received_ns, secret)]
    except Malformed as error:
        return _unusable(claimed if claimed and claimed[1] else None, error, received_ns)
    return _fixes(fixes, received_ns, "osmand")


def read_traccar(request: DeviceRequest, received_ns: int) -> Admission:
    """Traccar Server's position and event forwarding (forward.type=json). Device status
    events (no position) update the device's health and store no fix."""
    read = protocols.traccar_forward(_json(request), _secret(request))
    if isinstance(read, StatusReport):
        probe = IncomingFix(read.device_id, read.secret, received_ns, 0, 0)
        verdict = intake.check([probe], received_ns)
        if verdict.unauthenticated:
            return _refused(verdict, "unknown device or wrong secret")
        return Admission(Answer(200, {"stored": 0, "status": read.status}), statuses=[read])
    return _fixes([read], received_ns, "traccar")


def read_batch(request: DeviceRequest, received_ns: int) -> Admission:
    """Gateways: many fixes at once. One fix failing authentication refuses the whole batch
    (nothing stored; the refusal counted on at most one counter per reason), found before the
    fixes are parsed, a few hundred devices at a time (`refused` lists the fixes found
    refused by then); fixes with a clock ahead are refused one by one, the others
    stored."""
    document, secret = _json(request), _secret(request)
    refused = intake.refusals(protocols.batch_claims(document, secret, intake.AUTH_CHUNK))
    if not refused:
        claims = protocols.batch_claims(document, secret)
        refused = intake.refusals(claims, stop_early=True)
    if refused:
        return Admission(
            _error(
                401,
                "unknown device or wrong secret: batch refused",
                refused=[{"index": i, "reason": "unauthenticated"} for i in sorted(refused)],
            ),
            refusals=intake.refusal_counts(
                [(reason, _claimed_id(document, i)) for i, reason in refused.items()]
            ),
        )
    verdict = intake.check(protocols.batch(document, secret), received_ns)
    reason = RefusalReason.CLOCK_AHEAD
    answer = {
        "stored": 0,
        "refused": [{"index": i, "reason": "clock_ahead"} for i, _ in verdict.clock_ahead],
    }
    return Admission(
        Answer(200, answer),
        "batch",
        verdict.accepted,
        intake.refusal_counts([(reason, fix.device_id) for _, fix in verdict.clock_ahead]),
    )


def _claimed_id(document: dict, index: int) -> str:
    return document["fixes"][index]["id"]


# Endpoint name → (methods it answers, how it reads a request).
ENDPOINTS: dict[str, tuple[frozenset[str], Callable[[DeviceRequest, int], Admission]]] = {
    "osmand": (frozenset({"GET", "POST"}), read_osmand),
    "traccar": (frozenset({"POST"}), read_traccar),
    "batch": (frozenset({"POST"}), read_batch),
}


def admit(endpoint: str, request: DeviceRequest, received_ns: int) -> Admission:
    """Parse and check (reads device secrets, cached); stores nothing. Malformed → 400 and
    unreachable database → 503, both with nothing to count or store; a refusal past the
    source's budget → 429, counted on one aggregate counter."""
    methods, read = ENDPOINTS[endpoint]
    if request.method not in methods:
        answer = _error(405, "method not allowed")
        answer.headers["Allow"] = ", ".join(sorted(methods))
        return Admission(answer)
    try:
        admission = read(request, received_ns)
    except Malformed as error:
        return Admission(_error(400, str(error)))
    except DatabaseError:
        return Admission(unavailable())
    if admission.refused and not BUDGET.spend(request.source):
        answer = _error(429, "too many refused requests from this address: slow down")
        answer.headers["Retry-After"] = str(round(WINDOW_S))
        return Admission(answer, refusals={(RefusalReason.RATE_LIMITED, ""): 1})
    return admission


def settle(admissions: Sequence[Admission]) -> list[Answer]:
    """Count the refusals (one write per counter for the whole round), record device status
    reports, then commit the fixes (one `intake.store` per source), then answer: a request
    hears its answer only once its own refusals are counted and its fixes committed, with the
    number of its fixes really stored; a request whose part failed on the database hears 503
    and has stored nothing."""
    answers = [admission.answer for admission in admissions]
    counted = [i for i, admission in enumerate(admissions) if admission.refusals]
    if counted:
        counts: dict[tuple[str, str], int] = {}
        for i in counted:
            for key, count in admissions[i].refusals.items():
                counts[key] = counts.get(key, 0) + count
        metrics.count_refused(counts)
        try:
            intake.count_refusals(counts)
        except DatabaseError:
            for i in counted:
                answers[i] = unavailable()
    reporting = [i for i, admission in enumerate(admissions) if admission.statuses]
    if reporting:
        try:
            intake.record_statuses([s for i in reporting for s in admissions[i].statuses])
        except DatabaseError:
            for i in reporting:
                answers[i] = unavailable()
    by_source: dict[str, list[int]] = {}
    for i, admission in enumerate(admissions):
        if admission.fixes and answers[i].status == 200:
            by_source.setdefault(admission.source, []).append(i)
    for source, indexes in by_source.items():
        fixes = [f for i in indexes for f in admissions[i].fixes]
        try:
            outcome = intake.store(fixes, source)
        except DatabaseError:
            metrics.FIXES_UNAVAILABLE.inc(len(fixes))
            for i in indexes:
                answers[i] = unavailable()
            continue
        metrics.count_stored(outcome)
        stored = iter(outcome)
        for i in indexes:
            answers[i].document["stored"] = sum(next(stored) for _ in admissions[i].fixes)
    return answers


def _device_request(request) -> DeviceRequest:
    return DeviceRequest(
        method=request.method,
        content_type=request.content_type or "",
        query_string=request.META.get("QUERY_STRING", ""),
        body=request.body,
        authorization=request.headers.get("Authorization", ""),
        source=request.META.get("REMOTE_ADDR", ""),
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
