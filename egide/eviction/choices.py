"""The vocabulary of eviction housing: the legal bases of an eviction, a request's stages, why a
housed perpetrator left."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from egide.criminal.choices import StageKind


class LegalBasis(models.TextChoices):
    PROTECTION_ORDER = "protection_order", _("Ordonnance de protection (C. civ. 515-11 3°)")
    JUDICIAL_SUPERVISION = "judicial_supervision", _("Contrôle judiciaire (CPP 138 17°)")
    ALTERNATIVE_MEASURE = "alternative_measure", _("Alternative aux poursuites (CPP 41-1 6°)")


# The basis of a request carrying out an eviction a criminal decision imposed (egide.criminal).
BASIS_OF_CRIMINAL_STAGE = {
    StageKind.JUDICIAL_SUPERVISION: LegalBasis.JUDICIAL_SUPERVISION,
    StageKind.ALTERNATIVE_MEASURE: LegalBasis.ALTERNATIVE_MEASURE,
}


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée, logement à proposer")
    PROPOSED = "proposed", _("Logement proposé, à confirmer")
    CONFIRMED = "confirmed", _("Logement confirmé, arrivée attendue")
    HOUSED = "housed", _("Hébergé")
    DEPARTED = "departed", _("Parti")
    WITHDRAWN = "withdrawn", _("Retirée")


class DepartureReason(models.TextChoices):
    END_OF_MEASURE = "end_of_measure", _("Fin de la mesure")
    OWN_HOUSING = "own_housing", _("Relogé par ses propres moyens")
    BREACH = "breach", _("Manquement aux obligations")
    INCARCERATION = "incarceration", _("Incarcération")
    ABANDONED = "abandoned", _("Départ sans prévenir")
    OTHER = "other", _("Autre motif")


# Stages waiting for the operator; stages that hold a place (from confirmation to departure).
AWAITING_OPERATOR = (RequestStatus.REQUESTED, RequestStatus.PROPOSED)
HOLDING_PLACE = (RequestStatus.CONFIRMED, RequestStatus.HOUSED)
OPEN_STATUSES = (*AWAITING_OPERATOR, *HOLDING_PLACE)
