"""The vocabulary of protection orders: statuses, decisions, measures, hearings, breaches,
reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestedBy(models.TextChoices):
    VICTIM = "victim", _("La victime")
    LAWYER = "lawyer", _("L'avocat de la victime")
    PROSECUTOR = "prosecutor", _("Le procureur, avec l'accord de la victime")


class OrderStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    HEARING_SET = "hearing_set", _("Audience fixée")
    GRANTED = "granted", _("Délivrée, à notifier")
    REJECTED = "rejected", _("Rejetée")
    IN_FORCE = "in_force", _("En vigueur")
    LIFTED = "lifted", _("Levée")
    EXPIRED = "expired", _("Expirée")


PENDING_STATUSES = (OrderStatus.REQUESTED, OrderStatus.HEARING_SET)
ACTIVE_STATUSES = (OrderStatus.GRANTED, OrderStatus.IN_FORCE)


class Decision(models.TextChoices):
    GRANTED = "granted", _("Ordonnance délivrée")
    REJECTED = "rejected", _("Demande rejetée")


class NotificationRecipient(models.TextChoices):
    DEFENDANT = "defendant", _("La partie défenderesse (l'auteur des violences)")
    APPLICANT = "applicant", _("La partie demanderesse (la victime)")


class NotificationMethod(models.TextChoices):
    """How an order reaches a party (CPC 1136-9 for the OP; 1136-17-4 for the OPPI, to verify)."""

    CLERK = "clerk", _("Notification par le greffe")
    BAILIFF = "bailiff", _("Signification par commissaire de justice")
    JUDICIAL_POLICE = "judicial_police", _("Notification par un officier de police judiciaire")


class MeasureKind(models.TextChoices):
    """The catalogue of C. civ. 515-11 (and 515-13-1 for the OPPI)."""

    CONTACT_BAN = "contact_ban", _("1° Interdiction d'entrer en contact avec des personnes")
    PLACE_BAN = "place_ban", _("1° bis Interdiction de se rendre dans des lieux")
    WEAPONS_BAN = "weapons_ban", _("2° Interdiction de détenir ou porter une arme")
    WEAPONS_SURRENDER = "weapons_surrender", _("2° bis Remise des armes")
    CARE_PROPOSAL = "care_proposal", _("2° ter Prise en charge ou stage de responsabilisation")
    SEPARATE_RESIDENCE = "separate_residence", _("3° Résidence séparée des époux")
    HOME_TO_VICTIM = "home_to_victim", _("3°-4° Logement attribué à la victime")
    PARENTAL_AUTHORITY = "parental_authority", _("5° Autorité parentale, droits de visite")
    HIDDEN_ADDRESS = "hidden_address", _("6° Dissimulation de l'adresse (élection de domicile)")
    HIDDEN_ADDRESS_BIS = "hidden_address_bis", _("6° bis Élection de domicile (personne morale)")
    LEGAL_AID = "legal_aid", _("7° Aide juridictionnelle provisoire")
    PETS = "pets", _("Garde des animaux de compagnie")
    ELECTORAL_LIST = "electoral_list", _("Masquage de l'adresse sur les listes électorales")


# C. civ. 515-13-1: the OPPI may carry only these measures.
OPPI_MEASURE_KINDS = (
    MeasureKind.CONTACT_BAN,
    MeasureKind.PLACE_BAN,
    MeasureKind.WEAPONS_BAN,
    MeasureKind.WEAPONS_SURRENDER,
    MeasureKind.PARENTAL_AUTHORITY,
    MeasureKind.HIDDEN_ADDRESS,
)
HIDDEN_ADDRESS_KINDS = (MeasureKind.HIDDEN_ADDRESS, MeasureKind.HIDDEN_ADDRESS_BIS)


class ParentalAuthorityRuling(models.TextChoices):
    MAINTAINED = "maintained", _("Exercice maintenu")
    EXERCISE_TO_VICTIM = "exercise_to_victim", _("Exercice exclusif confié à la victime")
    SUSPENDED = "suspended", _("Suspendu")
    WITHDRAWN = "withdrawn", _("Retiré")


class VisitingRightsRuling(models.TextChoices):
    MAINTAINED = "maintained", _("Maintenus")
    SUPERVISED = "supervised", _("En espace de rencontre ou en présence d'un tiers")
    SUSPENDED = "suspended", _("Suspendus")
    WITHDRAWN = "withdrawn", _("Retirés")


class HearingKind(models.TextChoices):
    PROTECTION_ORDER = "protection_order", _("Audience OP (juge aux affaires familiales)")
    FAMILY = "family", _("Audience familiale (divorce, autorité parentale)")
    CRIMINAL = "criminal", _("Audience pénale")


class ProceedingKind(models.TextChoices):
    DIVORCE = "divorce", _("Divorce")
    LEGAL_SEPARATION = "legal_separation", _("Séparation de corps")
    PARENTAL_AUTHORITY = "parental_authority", _("Exercice de l'autorité parentale")


class ChildMeasureBasis(models.TextChoices):
    ORDER = "order", _("Ordonnance du juge aux affaires familiales")
    AUTOMATIC_SUSPENSION = (
        "automatic_suspension",
        _("Suspension de plein droit : parent poursuivi pour un crime sur l'autre parent (378-2)"),
    )


class BreachKind(models.TextChoices):
    ALERT_DISTANCE = "alert_distance", _("Franchissement de la distance d'alerte (BAR)")
    FIXED_ZONE = "fixed_zone", _("Entrée dans une zone interdite (BAR)")
    CONTACT_BAN = "contact_ban", _("Violation de l'interdiction de contact")
    PLACE_BAN = "place_ban", _("Violation de l'interdiction de paraître")
    ALARM_PHONE = "alarm_phone", _("Intervention sur déclenchement du TGD")
    OTHER = "other", _("Autre violation")


class BreachSource(models.TextChoices):
    MONITORING = "monitoring", _("Centre de surveillance")
    VICTIM = "victim", _("La victime")
    PROFESSIONAL = "professional", _("Un professionnel")
    PROBATION = "probation", _("Le SPIP (contrôle des obligations)")


class BreachOutcome(models.TextChoices):
    """What the procureur decides on a breach (C. pén. 227-4-2; CPP 141-2: contrôle judiciaire)."""

    CUSTODY = "custody", _("Interpellation et garde à vue demandées")
    PROSECUTION = "prosecution", _("Poursuites engagées (227-4-2 du Code pénal)")
    SUPERVISION_REVOCATION = (
        "supervision_revocation",
        _("Saisine du juge pour révoquer ou durcir le contrôle judiciaire"),
    )
    JAF_REFERRAL = "jaf_referral", _("Saisine du JAF pour modifier l'ordonnance de protection")
    INVESTIGATION = "investigation", _("Enquête confiée aux enquêteurs")
    WARNING = "warning", _("Avertissement de l'auteur")
    NO_BREACH = "no_breach", _("Violation non caractérisée, sans suite")


class ParquetRequestKind(models.TextChoices):
    ALARM_PHONE = "tgd", _("Téléphone grave danger (art. 41-3-1 CPP)")
    IMMEDIATE_ORDER = (
        "oppi_request",
        _("OPPI : demande au JAF par le procureur (art. 515-13-1 C. civ.)"),
    )
    PROTECTION_ORDER = "op", _("Ordonnance de protection à l'initiative du procureur (515-10)")


class ConsentAttemptOutcome(models.TextChoices):
    """C. pén. 226-14 3°: the professional tries to obtain the adult victim's agreement."""

    REFUSED = "refused", _("Elle a refusé que le procureur soit saisi")
    IMPOSSIBLE = "impossible", _("Son accord n'a pas pu être obtenu")


class HealthReportOutcome(models.TextChoices):
    INVESTIGATION = "investigation", _("Enquête confiée aux enquêteurs")
    PROTECTION = "protection", _("Mesures de protection engagées (TGD, OPPI, OP)")
    CUSTODY = "custody", _("Interpellation et garde à vue demandées")
    VICTIM_CONTACTED = "victim_contacted", _("Victime contactée par le parquet ou une association")
    NO_ACTION = "no_action", _("Éléments insuffisants, sans suite à ce stade")


class Domicile(models.TextChoices):
    """Where she elects domicile when her address is hidden (C. civ. 515-11 6° and 6° bis)."""

    LAWYER = "lawyer", _("6° Chez son avocat")
    PROSECUTOR = "prosecutor", _("6° Auprès du procureur de la République")
    LEGAL_PERSON = "legal_person", _("6° bis Chez une personne morale qualifiée")


DOMICILE_KINDS = {
    Domicile.LAWYER: MeasureKind.HIDDEN_ADDRESS,
    Domicile.PROSECUTOR: MeasureKind.HIDDEN_ADDRESS,
    Domicile.LEGAL_PERSON: MeasureKind.HIDDEN_ADDRESS_BIS,
}
