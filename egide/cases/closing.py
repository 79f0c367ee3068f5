"""What prevents closing a case: later domains (orders, devices, aid, shelter) register here.

    from egide.cases import closing

    def active_order(case):
        if case.protection_orders.active().exists():
            return _("Une ordonnance de protection est en cours.")
        return None

    closing.register_blocker(active_order)

A blocker returns a sentence for the user (why the case cannot be closed) or None.
"""

from collections.abc import Callable

Blocker = Callable[..., object]

_blockers: list[Blocker] = []


def register_blocker(blocker: Blocker) -> Blocker:
    if blocker not in _blockers:
        _blockers.append(blocker)
    return blocker


def unregister_blocker(blocker: Blocker) -> None:
    if blocker in _blockers:
        _blockers.remove(blocker)


def closing_blockers(case) -> list[str]:
    """The reasons `case` cannot be closed now; empty when it can."""
    return [str(reason) for reason in (blocker(case) for blocker in _blockers) if reason]
