"""The vocabulary of criminal proceedings: stages, custody outcomes, trial modes, obligations,
compliance, releases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StageKind(models.TextChoices):
    CUSTODY = "custody", _("Garde à vue")
    ALTERNATIVE_MEASURE = "alternative_measure", _("Alternative aux poursuites (41-1 CPP)")
    JUDICIAL_SUPERVISION = "judicial_supervision", _("Contrôle judiciaire (138 CPP)")
    TRIAL = "trial", _("Jugement : mode de poursuite")
    JUDGEMENT = "judgement", _("Jugement : peine prononcée")
    PROBATION = "probation", _("Sursis probatoire (132-40 C. pén.)")
    IMPRISONMENT = "imprisonment", _("Incarcération")


# The stages whose decision carries obligations the perpetrator must keep.
OBLIGATION_STAGES = (
    StageKind.ALTERNATIVE_MEASURE,
    StageKind.JUDICIAL_SUPERVISION,
    StageKind.PROBATION,
)


class CustodyOutcome(models.TextChoices):
    RELEASED = "released", _("Remis en liberté sans poursuite")
    ALTERNATIVE_MEASURE = "alternative_measure", _("Alternative aux poursuites")
    JUDICIAL_SUPERVISION = "judicial_supervision", _("Contrôle judiciaire")
    IMMEDIATE_TRIAL = "immediate_trial", _("Comparution immédiate")
    SUMMONS = "summons", _("Convocation devant le tribunal")
    INVESTIGATION = "investigation", _("Ouverture d'une information judiciaire")


class TrialMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Comparution immédiate")
    PROSECUTOR_SUMMONS = "cpvp", _("Convocation par procès-verbal du procureur")
    OFFICER_SUMMONS = "copj", _("Convocation par officier de police judiciaire")
    PRIOR_GUILTY_PLEA = "crpc", _("Comparution sur reconnaissance préalable de culpabilité")
    INVESTIGATING_JUDGE = "instruction", _("Renvoi après information judiciaire")


class ObligationKind(models.TextChoices):
    CONTACT_BAN = "contact_ban", _("Interdiction d'entrer en contact avec la victime")
    PLACE_BAN = "place_ban", _("Interdiction de paraître en certains lieux")
    EVICTION = "eviction", _("Éviction du domicile du couple")
    CARE = "care", _("Obligation de soins")
    CPCA_COURSE = "cpca_course", _("Suivi ou stage de responsabilisation au CPCA")
    WEAPONS_BAN = "weapons_ban", _("Interdiction de détenir ou de porter une arme")


# Obligations bound to a place: the decision names it, the platform locates it.
PLACE_KINDS = (ObligationKind.PLACE_BAN, ObligationKind.EVICTION)
# What a breach of each obligation is called in the procureur's breach inbox (justice).
BREACH_KIND_OF = {
    ObligationKind.CONTACT_BAN: "contact_ban",
    ObligationKind.PLACE_BAN: "place_ban",
    ObligationKind.EVICTION: "place_ban",
}


class ComplianceOutcome(models.TextChoices):
    COMPLIED = "complied", _("Obligation respectée")
    BREACHED = "breached", _("Manquement constaté")


class ReleaseKind(models.TextChoices):
    RELEASE = "release", _("Libération (mise en liberté, aménagement de peine)")
    PERMISSION = "permission", _("Permission de sortir")
    END_OF_SENTENCE = "end_of_sentence", _("Fin de peine")


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("Courriel à son adresse sûre")
    PHONE = "phone", _("Appel à son téléphone sûr (à faire par le parquet)")
    NONE = "none", _("Aucun contact sûr : à aviser par le parquet")
    DECLINED = "declined", _("Elle a demandé à ne pas être avisée (D. 49-72 CPP)")
