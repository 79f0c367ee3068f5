"""How soon an event makes a re-assessment due.

No legal text sets these delays. VioGén's practice (docs/assessment.md) is to re-assess "always
after a new incident or change of circumstances"; the delays below are platform defaults
(unverified) for a local steering committee to confirm. The periods that follow a level live in
each instrument file.
"""

from datetime import timedelta

from .models import Trigger

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
