"""How soon an event makes a re-assessment due.

No legal text sets these delays. VioGén's practice (docs/assessment.md) is to re-assess "always
after a new incident or change of circumstances"; the delays below are platform defaults
(unverified) for a local steering committee to confirm. The periods that follow a level live in
each instrument file.
"""

from datetime import timedelta

from .choices import Trigger
from .levels import DangerLevel

# Platform default (no legal source): events that may put her in immediate danger call for a
# re-assessment within a day; a court decision changes the situation less abruptly.
TRIGGER_DELAYS: dict[str, timedelta] = {
    Trigger.NEW_INCIDENT: timedelta(days=1),
    Trigger.SEPARATION: timedelta(days=1),
    Trigger.RELEASE_FROM_CUSTODY: timedelta(days=1),
    Trigger.ORDER_BREACH: timedelta(days=1),
    Trigger.DEVICE_ALERT: timedelta(days=1),
    Trigger.COURT_DECISION: timedelta(days=7),
}

# Platform default (no legal source): the danger already established shortens the wait. An event
# on a case at extreme danger is re-assessed within hours; a case never assessed is treated as at
# high danger, since an unknown level is never a low one. The due date is the sooner of the
# event's delay above and this one.
EVENT_DELAYS_BY_LEVEL: dict[str | None, timedelta] = {
    DangerLevel.EXTREME: timedelta(hours=12),
    DangerLevel.HIGH: timedelta(days=1),
    DangerLevel.MEDIUM: timedelta(days=3),
    DangerLevel.STANDARD: timedelta(days=7),
    None: timedelta(days=1),
}


def event_delay(trigger: str, level: str | None) -> timedelta:
    """How soon `trigger` makes a re-assessment due on a case whose current level is `level`."""
    return min(TRIGGER_DELAYS[trigger], EVENT_DELAYS_BY_LEVEL[level])
