"""The legal parameters of the support domain: named, dated, sourced. A new decree is a data change.

Aide universelle d'urgence (AUU): Code de l'action sociale et des familles (CASF) L. 214-8 to
L. 214-10 (loi n° 2023-140 du 28 février 2023) and D. 214-11 s. (décret n° 2023-1088 du
23 novembre 2023). Values marked "(to verify)" were not checked against the Journal officiel.
The revalued amounts (RSA, SMIC) are dated data recorded by a platform administrator: `value_on`.
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
    source_url: str = ""


# CASF L. 214-8 s.: the AUU exists for requests made from 1 December 2023 (décret 2023-1088).
AUU_IN_FORCE_FROM = date(2023, 12, 1)
AUU_SOURCE = "CASF L. 214-8 à L. 214-10, D. 214-11 s. (décret n° 2023-1088 du 23 novembre 2023)"

# The revalued parameters. Their dated values are data, not code: a platform administrator records
# each new value with its start date and source (support.ParameterValue, "Paramètres datés"); the
# data migration support 0003 recorded the values known at release. Read them with `value_on`.
RSA_SINGLE_PERSON = "rsa_single_person"
NET_MONTHLY_SMIC = "net_monthly_smic"
PARAMETERS = {
    # The household's base is the RSA "montant forfaitaire" for one person (CASF L. 262-2,
    # D. 262-3), revalued every 1 April.
    RSA_SINGLE_PERSON: "RSA montant forfaitaire (personne seule)",
    # Resources are compared with the net monthly SMIC (35 h) in force on 1 January (D. 214-11 s.).
    NET_MONTHLY_SMIC: "SMIC net mensuel au 1er janvier",
}
TABLE = "support_parametervalue"


def value_on(parameter: str, day: date) -> DatedValue:
    """The value of `parameter` applying on `day`: the latest recorded one started on or before it.

    Plain SQL on the settings' database, so that `egide aid estimate` reads the same values as
    the web pages without loading the apps (egide/cli.py)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT valid_from, CAST(value AS TEXT), source, source_url FROM {TABLE} "  # noqa: S608
            "WHERE parameter = %s ORDER BY valid_from",
            [parameter],
        )
        rows = [(_day(row[0]), *row[1:]) for row in cursor.fetchall()]
    applying = [row for row in rows if row[0] <= day]
    if not applying:
        first = f"before {rows[0][0].isoformat()}" if rows else "recorded"
        raise ParameterNotInForce(
            f"{PARAMETERS[parameter]}: no value {first} (asked for {day.isoformat()})"
        )
    valid_from, value, source, url = applying[-1]
    return DatedValue(valid_from, Decimal(value).quantize(Decimal("0.01")), source, url)


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


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
