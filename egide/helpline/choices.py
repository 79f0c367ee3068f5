"""The vocabulary of the helplines' call records: danger screened, callers, orientations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DangerScreened(models.TextChoices):
    NONE_FOUND = "none_found", _("Pas de danger repéré")
    PRESENT = "present", _("Danger repéré")
    GRAVE = "grave", _("Danger grave")
    IMMEDIATE = "immediate", _("Danger immédiat : 17 ou 112 proposé")


class VictimOrientation(models.TextChoices):
    LOCAL_STRUCTURE = "local_structure", _("Association locale (CIDFF, accueil de jour…)")
    POLICE = "police", _("Police ou gendarmerie (plainte, 17)")
    HEALTH = "health", _("Hôpital, maison des femmes, médecin")
    SHELTER = "shelter", _("Mise à l'abri (115)")
    LAWYER = "lawyer", _("Avocat, accès au droit")
    LISTENING_ONLY = "listening_only", _("Écoute seulement")


class PerpetratorCaller(models.TextChoices):
    PERPETRATOR = "perpetrator", _("L'auteur lui-même")
    RELATIVE = "relative", _("Un proche de l'auteur")


class PerpetratorOrientation(models.TextChoices):
    CPCA = "cpca", _("CPCA du département")
    CARE = "care", _("Soins (addiction, santé mentale)")
    LISTENING_ONLY = "listening_only", _("Écoute seulement")
