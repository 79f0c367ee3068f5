"""The rules of multi-agency risk meetings, as named, dated data with their source.

No French text sets when a case discussed at a risk meeting comes back to it: the window below is
a platform rule (docs/legal-rules.md), taken from the practice of the British MARAC, which a local
steering committee may change.
"""

from datetime import date

from egide.justice.rules import Dated, add_months, in_force

# Platform rule. SafeLives' MARAC "repeat": a new incident within 12 months of the case's last
# discussion brings it back to the meeting. Dated from the first MARAC (Cardiff, 2003).
REPEAT_WINDOW_MONTHS = (
    Dated(
        date(2003, 1, 1),
        12,
        "Règle de la plateforme (aucun texte) : la répétition des MARAC britanniques (SafeLives)",
    ),
)


def repeat_window_end(discussed_on: date) -> date:
    """The last day on which a new incident makes a case discussed on `discussed_on` a repeat."""
    return add_months(discussed_on, in_force(REPEAT_WINDOW_MONTHS, discussed_on).value)
