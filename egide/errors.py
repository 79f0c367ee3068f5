"""The refusal every domain raises when a rule (legal, procedural, inventory) forbids an operation.

A `RuleError`'s messages are for the user: pages show them as form errors or messages
(egide.web.forms), the API as a 422 (egide.api.errors). Nothing has changed when it is raised.
A domain subclasses it only to add something (a constructor, a distinct case to catch).
"""

from django.core.exceptions import PermissionDenied, ValidationError


class RuleError(ValidationError):
    """An operation refused by a rule; the message is for the user."""


def require(allowed: bool) -> None:
    """Refuses what the caller's permission check (a domain's `perms.can_…`) did not allow: a 403
    on a page and on the API. Nothing has changed when it is raised."""
    if not allowed:
        raise PermissionDenied
