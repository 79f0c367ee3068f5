"""The vocabulary of assessments: override directions, sign-off decisions, re-assessment
triggers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideDirection(models.TextChoices):
    RAISE = "raise", _("Rehaussement")
    DOWNGRADE = "downgrade", _("Abaissement")


class SignOffDecision(models.TextChoices):
    APPROVED = "approved", _("Abaissement validé")
    REFUSED = "refused", _("Abaissement refusé")


class Trigger(models.TextChoices):
    """Why a re-assessment is due (docs/assessment.md, rule 5)."""

    LEVEL_DEADLINE = "level_deadline", _("Échéance liée au niveau de danger")
    NEW_INCIDENT = "new_incident", _("Nouveau fait de violence")
    SEPARATION = "separation", _("Séparation")
    RELEASE_FROM_CUSTODY = "release_from_custody", _("Sortie de détention de l'auteur")
    ORDER_BREACH = "order_breach", _("Violation d'une interdiction ou d'une ordonnance")
    COURT_DECISION = "court_decision", _("Décision de justice")
    DEVICE_ALERT = "device_alert", _("Alerte d'un dispositif (TGD, BAR)")
