"""Prometheus metrics of the monitoring pipeline, counted by each process for itself.

Every server process (web and device intake: `egide.asgi`) and every engine worker keeps its own
figures in prometheus-client's default registry and exposes them on its own `/metrics`
(`egide.operations`); Prometheus scrapes each process, not the load balancer, and sums. Labels
never carry a device id, a person or a position: outcomes, refusal reasons, partitions and
incident kinds only.
"""

from datetime import datetime

from prometheus_client import Counter, Gauge, Histogram

FIXES_ACCEPTED = Counter(
    "egide_intake_fixes_accepted", "Fixes committed to the intake log (resends not counted)"
)
FIXES_DUPLICATE = Counter(
    "egide_intake_fixes_duplicate", "Fixes resent by their device: answered OK, stored once"
)
FIXES_REFUSED = Counter(
    "egide_intake_fixes_refused",
    "Fixes refused at intake (a rate-limited request counts once)",
    ["reason"],
)
FIXES_UNAVAILABLE = Counter(
    "egide_intake_fixes_unavailable",
    "Fixes answered 503 because the intake log did not take them (the device retries)",
)
PARTITION_BACKLOG = Gauge(
    "egide_partition_backlog", "Fixes waiting for this partition's engine", ["partition"]
)
WORKER_LAG = Gauge(
    "egide_worker_lag_seconds",
    "Age, when the engine processed it, of the oldest fix of the partition's last batch "
    "(0 when idle)",
    ["partition"],
)
TAKE_IN_CHARGE = Histogram(
    "egide_alert_take_in_charge_seconds",
    "From an incident's opening to an operator taking it in hand",
    ["kind"],
    buckets=(5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600),
)


def count_refused(counts: dict[tuple[str, str], int]) -> None:
    """One settling round's refusal counts ((reason, device) -> fixes), by reason only."""
    for (reason, _device), count in counts.items():
        FIXES_REFUSED.labels(reason).inc(count)


def count_stored(stored: list[bool]) -> None:
    accepted = sum(stored)
    FIXES_ACCEPTED.inc(accepted)
    FIXES_DUPLICATE.inc(len(stored) - accepted)


def engine_stepped(partition: str, received: list[datetime], now: datetime) -> None:
    """A step processed fixes received at `received` (none: the engine is idle)."""
    lag = (now - min(received)).total_seconds() if received else 0.0
    WORKER_LAG.labels(partition).set(max(0.0, lag))
