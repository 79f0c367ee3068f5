"""The vocabulary of perpetrator programmes (CPCA): who orders, on what basis, how a person comes,
the modules, the sessions, attendance and the reports owed to the ordering authority."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role


class LegalBasis(models.TextChoices):
    """The decision that obliges a person to attend, with its article."""

    ALTERNATIVE_COURSE = "cpp_41_1_2", _("Alternative aux poursuites : stage (CPP art. 41-1 2°)")
    ALTERNATIVE_CARE = (
        "cpp_41_1_6",
        _("Alternative aux poursuites : prise en charge sanitaire, sociale ou psychologique "
          "(CPP art. 41-1 6°)"),
    )  # fmt: skip
    PENAL_COMPOSITION = "cpp_41_2", _("Composition pénale (CPP art. 41-2)")
    JUDICIAL_SUPERVISION = "cpp_138", _("Contrôle judiciaire (CPP art. 138)")
    PROBATION = "cp_132_45", _("Sursis probatoire : obligation particulière (C. pén. art. 132-45)")
    COURSE_SENTENCE = "cp_131_5_1", _("Peine de stage de responsabilisation (C. pén. art. 131-5-1)")


# Who may order on which basis: the parquet's alternatives and composition, the judge's
# supervision and sentences, the SPIP's follow-up of a probation obligation.
BASES_BY_ROLE = {
    Role.PROSECUTOR: (
        LegalBasis.ALTERNATIVE_COURSE,
        LegalBasis.ALTERNATIVE_CARE,
        LegalBasis.PENAL_COMPOSITION,
    ),
    Role.JUDGE: (
        LegalBasis.JUDICIAL_SUPERVISION,
        LegalBasis.PROBATION,
        LegalBasis.COURSE_SENTENCE,
    ),
    Role.PROBATION_OFFICER: (LegalBasis.PROBATION,),
}
ORDERING_ROLES = frozenset(BASES_BY_ROLE)


class EnrolmentOrigin(models.TextChoices):
    ORDERED = "ordered", _("Sous main de justice")
    HELPLINE = "helpline", _("Volontaire, orienté par « Ne frappez pas »")
    SELF_REFERRAL = "self_referral", _("Volontaire, venu de lui-même")


VOLUNTARY_ORIGINS = (EnrolmentOrigin.HELPLINE, EnrolmentOrigin.SELF_REFERRAL)


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("En cours")
    COMPLETED = "completed", _("Parcours achevé")
    INTERRUPTED = "interrupted", _("Parcours interrompu")


class ModuleKind(models.TextChoices):
    CORE = "core", _("Module socle : stages de responsabilisation et groupes de parole")
    PSYCHO_MEDICAL = "psycho_medical", _("Accompagnement psychothérapeutique et médico-social")
    SOCIO_PROFESSIONAL = "socio_professional", _("Accompagnement socio-professionnel")


OPTIONAL_MODULES = (ModuleKind.PSYCHO_MEDICAL, ModuleKind.SOCIO_PROFESSIONAL)


class SessionKind(models.TextChoices):
    RESPONSIBILITY_COURSE = "course", _("Stage de responsabilisation")
    TALK_GROUP = "talk_group", _("Groupe de parole")
    INDIVIDUAL = "individual", _("Entretien individuel")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Présent")
    EXCUSED = "excused", _("Absent excusé")
    UNEXCUSED = "unexcused", _("Absent non excusé")


class ReportKind(models.TextChoices):
    UNEXCUSED_ABSENCE = "unexcused_absence", _("Absence non excusée")
    COMPLETION = "completion", _("Fin de parcours")
    INTERRUPTION = "interruption", _("Interruption du parcours")
