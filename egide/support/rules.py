"""The legal parameters of the support domain: named, dated, sourced. A new decree is a data change.

Aide universelle d'urgence (AUU): Code de l'action sociale et des familles (CASF) L. 214-8 to
L. 214-10 (loi n° 2023-140 du 28 février 2023) and D. 214-11 s. (décret n° 2023-1088 du
23 novembre 2023). Values marked "(to verify)" were not checked against the Journal officiel.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


class ParameterNotInForce(ValueError):
    """No value of a legal parameter applies on the date asked for."""


@dataclass(frozen=True)
class DatedValue:
    valid_from: date
    value: Decimal
    source: str


@dataclass(frozen=True)
class Parameter:
    """A value revalued over time: the one applying on a date is the latest that started before."""

    name: str
    values: tuple[DatedValue, ...]

    def on(self, day: date) -> DatedValue:
        applying = [v for v in self.values if v.valid_from <= day]
        if not applying:
            first = min(v.valid_from for v in self.values)
            raise ParameterNotInForce(
                f"{self.name}: no value before {first.isoformat()} (asked for {day.isoformat()})"
            )
        return max(applying, key=lambda v: v.valid_from)


# CASF L. 214-8 s.: the AUU exists for requests made from 1 December 2023 (décret 2023-1088).
AUU_IN_FORCE_FROM = date(2023, 12, 1)
AUU_SOURCE = "CASF L. 214-8 à L. 214-10, D. 214-11 s. (décret n° 2023-1088 du 23 novembre 2023)"

# The household's base is the RSA "montant forfaitaire" for one person (CASF L. 262-2, D. 262-3),
# revalued every 1 April.
RSA_SINGLE_PERSON = Parameter(
    "RSA montant forfaitaire (personne seule)",
    (
        DatedValue(
            date(2023, 4, 1),
            Decimal("607.75"),
            "CASF D. 262-3 — revalorisation du 1er avril 2023 (concorde avec l'AUU publiée "
            "pour 2023 : 243,10 € à 607,75 €)",
        ),
        DatedValue(
            date(2024, 4, 1),
            Decimal("635.71"),
            "CASF D. 262-3 — revalorisation du 1er avril 2024 (to verify)",
        ),
        DatedValue(
            date(2025, 4, 1),
            Decimal("646.52"),
            "CASF D. 262-3 — revalorisation du 1er avril 2025 (concorde avec l'AUU publiée "
            "en novembre 2025 : 258,61 € à 646,52 €)",
        ),
    ),
)

# Resources are compared with the net monthly SMIC (35 h) in force on 1 January (D. 214-11 s.).
NET_MONTHLY_SMIC = Parameter(
    "SMIC net mensuel au 1er janvier",
    (
        DatedValue(date(2023, 1, 1), Decimal("1353.07"), "SMIC au 1er janvier 2023 (to verify)"),
        DatedValue(date(2024, 1, 1), Decimal("1398.69"), "SMIC au 1er janvier 2024 (to verify)"),
        DatedValue(
            date(2025, 1, 1),
            Decimal("1426.30"),
            "SMIC au 1er janvier 2025 (publié : 0,5 SMIC = 713,15 €, 1,5 SMIC = 2 139,45 €)",
        ),
    ),
)

# Household multiplier of the RSA base by number of children under 21 (D. 214-11 s.).
CHILD_MULTIPLIERS = (Decimal("1"), Decimal("1.5"), Decimal("1.8"), Decimal("2.2"))
MULTIPLIER_PER_FURTHER_CHILD = Decimal("0.4")
CHILD_AGE_LIMIT_YEARS = 21


@dataclass(frozen=True)
class ResourceBand:
    """Resources up to `up_to` × SMIC (inclusive; None: no upper bound) cut the base by `cut`."""

    up_to: Decimal | None
    cut: Decimal
    label: str


# A band's upper bound belongs to it: exactly 50 % of the SMIC is "≤ 50 %", no cut.
RESOURCE_BANDS = (
    ResourceBand(Decimal("0.5"), Decimal("0"), "≤ 50 % du SMIC"),
    ResourceBand(Decimal("1.0"), Decimal("0.20"), "> 50 % et ≤ 100 % du SMIC"),
    ResourceBand(Decimal("1.5"), Decimal("0.40"), "> 100 % et ≤ 150 % du SMIC"),
    ResourceBand(None, Decimal("0.60"), "> 150 % du SMIC"),
)

# The aid is an interest-free loan when resources EXCEED these multiples of the SMIC (by number
# of children; the last one applies to 3 or more), a grant otherwise.
LOAN_THRESHOLDS = (Decimal("1.5"), Decimal("2.25"), Decimal("2.70"), Decimal("3.30"))

# CASF L. 214-8: proof (OP, complaint, report to the procureur) less than 12 months old, and
# one award per 12 months.
PROOF_VALIDITY_MONTHS = 12
AWARD_INTERVAL_MONTHS = 12

# CASF L. 214-9: paid within 3 working days, 5 for someone not already an allocataire. The
# deadline runs from the reception of the request by the caisse (to verify).
PAYMENT_DAYS_ALLOCATAIRE = 3
PAYMENT_DAYS_NEW_CLAIMANT = 5
