"""A line of a review's timeline, and a missed opportunity marked on it.

A line never carries personal data: no name, address, contact, narrative nor free text, only
what happened, when, and which agency and role acted (a user's name never appears).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.functional import Promise

from egide.accounts.roles import Role

from .choices import Source


@dataclass(frozen=True)
class Missed:
    kind: str
    text: str | Promise


@dataclass
class Line:
    key: str
    """Stable across readings ("assessment:12"): a reviewer's mark is filed under it."""
    at: datetime
    source: str
    kind: str
    """What happened, as a code (the anonymised summary exports it)."""
    label: str | Promise
    agency: object = None
    role: str = ""
    missed: list[Missed] = field(default_factory=list)

    @property
    def is_missed(self) -> bool:
        return bool(self.missed)

    @property
    def source_label(self) -> str:
        return Source(self.source).label

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else ""
