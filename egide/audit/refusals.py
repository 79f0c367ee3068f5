"""Refused accesses in the audit log (`Action.DENIED`), so the auditor can see enumeration.

A signed-in user's request to a known route that answers 403 (not allowed) or 404 (an object
outside their perimeter looks absent) is recorded with the route's name and the object id from
the URL, never a query string or a submitted value. At most settings.AUDIT_DENIED_PER_MINUTE
refusals are recorded per person and minute: enough to show a probe, without letting a script
flood the log.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from egide.accounts.actor import Actor

from .choices import Action
from .models import AuditEntry
from .services import record

REFUSAL_STATUSES = {403, 404}


def under_limit(user) -> bool:
    since = timezone.now() - timedelta(minutes=1)
    recent = AuditEntry.objects.filter(actor=user, action=Action.DENIED, at__gte=since)
    return recent.count() < settings.AUDIT_DENIED_PER_MINUTE


def record_refusal(request, status: int) -> None:
    match = request.resolver_match
    object_id = next(iter(match.kwargs.values()), "") if match.kwargs else ""
    record(
        Actor.for_request(request),
        Action.DENIED,
        object_type=match.view_name[:64],
        object_id=str(object_id)[:64],
        reason=str(status),
    )


class RefusedAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in REFUSAL_STATUSES
            and getattr(request, "resolver_match", None) is not None
            and request.user.is_authenticated
            and under_limit(request.user)
        ):
            record_refusal(request, response.status_code)
        return response
