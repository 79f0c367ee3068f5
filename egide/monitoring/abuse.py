"""A per-source refusal budget for device intake: a sender refused too often is answered 429.

Only refusals spend the budget, and only a refused request is ever answered 429: a device that
authenticates is admitted whatever its address (phones behind one carrier NAT share it with
strangers). The budget bounds what a source's refusals cost (their counting, their answers);
rows stay bounded anyway (`intake.refusal_counts`). Kept in each process's memory, for at most
`MAX_SOURCES` sources (the quietest forgotten first), over a sliding minute.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings

MAX_SOURCES = 10_000
WINDOW_S = 60.0


class RefusalBudget:
    def __init__(self):
        self._spent: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def spend(self, source: str, now: float | None = None) -> bool:
        """Record one refusal of `source`; False once it is past its budget for the minute."""
        now = time.monotonic() if now is None else now
        limit = settings.EGIDE_INTAKE_REFUSALS_PER_MINUTE
        with self._lock:
            times = [t for t in self._spent.pop(source, []) if t > now - WINDOW_S]
            times.append(now)
            self._spent[source] = times[-(limit + 1) :]
            while len(self._spent) > MAX_SOURCES:
                self._spent.popitem(last=False)
            return len(times) <= limit

    def forget(self) -> None:
        with self._lock:
            self._spent.clear()


BUDGET = RefusalBudget()
