"""The rules of publishing figures: named, dated data with their source."""

from datetime import date

from egide.justice.rules import Dated, in_force

# Statistical secrecy for counts of people (docs/indicators.md): no published cell may concern
# fewer than 11 people. No statute fixes the number; it is the practice of the French public
# statistics for data on persons, e.g. the confidentiality rules of the CASD ("aucune case ne
# doit concerner moins de 11 unités", with secondary suppression) applied to health data, within
# loi n° 51-711 du 7 juin 1951 art. 6 (secret statistique) and loi n° 78-17 (Informatique et
# libertés). A count of 0 concerns nobody and is published. The date is no law's: the rule
# applies to every file Égide publishes, from the first year it offers (forms.FIRST_YEAR).
SECRECY_THRESHOLD = (
    Dated(
        date(2019, 1, 1),
        11,
        "Pratique du secret statistique (règles de confidentialité du CASD ; "
        "loi n° 51-711 du 7 juin 1951, art. 6)",
    ),
)


def secrecy_threshold(on: date) -> int:
    return in_force(SECRECY_THRESHOLD, on).value
