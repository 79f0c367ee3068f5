"""What prevents closing a case: later domains (orders, devices, aid, shelter) register here,
from their hooks.py (docs/architecture.md, "Extension points"):

    from egide.cases import closing

    def active_order(case):
        if case.protection_orders.active().exists():
            return _("Une ordonnance de protection est en cours.")
        return None

    closing.blockers.register(active_order)

A blocker returns a sentence for the user (why the case cannot be closed) or None.
"""

from collections.abc import Callable

from egide.registry import Registry

Blocker = Callable[..., object]

blockers: Registry[Blocker] = Registry("egide.cases.closing.blockers")


def closing_blockers(case) -> list[str]:
    """The reasons `case` cannot be closed now; empty when it can."""
    return [str(reason) for reason in (blocker(case) for blocker in blockers.entries()) if reason]
