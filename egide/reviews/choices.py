"""The vocabulary of reviews: their status, the sources of a timeline line, the missed
opportunities the platform marks, the recommendations' themes and statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("En cours")
    CLOSED = "closed", _("Clôturée")


class Source(models.TextChoices):
    """Which records a line of the timeline was read from."""

    CASE = "case", _("Dossier")
    ASSESSMENT = "assessment", _("Évaluation du danger")
    JUSTICE = "justice", _("Justice civile et parquet")
    DEVICES = "devices", _("Dispositifs (TGD, BAR)")
    MONITORING = "monitoring", _("Centre de surveillance")
    CRIMINAL = "criminal", _("Procédure pénale")
    AUDIT = "audit", _("Journal d'audit")


class MissedKind(models.TextChoices):
    """The missed opportunities the platform marks by itself, against its own rules."""

    REASSESSMENT = "reassessment", _("Réévaluation faite en retard ou jamais faite")
    UNPROTECTED = "unprotected", _("Danger élevé sans mesure de protection")
    LATE_TAKE_IN_CHARGE = "late_take_in_charge", _("Alerte prise en charge en retard")
    LEGAL_DEADLINE = "legal_deadline", _("Délai légal dépassé")
    BREACH_UNACKNOWLEDGED = "breach_unacknowledged", _("Violation non prise en compte à temps")
    RISK_FACTOR = "risk_factor", _("Facteur de risque connu sans action correspondante")
    REVIEWER = "reviewer", _("Relevé par la revue")


class Theme(models.TextChoices):
    """What a recommendation changes: the anonymised summary counts them by theme."""

    ASSESSMENT = "assessment", _("Évaluation et réévaluation du danger")
    PROTECTION = "protection", _("Mesures de protection")
    INFORMATION_SHARING = "information_sharing", _("Partage d'information entre services")
    MONITORING = "monitoring", _("Surveillance des dispositifs")
    JUSTICE = "justice", _("Délais et suites judiciaires")
    TRAINING = "training", _("Formation des professionnels")
    OTHER = "other", _("Autre")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Faite")
    DROPPED = "dropped", _("Abandonnée")


# A review closes once every recommendation has ended one way or the other.
ENDED_RECOMMENDATIONS = (RecommendationStatus.DONE, RecommendationStatus.DROPPED)
