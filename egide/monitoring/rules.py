"""Operating rules of the monitoring centre: named, dated data with their source."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from egide.justice.rules import Dated, in_force

from .choices import IncidentKind, Outcome

# Platform rule (docs/monitoring.md "Known failures": "30-40 reports a day for ten
# bracelets", victims handing devices back because "it rang too much"): a pairing raising this
# many zone alerts or pre-alerts in 24 hours is flagged so the judge may revise its distances.
ALERTS_PER_DAY_REVISION = (Dated(date(2026, 1, 1), 3, "Égide, règle de plateforme"),)


def alerts_per_day_revision(on: date) -> int:
    return in_force(ALERTS_PER_DAY_REVISION, on).value


# What the operator does, per incident type (docs/monitoring.md, "What the real services
# do"): pre-alert → call the wearer, who turns away (the victim is not told); alert → call the
# victim, send police, the procureur is told (automatic); SOS → call the victim, send police.
PROCEDURES = {
    IncidentKind.SOS: ("call_victim", "send_police"),
    IncidentKind.ALERT: ("call_victim", "send_police"),
    IncidentKind.TAMPER: ("call_wearer", "send_police"),
    IncidentKind.PREALERT: ("call_wearer",),
    IncidentKind.OFFLINE: ("call_wearer",),
    IncidentKind.BATTERY: ("call_wearer",),
}

# Closing: every step of the procedure must be done, except police for a
# false alarm the victim confirmed on her safe contact. Otherwise only a supervisor may close,
# with a reason kept with the incident.
WAIVED_STEPS = {Outcome.FALSE_ALARM: frozenset({"send_police"})}

STEP_LABELS = {
    "call_victim": _("Appeler la victime sur son contact sûr"),
    "call_wearer": _("Appeler le porteur du dispositif"),
    "send_police": _("Envoyer les forces de l'ordre"),
}
