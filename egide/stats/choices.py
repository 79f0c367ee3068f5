"""The vocabulary of indicators: their themes, units, and the territorial levels of open data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    PROTECTION_ORDERS = "protection_orders", _("Ordonnances de protection")
    IMMEDIATE_ORDERS = "immediate_orders", _("Ordonnances provisoires de protection immédiate")
    ALARM_PHONES = "alarm_phones", _("Téléphones grave danger")
    BRACELETS = "bracelets", _("Bracelets anti-rapprochement")
    MONITORING = "monitoring", _("Surveillance")
    EMERGENCY_AID = "emergency_aid", _("Aide universelle d'urgence")
    SHELTER = "shelter", _("Hébergement")
    DANGER = "danger", _("Évaluation du danger")
    PERPETRATORS = "perpetrators", _("Prise en charge des auteurs")


class Unit(models.TextChoices):
    COUNT = "count", _("nombre")
    PERCENT = "percent", _("%")
    DAYS = "days", _("jours")
    HOURS = "hours", _("heures")
    MINUTES = "minutes", _("minutes")
    EUROS = "euros", _("euros")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    COURT = "tribunal", _("Tribunal judiciaire")
