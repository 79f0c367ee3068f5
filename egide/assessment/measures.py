"""Protective measures an assessment can recommend, with a plain-words line for the victim."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    ALARM_PHONE = "tgd", _("Téléphone grave danger (TGD), à demander au parquet")
    OPPI_REQUEST = "oppi_request", _("Demande d'ordonnance provisoire de protection immédiate")
    BRACELET = "bar", _("Bracelet anti-rapprochement (BAR)")
    SHELTER = "shelter", _("Mise à l'abri, hébergement")
    EMERGENCY_AID = "emergency_aid", _("Aide universelle d'urgence")
    FRESH_START_PLAN = "fresh_start_plan", _("Pack nouveau départ")
    CIDFF = "cidff", _("Orientation vers un CIDFF")
    PSYCHOTRAUMA_CENTRE = (
        "psychotrauma_centre",
        _("Orientation vers un centre du psychotraumatisme"),
    )


# What each measure means for her, in words the printed summary can use.
FOR_THE_VICTIM = {
    Measure.ALARM_PHONE: _(
        "Un téléphone qui permet d'alerter immédiatement un service d'écoute qui envoie la police."
    ),
    Measure.OPPI_REQUEST: _(
        "Le procureur peut demander au juge une protection immédiate, décidée en 24 heures."
    ),
    Measure.BRACELET: _(
        "Un bracelet porté par l'auteur qui donne l'alerte s'il s'approche de vous."
    ),
    Measure.SHELTER: _("Un hébergement sûr, pour vous et vos enfants."),
    Measure.EMERGENCY_AID: _("Une aide financière versée rapidement par la CAF ou la MSA."),
    Measure.FRESH_START_PLAN: _(
        "Un accompagnement coordonné : logement, ressources, démarches, emploi."
    ),
    Measure.CIDFF: _("Des juristes et des conseillères qui vous informent gratuitement."),
    Measure.PSYCHOTRAUMA_CENTRE: _("Des soins spécialisés après des violences."),
}
