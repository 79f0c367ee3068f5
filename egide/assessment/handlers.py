"""Case events that make a re-assessment due (docs/assessment.md, rule 5)."""

from .models import Trigger
from .services import force_reassessment


def on_incident(sender, case, incident, **kwargs):
    force_reassessment(case, Trigger.NEW_INCIDENT)


def on_separation(sender, case, **kwargs):
    force_reassessment(case, Trigger.SEPARATION)
