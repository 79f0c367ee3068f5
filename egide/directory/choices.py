"""The vocabulary of the directory: kinds of structures and what they offer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StructureKind(models.TextChoices):
    CIDFF = "cidff", _("CIDFF (droits des femmes et des familles)")
    WOMENS_HOUSE = "maison_des_femmes", _("Maison des femmes / santé")
    DAY_CENTRE = "accueil_de_jour", _("Accueil de jour")
    LAEO = "laeo", _("Lieu d'accueil, d'écoute et d'orientation (LAEO)")
    HOSPITAL_COMPLAINTS = "hopital_plainte", _("Hôpital recevant les plaintes")
    PSYCHOTRAUMA_CENTRE = "psychotrauma", _("Centre régional du psychotraumatisme")
    ISCG = "iscg", _("Intervenant social en commissariat et gendarmerie")
    CPCA = "cpca", _("Centre de prise en charge des auteurs (CPCA)")
    VICTIM_SUPPORT_OFFICE = "bav", _("Bureau d'aide aux victimes")
    VICTIM_SUPPORT_ASSOCIATION = "aide_victimes", _("Association d'aide aux victimes")
    FRANCE_SERVICES = "france_services", _("France Services")
    POLICE_STATION = "commissariat", _("Commissariat de police")
    GENDARMERIE = "gendarmerie", _("Brigade de gendarmerie")
    CAF = "caf", _("Caisse d'allocations familiales (CAF)")
    MSA = "msa", _("Mutualité sociale agricole (MSA)")
    CCAS = "ccas", _("Centre communal d'action sociale (CCAS)")


# Shown on the public page: the perpetrators' centres have their own line ("Ne frappez pas").
PUBLIC_KINDS = tuple(kind for kind in StructureKind.values if kind != StructureKind.CPCA)


class Service(models.TextChoices):
    LISTENING = "listening", _("Écoute et orientation")
    LEGAL = "legal", _("Information juridique")
    COMPLAINT = "complaint", _("Dépôt de plainte")
    EVIDENCE = "evidence", _("Recueil de preuves sans plainte")
    HEALTH = "health", _("Soins")
    PSYCHOLOGICAL = "psychological", _("Soutien psychologique")
    HOUSING = "housing", _("Hébergement et logement")
    SOCIAL_RIGHTS = "social_rights", _("Accès aux droits sociaux")
    EMPLOYMENT = "employment", _("Emploi et insertion")
    CHILDREN = "children", _("Accompagnement des enfants")
    PERPETRATORS = "perpetrators", _("Prise en charge des auteurs")


class Source(models.TextChoices):
    ANNUAIRE = "annuaire", _("Annuaire de l'administration (Service-Public.fr)")
    CSV = "csv", _("Fichier CSV")
