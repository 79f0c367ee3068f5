"""The aide universelle d'urgence (AUU) computed from `rules`: amount, form, eligibility,
payment deadline and who may be asked to repay. Pure functions; the models call them.

Rounding, chosen to match the published figures: the household base (RSA × multiplier) is rounded
UP to the cent (646.52 × 2.2 = 1,422.344 → 1,422.35 €), then the reduced amount is rounded to
the nearest cent, halves up (646.52 × 0.4 = 258.608 → 258.61 €; 646.52 × 0.8 = 517.216 → 517.22 €).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from . import rules
from .working_days import add_working_days

CENT = Decimal("0.01")


class Form:
    GRANT = "grant"
    LOAN = "loan"


class ProofKind:
    PROTECTION_ORDER = "protection_order"
    COMPLAINT = "complaint"
    REPORT_TO_PROSECUTOR = "report_to_prosecutor"


class Debtor:
    """Who the caisse may ask to repay (CASF L. 214-10)."""

    NOBODY = "nobody"
    SUSPENDED = "suspended"  # a criminal case is ongoing: nothing is claimed for now
    VICTIM = "victim"
    PERPETRATOR = "perpetrator"


@dataclass(frozen=True)
class Estimate:
    amount: Decimal
    form: str
    rsa: rules.DatedValue
    smic: rules.DatedValue
    multiplier: Decimal
    household_base: Decimal
    band: rules.ResourceBand
    loan_threshold: Decimal
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "amount_eur": float(self.amount),
            "form": self.form,
            "parameters": {
                "rsa_single_person": _dated(self.rsa),
                "net_monthly_smic": _dated(self.smic),
                "multiplier": str(self.multiplier),
                "household_base_eur": str(self.household_base),
                "resource_band": self.band.label,
                "reduction": str(self.band.cut),
                "loan_above_smic_ratio": str(self.loan_threshold),
                "rounding": "base rounded up to the cent; reduced amount rounded half up",
                "sources": [rules.AUU_SOURCE, self.rsa.source, self.smic.source],
            },
            "warnings": self.warnings,
        }


def _dated(value: rules.DatedValue) -> dict:
    return {"eur": str(value.value), "valid_from": value.valid_from.isoformat()}


def multiplier_for(children: int) -> Decimal:
    if children < 0:
        raise ValueError(_("Le nombre d'enfants ne peut pas être négatif."))
    table = rules.CHILD_MULTIPLIERS
    if children < len(table):
        return table[children]
    return table[-1] + rules.MULTIPLIER_PER_FURTHER_CHILD * (children - len(table) + 1)


def resource_band(resources: Decimal, smic: Decimal) -> rules.ResourceBand:
    for band in rules.RESOURCE_BANDS:
        if band.up_to is None or resources <= smic * band.up_to:
            return band
    raise AssertionError("the last band has no upper bound")


def loan_threshold(children: int) -> Decimal:
    return rules.LOAN_THRESHOLDS[min(children, len(rules.LOAN_THRESHOLDS) - 1)]


def estimate(resources: Decimal, children: int, on: date) -> Estimate:
    """The AUU for monthly net `resources` (previous month) and `children` under 21, on `on`."""
    if resources < 0:
        raise ValueError(_("Les ressources ne peuvent pas être négatives."))
    if on < rules.AUU_IN_FORCE_FROM:
        raise rules.ParameterNotInForce(
            f"aide universelle d'urgence: in force from {rules.AUU_IN_FORCE_FROM.isoformat()} "
            f"(asked for {on.isoformat()})"
        )
    rsa = rules.RSA_SINGLE_PERSON.on(on)
    smic = rules.NET_MONTHLY_SMIC.on(date(on.year, 1, 1))
    multiplier = multiplier_for(children)
    base = (rsa.value * multiplier).quantize(CENT, rounding=ROUND_CEILING)
    band = resource_band(resources, smic.value)
    amount = (base * (1 - band.cut)).quantize(CENT, rounding=ROUND_HALF_UP)
    threshold = loan_threshold(children)
    form = Form.LOAN if resources > smic.value * threshold else Form.GRANT
    return Estimate(
        amount, form, rsa, smic, multiplier, base, band, threshold, _staleness(on, rsa, smic)
    )


def _staleness(on: date, rsa: rules.DatedValue, smic: rules.DatedValue) -> list[str]:
    """Warns when a revaluation is due but not in `rules` (RSA each April, SMIC each January)."""
    warnings = []
    if on >= date(rsa.valid_from.year + 1, 4, 1):
        warnings.append(f"RSA parameter from {rsa.valid_from.isoformat()} may be out of date")
    if smic.valid_from.year < on.year:
        warnings.append(f"SMIC parameter from {smic.valid_from.isoformat()} may be out of date")
    return warnings


def add_months(day: date, months: int) -> date:
    """Same day `months` later; the last day of the month when it does not exist (31 → 30)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def children_counted(birth_dates, on: date) -> int:
    """Children under 21 on `on` (a child reaching 21 that day no longer counts)."""
    return sum(1 for born in birth_dates if add_months(born, 12 * rules.CHILD_AGE_LIMIT_YEARS) > on)


def ineligibility_reasons(proof_date: date, on: date, last_award: date | None = None) -> list[str]:
    """Why an AUU request made on `on` cannot be granted; empty when it can (CASF L. 214-8)."""
    reasons = []
    if on < rules.AUU_IN_FORCE_FROM:
        reasons.append(_("L'aide universelle d'urgence n'existait pas à cette date."))
    if proof_date > on:
        reasons.append(_("La date du justificatif est postérieure à la demande."))
    elif add_months(proof_date, rules.PROOF_VALIDITY_MONTHS) <= on:
        reasons.append(
            _("Le justificatif (ordonnance, plainte ou signalement) date de 12 mois ou plus.")
        )
    if last_award is not None and add_months(last_award, rules.AWARD_INTERVAL_MONTHS) > on:
        reasons.append(_("Une aide a déjà été accordée au cours des 12 derniers mois."))
    return reasons


def payment_due(received_on: date, already_allocataire: bool, departement: str = "") -> date:
    days = (
        rules.PAYMENT_DAYS_ALLOCATAIRE if already_allocataire else rules.PAYMENT_DAYS_NEW_CLAIMANT
    )
    return add_working_days(received_on, days, departement)


def repayment_debtor(form: str, criminal_case_ongoing: bool, perpetrator_convicted: bool) -> str:
    """Nothing is claimed from the victim while a criminal case is ongoing; the convicted
    perpetrator may be asked to repay (CASF L. 214-10). A grant is never claimed from her."""
    if perpetrator_convicted:
        return Debtor.PERPETRATOR
    if criminal_case_ongoing:
        return Debtor.SUSPENDED
    return Debtor.VICTIM if form == Form.LOAN else Debtor.NOBODY
