"""Device intake over HTTP. Devices have no session: each proves itself with its own secret
(`Authorization: Bearer <secret>`, or a `secret` parameter for trackers that cannot set headers).

Answers: 200 once stored (a duplicate too); 400 malformed (nothing stored); 401 unknown device or
wrong secret (counted); 422 device clock ahead (counted); 503 when the database is unreachable
(the device keeps the fix and retries).
"""

import json
import time

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import intake, protocols
from .protocols import Malformed


def _secret(request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _json(request):
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise Malformed(f"body: not JSON ({error})") from None


def _error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _unavailable() -> JsonResponse:
    response = _error(503, "storage unavailable: keep the fix and retry")
    response["Retry-After"] = "5"
    return response


def device_endpoint(view):
    """Session-less, CSRF-exempt, authenticated by device secret; malformed → 400, DB down → 503."""

    def wrapper(request):
        try:
            return view(request, time.time_ns())
        except Malformed as error:
            return _error(400, str(error))
        except DatabaseError:
            return _unavailable()

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return csrf_exempt(login_not_required(wrapper))


def _one(fix, received_ns: int, source: str) -> JsonResponse:
    verdict = intake.check([fix], received_ns)
    if verdict.unauthenticated:
        _index, _fix, reason = verdict.unauthenticated[0]
        intake.count_refusals([(reason, fix.device_id)])
        return _error(401, "unknown device or wrong secret")
    if verdict.clock_ahead:
        intake.count_refusals([(intake.RefusalReason.CLOCK_AHEAD, fix.device_id)])
        return _error(422, "device clock more than 10 minutes ahead: fix refused")
    intake.store(verdict.accepted, source)
    return JsonResponse({"stored": 1})


@device_endpoint
@require_http_methods(["GET", "POST"])
def osmand(request, received_ns):
    """OsmAnd / Traccar Client: query string or form parameters, or the JSON body of 9.0+."""
    secret = _secret(request)
    if request.content_type == "application/json":
        fix = protocols.osmand_json(_json(request), received_ns, secret)
    else:
        params = {**request.GET.dict(), **request.POST.dict()}
        fix = protocols.osmand_params(params, received_ns, secret)
    return _one(fix, received_ns, "osmand")


@device_endpoint
@require_POST
def traccar(request, received_ns):
    """Traccar Server's position and event forwarding (forward.type=json)."""
    return _one(protocols.traccar_forward(_json(request), _secret(request)), received_ns, "traccar")


@device_endpoint
@require_POST
def batch(request, received_ns):
    """Gateways: many fixes at once. One fix failing authentication refuses the whole batch
    (nothing stored); fixes with a clock ahead are refused one by one, the others stored."""
    fixes = protocols.batch(_json(request), _secret(request))
    verdict = intake.check(fixes, received_ns)
    if verdict.unauthenticated:
        intake.count_refusals(
            [(reason, fix.device_id) for _, fix, reason in verdict.unauthenticated]
        )
        refused = [{"index": i, "reason": "unauthenticated"} for i, _, _ in verdict.unauthenticated]
        return _error(401, "unknown device or wrong secret: batch refused", refused=refused)
    if verdict.clock_ahead:
        reason = intake.RefusalReason.CLOCK_AHEAD
        intake.count_refusals([(reason, fix.device_id) for _, fix in verdict.clock_ahead])
    intake.store(verdict.accepted, "batch")
    return JsonResponse(
        {
            "stored": len(verdict.accepted),
            "refused": [{"index": i, "reason": "clock_ahead"} for i, _ in verdict.clock_ahead],
        }
    )
