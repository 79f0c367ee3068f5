"""Professional override rules (docs/assessment.md, rule 6), as pure functions.

The instrument says which direction is allowed: "raise_only" (DASH, VioGén, LAP) or "both".
Every override has a written reason; a downgrade only takes effect once a supervisor signs off.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import OverrideDirection
from .instruments import Instrument
from .levels import SCALE, rank

# A reason is a sentence, not a tick: short enough to write at the desk, long enough to mean it.
MIN_REASON_LENGTH = 10


class OverrideRefused(ValidationError):
    """An override the instrument's policy does not allow; the message is for the user."""


def override_direction(instrument: Instrument, computed: str, requested: str, reason: str) -> str:
    """The direction of a permitted override, or OverrideRefused saying why not."""
    if requested not in SCALE:
        raise OverrideRefused(_("Choisissez un niveau de l'échelle."))
    if requested == computed:
        raise OverrideRefused(_("Le niveau retenu doit différer du niveau calculé."))
    if len((reason or "").strip()) < MIN_REASON_LENGTH:
        raise OverrideRefused(_("Expliquez par écrit ce qui justifie un autre niveau."))
    if rank(requested) > rank(computed):
        return OverrideDirection.RAISE
    if instrument.override_direction == "raise_only":
        raise OverrideRefused(
            _("Cet instrument permet seulement de rehausser le niveau calculé, pas de l'abaisser.")
        )
    return OverrideDirection.DOWNGRADE


def allowed_levels(instrument: Instrument, computed: str) -> list[str]:
    """The levels an override may choose for this computed level."""
    if instrument.override_direction == "raise_only":
        return [level for level in SCALE if rank(level) > rank(computed)]
    return [level for level in SCALE if level != computed]
