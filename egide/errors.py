"""The refusal every domain raises when a rule (legal, procedural, inventory) forbids an operation.

A `RuleError`'s messages are for the user: pages show them as form errors or messages
(egide.web.forms), the API as a 422 (egide.api.errors). Nothing has changed when it is raised.
A domain subclasses it only to add something (a constructor, a distinct case to catch).
"""

from django.core.exceptions import ValidationError


class RuleError(ValidationError):
    """An operation refused by a rule; the message is for the user."""
