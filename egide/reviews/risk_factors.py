"""The known risk factors a review looks for, where the records say them, and what answers them.

A risk factor is known when an assessment answered "yes" to one of its items (the instruments of
`egide/assessment/instruments`, docs/assessment.md) or, for a weapon, when an incident records
one. It is answered when one of its actions exists within the delay of `rules.RISK_FACTOR_DELAY`:
a weapons ban or surrender (OP 515-11 2° and 2° bis, or a criminal obligation) for a weapon; any
protection measure (OP, OPPI, TGD, BAR, criminal contact ban) for the others, which the
instruments count among the strongest signs of a lethal outcome (LAP Q1, Q2, Q5, Q7; the French
grid's red items).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WEAPONS_MEASURE = "weapons_measure"
PROTECTION_MEASURE = "protection_measure"


@dataclass(frozen=True)
class RiskFactor:
    code: str
    label: str | Promise
    items: frozenset[tuple[str, str]]
    """(instrument id, item id) pairs whose "yes" makes the factor known."""
    answered_by: str


RISK_FACTORS = (
    RiskFactor(
        "weapon",
        _("Arme détenue, utilisée ou menacée"),
        frozenset(
            {
                ("fr-police-grid", "p_firearms"),
                ("lap-lethality-screen", "q1"),
                ("lap-lethality-screen", "q4"),
                ("fr-health-immediate-danger", "firearms"),
                ("safelives-dash", "weapons_or_objects"),
            }
        ),
        WEAPONS_MEASURE,
    ),
    RiskFactor(
        "strangulation",
        _("Tentative d'étranglement"),
        frozenset(
            {
                ("fr-police-grid", "p_strangling"),
                ("lap-lethality-screen", "q5"),
                ("safelives-dash", "strangled"),
            }
        ),
        PROTECTION_MEASURE,
    ),
    RiskFactor(
        "death_threats",
        _("Menaces de mort"),
        frozenset(
            {
                ("fr-police-grid", "p_death_threats"),
                ("lap-lethality-screen", "q2"),
                ("fr-health-immediate-danger", "death_threats"),
                ("safelives-dash", "threatened_to_kill"),
            }
        ),
        PROTECTION_MEASURE,
    ),
    RiskFactor(
        "separation",
        _("Séparation ou projet de séparation"),
        frozenset(
            {
                ("fr-police-grid", "c_separation"),
                ("lap-lethality-screen", "q7"),
                ("fr-health-immediate-danger", "separation"),
                ("safelives-dash", "separated_last_year"),
            }
        ),
        PROTECTION_MEASURE,
    ),
)

WEAPON = RISK_FACTORS[0]


def known_factors(instrument_id: str, answers: dict, yes: str) -> list[RiskFactor]:
    """The risk factors an assessment's `answers` make known."""
    said_yes = {(instrument_id, item) for item, answer in answers.items() if answer == yes}
    return [factor for factor in RISK_FACTORS if factor.items & said_yes]
