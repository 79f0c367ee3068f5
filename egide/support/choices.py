"""The vocabulary of support: aid statuses, proofs, shelters, allocations, fresh-start needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .aid import Form, ProofKind


class AidStatus(models.TextChoices):
    RECEIVED = "received", _("Reçue, à décider")
    GRANTED = "granted", _("Accordée, à verser")
    REFUSED = "refused", _("Refusée")
    PAID = "paid", _("Versée")


class AidForm(models.TextChoices):
    GRANT = Form.GRANT, _("Aide non remboursable")
    LOAN = Form.LOAN, _("Prêt sans intérêt")


class AidProof(models.TextChoices):
    PROTECTION_ORDER = ProofKind.PROTECTION_ORDER, _("Ordonnance de protection")
    COMPLAINT = ProofKind.COMPLAINT, _("Plainte")
    REPORT_TO_PROSECUTOR = ProofKind.REPORT_TO_PROSECUTOR, _("Signalement au procureur")


class ShelterKind(models.TextChoices):
    EMERGENCY = "emergency", _("Hébergement d'urgence")
    INTEGRATION = "integration", _("Hébergement d'insertion (CHRS)")
    TEMPORARY_HOUSING = "temporary_housing", _("Logement temporaire (ALT)")
    SUPPORTED_HOUSING = "supported_housing", _("Logement accompagné")


class AllocationStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    ACCEPTED = "accepted", _("Acceptée, arrivée attendue")
    DECLINED = "declined", _("Refusée")
    ARRIVED = "arrived", _("Hébergée")
    DEPARTED = "departed", _("Partie")


class DeclineCause(models.TextChoices):
    """Why a shelter refuses a request: counted by the indicators (refusals for lack of place)."""

    NO_PLACE = "no_place", _("Manque de place")
    UNSUITED = "unsuited", _("Places inadaptées au foyer (enfants, accessibilité)")
    CRITERIA = "criteria", _("Hors des critères d'accueil de l'hébergement")
    SAFETY = "safety", _("Sécurité (hébergement connu de l'auteur, trop proche)")
    OTHER = "other", _("Autre motif")


# The places an allocation holds: from acceptance until departure.
HOLDING_PLACES = (AllocationStatus.ACCEPTED, AllocationStatus.ARRIVED)
ACTIVE_ALLOCATION = (AllocationStatus.REQUESTED, *HOLDING_PLACES)


class NeedArea(models.TextChoices):
    CAF = "caf", _("Droits CAF / MSA")
    HOUSING = "housing", _("Logement")
    HEALTH = "health", _("Santé")
    PSYCHOLOGICAL = "psychological", _("Soutien psychologique")
    EMPLOYMENT = "employment", _("Emploi")
    LEGAL_AID = "legal_aid", _("Aide juridique")
    SCHOOL = "school", _("Scolarité des enfants")


class NeedStatus(models.TextChoices):
    TO_DO = "to_do", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Fait")
