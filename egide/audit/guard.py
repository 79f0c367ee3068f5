"""The database guard that keeps the audit log append-only, and its single exception: a flush.

Triggers (migration 0002) refuse UPDATE and DELETE on the audit tables. `flush`, which empties
the whole database (test suites run it between transactional tests), is the only way to reset
the log: PostgreSQL's TRUNCATE does not fire row triggers, and on SQLite the triggers ask
`egide_audit_reset_allowed()`, a function this process registers and only `flush` turns on.
A connection without the function (another program) gets an error: the guard fails closed.
"""

import threading
from contextlib import contextmanager

_state = threading.local()


def reset_allowed() -> int:
    return int(getattr(_state, "reset_allowed", False))


def register_sqlite_guard(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("egide_audit_reset_allowed", 0, reset_allowed)


@contextmanager
def audit_reset():
    """Lets the current thread empty the audit tables (used by `flush` only)."""
    _state.reset_allowed = True
    try:
        yield
    finally:
        _state.reset_allowed = False
