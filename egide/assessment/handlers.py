"""Events that make a re-assessment due (docs/assessment.md, rule 5). Breaches and court
decisions call `force_reassessment` from justice/services.py."""

from .models import Trigger
from .services import force_reassessment


def on_incident(sender, case, incident, **kwargs):
    force_reassessment(case, Trigger.NEW_INCIDENT)


def on_separation(sender, case, **kwargs):
    force_reassessment(case, Trigger.SEPARATION)


def on_release(sender, case, **kwargs):
    force_reassessment(case, Trigger.RELEASE_FROM_CUSTODY)


def on_device_alert(sender, case, **kwargs):
    force_reassessment(case, Trigger.DEVICE_ALERT)
