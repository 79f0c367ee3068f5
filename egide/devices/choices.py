"""The vocabulary of devices: statuses and kinds, phone tests, contact-ban bases, bracelet
frameworks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeviceStatus(models.TextChoices):
    STOCK = "stock", _("En stock")
    ASSIGNED = "assigned", _("Attribué")
    IN_REPAIR = "in_repair", _("En réparation")
    LOST = "lost", _("Perdu")
    RETURNED = "returned", _("Restitué")


class DeviceKind(models.TextChoices):
    ALARM_PHONE = "alarm_phone", _("Téléphone grave danger")
    PERPETRATOR_BRACELET = "perpetrator_bracelet", _("Bracelet de l'auteur")
    VICTIM_UNIT = "victim_unit", _("Boîtier de la victime")


class TestFailure(models.TextChoices):
    NO_CALL_RECEIVED = "no_call", _("Appel de test non reçu par le centre")
    NO_POSITION = "no_position", _("Pas de position transmise")
    BATTERY = "battery", _("Batterie défaillante")
    DAMAGED = "damaged", _("Téléphone endommagé")
    VICTIM_UNREACHABLE = "unreachable", _("Victime injoignable pour le test")


class TestFollowUp(models.TextChoices):
    REPLACEMENT = "replacement", _("Remplacement du téléphone demandé")
    VICTIM_CALLED = "victim_called", _("Victime appelée : consignes données, nouveau test prévu")
    RETEST = "retest", _("Nouveau test dans la journée")


class ContactBanBasis(models.TextChoices):
    NONE = "", _("Aucune pour l'instant")
    PROTECTION_ORDER = "protection_order", _("Ordonnance de protection")
    JUDICIAL_SUPERVISION = "judicial_supervision", _("Contrôle judiciaire")
    CONVICTION = "conviction", _("Condamnation")
    ALTERNATIVE_MEASURE = "alternative_measure", _("Alternative aux poursuites")


class Framework(models.TextChoices):
    CIVIL = "civil", _("Civil, avec une ordonnance de protection (515-11-1)")
    JUDICIAL_SUPERVISION = "judicial_supervision", _("Contrôle judiciaire (CPP 138-3)")
    SENTENCE = "sentence", _("Peine (C. pén. 132-45-1)")
