"""Who is acting: the person, the membership they act as, and where they connect from.

Services and the audit log take an `Actor`, never an HTTP request, so views, API endpoints, jobs,
the monitoring engine and management commands call the same code. The membership middleware sets
`request.actor`; code that runs without a person acting uses `Actor.system()`.
"""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Actor:
    user: object = None
    """The account acting (possibly Django's anonymous user on a sign-in page); None for jobs."""
    membership: object = None
    """The role and agency the user acts as; None before sign-in and for jobs."""
    client_ip: str | None = None
    """The client address of the HTTP request, if there is one."""

    @classmethod
    def system(cls) -> "Actor":
        """Jobs, the engine and commands: no person, no agency, no client address."""
        return cls()

    @classmethod
    def for_membership(cls, membership) -> "Actor":
        """The holder of `membership` acting as it, outside an HTTP request (demo, scripts)."""
        return cls(user=membership.user, membership=membership)

    @classmethod
    def for_request(cls, request) -> "Actor":
        """The request's user and acting membership, as they stand now (after sign-in, after a
        service token authenticated the call)."""
        return cls(
            user=getattr(request, "user", None),
            membership=getattr(request, "membership", None),
            client_ip=request.META.get("REMOTE_ADDR") or None,
        )

    def as_user(self, user) -> "Actor":
        """The same connection acting as `user` (a password reset is done by the account owner,
        who is not signed in)."""
        return replace(self, user=user)

    @property
    def role(self) -> str:
        return self.membership.role if self.membership else ""

    @property
    def agency(self):
        return self.membership.agency if self.membership else None
