"""The rules of eviction housing, as named, dated data with their source.

No text sets how far from the victim an evicted perpetrator may be housed: the distance below is
a platform rule (docs/legal-rules.md), which a local steering committee may change.
"""

from datetime import date

from egide.justice.rules import Dated, in_force

# Platform rule. 10 km is the widest alert distance a judge may set for an anti-approach
# bracelet (décret 2020-1161, CPP R. 24-18, CPC 1136-17): housing him farther than that from every
# protected place keeps him outside any perimeter a bracelet could draw around it.
MIN_DISTANCE_KM = (
    Dated(
        date(2020, 9, 25),
        10,
        "Règle de la plateforme (aucun texte) : la plus grande distance d'alerte d'un BAR, "
        "décret 2020-1161, CPP R. 24-18, CPC 1136-17",
    ),
)


def min_distance_m(on: date) -> int:
    """The least distance, in metres, between his housing and any protected place of hers."""
    return in_force(MIN_DISTANCE_KM, on).value * 1000
