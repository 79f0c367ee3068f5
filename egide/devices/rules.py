"""The legal rules of alarm phones (TGD) and anti-approach bracelets (BAR): dated, with sources.

Durations in months end on the same day of the month, at midnight (egide.justice.rules).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from egide.justice.rules import Dated, add_months, in_force

# CPP 41-3-1 (loi 2019-1480): the procureur grants a TGD for six months, renewable.
TGD_GRANT_MONTHS = (Dated(date(2019, 12, 30), 6, "CPP art. 41-3-1"),)

# Platform rule: the procureur is reminded one month before a TGD grant ends.
TGD_RENEWAL_REMINDER = timedelta(days=30)

# Ministry's published operator target: every phone is tested every 15 days.
TGD_TEST_INTERVAL = (Dated(date(2020, 1, 1), timedelta(days=15), "Ministère de la Justice"),)

# Décret 2020-1161 du 23 septembre 2020; CPP R. 24-18 (criminal); CPC 1136-17 (civil): the alert
# distance is a whole number of kilometres from 1 to 10; the pre-alert distance is twice it.
BAR_ALERT_KM = (Dated(date(2020, 9, 25), (1, 10), "Décret 2020-1161, CPP R. 24-18, CPC 1136-17"),)
BAR_PREALERT_RATIO = (Dated(date(2020, 9, 25), 2, "Décret 2020-1161, CPP R. 24-18, CPC 1136-17"),)

# CPP R. 24-19 (décret 2020-1161): the BAR of a contrôle judiciaire (CPP 138-3) is ordered for at
# most six months, extended by the same period by a reasoned order of the magistrate in charge
# (R. 24-14), "sans que sa durée totale puisse excéder deux ans". The platform applies the same
# periods to a BAR ordered with a sentence (C. pén. 132-45-1); to verify.
CRIMINAL_BAR_MONTHS = (Dated(date(2020, 9, 25), 6, "CPP art. R. 24-19 (décret 2020-1161)"),)
CRIMINAL_BAR_MAX_MONTHS = (Dated(date(2020, 9, 25), 24, "CPP art. R. 24-19 (décret 2020-1161)"),)

# Platform rule: the court is reminded one month before a criminal BAR period ends.
CRIMINAL_BAR_RENEWAL_REMINDER = timedelta(days=30)

METRES_PER_KM = 1000


@dataclass(frozen=True)
class TgdConditions:
    """What the procureur states when granting a TGD (CPP 41-3-1)."""

    no_cohabitation: bool
    judicial_contact_ban: bool
    proven_imminent_danger: bool


def tgd_refusals(conditions: TgdConditions) -> list:
    """CPP 41-3-1: no cohabitation, AND a judicial contact ban OR a proven imminent danger."""
    refusals = []
    if not conditions.no_cohabitation:
        refusals.append(_("Le téléphone ne peut être attribué si la victime vit avec l'auteur."))
    if not (conditions.judicial_contact_ban or conditions.proven_imminent_danger):
        refusals.append(
            _(
                "Il faut une interdiction judiciaire d'entrer en contact ou un danger "
                "imminent avéré (auteur en fuite, non interpellé, interdiction pas encore "
                "prononcée)."
            )
        )
    return refusals


def tgd_grant_months(on: date) -> int:
    return in_force(TGD_GRANT_MONTHS, on).value


def tgd_test_interval(on: date) -> timedelta:
    return in_force(TGD_TEST_INTERVAL, on).value


def alert_distance_error(alert_km, on: date):
    """None when `alert_km` is a lawful alert distance, else the message for the judge."""
    low, high = in_force(BAR_ALERT_KM, on).value
    if isinstance(alert_km, bool) or not isinstance(alert_km, int) or not low <= alert_km <= high:
        return _(
            "La distance d'alerte est un nombre entier de kilomètres, de %(low)s à %(high)s."
        ) % {"low": low, "high": high}
    return None


def distances_m(alert_km: int, on: date) -> tuple[int, int]:
    """(alert_m, prealert_m) for a lawful alert distance: the pre-alert is twice the alert."""
    error = alert_distance_error(alert_km, on)
    if error:
        raise ValueError(str(error))
    ratio = in_force(BAR_PREALERT_RATIO, on).value
    return alert_km * METRES_PER_KM, ratio * alert_km * METRES_PER_KM


def civil_bar_refusals(*, contact_ban: bool, perpetrator_consent: bool, victim_consent: bool):
    """C. civ. 515-11-1: only with a contact ban (515-11 1°) and both parties' consent."""
    refusals = []
    if not contact_ban:
        refusals.append(
            _("Un bracelet civil suppose une interdiction d'entrer en contact (515-11 1°).")
        )
    if not (perpetrator_consent and victim_consent):
        refusals.append(_("Un bracelet civil suppose le consentement des deux parties (515-11-1)."))
    return refusals


def criminal_bar_months(on: date) -> tuple[int, int]:
    """(one period, maximum in total) in months for a criminal BAR."""
    return in_force(CRIMINAL_BAR_MONTHS, on).value, in_force(CRIMINAL_BAR_MAX_MONTHS, on).value


def criminal_bar_end(ordered_on: date, renewals: int) -> date:
    """Last day of a criminal BAR after `renewals` renewals (R. 24-19).

    Periods are counted from the order's day, not from the previous end, so that month-end
    clipping (31 August → 28 February) never shortens the following periods.
    """
    months, _maximum = criminal_bar_months(ordered_on)
    return add_months(ordered_on, months * (renewals + 1))


def criminal_bar_renewal_error(ordered_on: date, renewals: int):
    """None when one more period keeps the total within the maximum, else the message."""
    months, maximum = criminal_bar_months(ordered_on)
    if months * (renewals + 2) > maximum:
        return _(
            "Le bracelet ne peut être prolongé au-delà de %(maximum)s mois au total "
            "(art. R. 24-19 CPP) : il prend fin le %(end)s."
        ) % {
            "maximum": maximum,
            "end": criminal_bar_end(ordered_on, renewals).strftime("%d/%m/%Y"),
        }
    return None
