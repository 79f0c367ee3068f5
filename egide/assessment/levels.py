"""The shared danger scale every instrument's result is mapped to (docs/assessment.md, rule 4).

Dashboards, worklists and other domains compare levels only through this ordinal scale, never
through an instrument's own labels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DangerLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    MEDIUM = "medium", _("Moyen")
    HIGH = "high", _("Élevé")
    EXTREME = "extreme", _("Extrême")


# Lowest first: the position is the level's rank.
SCALE: tuple[str, ...] = tuple(DangerLevel.values)

# Levels at which a case counts as "high danger" for worklists and dashboards.
HIGH_DANGER: tuple[str, ...] = (DangerLevel.HIGH, DangerLevel.EXTREME)


def rank(level: str) -> int:
    return SCALE.index(level)


def highest(levels) -> str:
    return max(levels, key=rank)
