"""The vocabulary of live monitoring: intake refusals, incidents and their priority, outcomes,
dispatches."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RefusalReason(models.TextChoices):
    UNKNOWN_DEVICE = "unknown_device", _("Dispositif inconnu")
    BAD_SECRET = "bad_secret", _("Secret absent ou erroné")
    REVOKED = "revoked", _("Dispositif perdu ou secret révoqué")
    CLOCK_AHEAD = "clock_ahead", _("Horloge du dispositif en avance")
    UNUSABLE = "unusable", _("Point inutilisable (heure ou valeur invalide)")
    RATE_LIMITED = "rate_limited", _("Source limitée après trop de refus")


class IncidentKind(models.TextChoices):
    # Declared in priority order (docs/monitoring.md): the queue sorts on it.
    SOS = "sos", _("SOS")
    ALERT = "alert", _("Alerte")
    TAMPER = "tamper", _("Arrachement ou sabotage")
    PREALERT = "prealert", _("Pré-alerte")
    OFFLINE = "offline", _("Hors ligne")
    BATTERY = "battery", _("Batterie faible")


PRIORITY = {kind: rank for rank, kind in enumerate(IncidentKind.values)}


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("À prendre en charge")
    ACKNOWLEDGED = "acknowledged", _("Pris en charge")
    CLOSED = "closed", _("Clos")


class Outcome(models.TextChoices):
    WEARER_TURNED_AWAY = "turned_away", _("L'auteur s'est éloigné")
    POLICE_INTERVENED = "police", _("Intervention des forces de l'ordre")
    FALSE_ALARM = "false_alarm", _("Fausse alerte ou erreur de manipulation")
    TECHNICAL = "technical", _("Problème technique traité")
    NO_ACTION = "no_action", _("Sans suite")


class DispatchStatus(models.TextChoices):
    PENDING = "pending", _("En cours d'envoi")
    ACKNOWLEDGED = "acknowledged", _("Reçu par la salle de commandement")
    DEAD = "dead", _("Non remis : à transmettre par téléphone")
