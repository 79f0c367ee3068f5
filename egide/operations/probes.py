"""Health probes for a load balancer, answered by every server process (docs/operations.md).

- liveness: the process answers; nothing else is checked (a database outage must not make the
  supervisor restart every process at once);
- readiness: this process can serve now: the database answers and is writable (not a replica
  in recovery) and, in the scale-out mode, the JetStream stream answers and has a leader.

Answers name the failing dependency and the kind of error only: never a host, a query or data.
"""

from django.db import DatabaseError, connection

from egide.monitoring import jetstream


def liveness() -> tuple[int, dict]:
    return 200, {"status": "alive"}


def readiness() -> tuple[int, dict]:
    """Runs in a thread of its own (Django's connections are per thread)."""
    reasons = [reason for reason in (database_unready(), stream_unready()) if reason]
    if reasons:
        return 503, {"status": "unready", "reasons": reasons}
    checks = {"database": "ok", **({"stream": "ok"} if jetstream.enabled() else {})}
    return 200, {"status": "ready", "checks": checks}


def database_unready() -> str | None:
    """A fresh connection each time (closed after): a probe says whether this process can reach
    the database now, and holds no connection between probes."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute("SELECT 1")
                return None
            cursor.execute("SELECT pg_is_in_recovery()")
            if cursor.fetchone()[0]:
                return "database is a read-only replica"
    except DatabaseError as error:
        return f"database unavailable: {type(error).__name__}"
    finally:
        connection.close()
    return None


def stream_unready() -> str | None:
    return jetstream.stream_unready() if jetstream.enabled() else None
