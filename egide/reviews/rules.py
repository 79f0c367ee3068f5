"""The rules a review measures the records against: named, dated platform rules.

No text sets how soon a high danger must be met by a protection measure, nor how soon a known
risk factor must be answered; these are platform defaults (no legal source) for the local
steering committee to confirm. The other yardsticks are the platform's own rules, read where
they live: the re-assessment's due date (assessment), the orders' legal deadlines and the
breach acknowledgement delay (justice), the take-in-charge delay of the monitoring centre
(`EGIDE_MONITORING_ESCALATION_S`).
"""

from datetime import date, timedelta

from egide.justice.rules import Dated, in_force

# Égide, règle de plateforme: a case assessed at high or extreme danger left without any
# protection measure (OP, OPPI, TGD, BAR, criminal contact ban) longer than this.
UNPROTECTED_DELAY = (Dated(date(2020, 1, 1), timedelta(days=2), "Égide, règle de plateforme"),)

# Égide, règle de plateforme: a risk factor recorded (weapon, strangulation, threats to kill,
# separation) without the action that answers it within this delay.
RISK_FACTOR_DELAY = (Dated(date(2020, 1, 1), timedelta(days=7), "Égide, règle de plateforme"),)


def unprotected_delay(on: date) -> timedelta:
    return in_force(UNPROTECTED_DELAY, on).value


def risk_factor_delay(on: date) -> timedelta:
    return in_force(RISK_FACTOR_DELAY, on).value
