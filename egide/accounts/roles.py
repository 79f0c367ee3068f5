"""The roles of the platform and the agency kinds they belong to (docs/architecture.md, "Roles")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    COMMISSARIAT = "commissariat", _("Commissariat de police")
    GENDARMERIE = "gendarmerie", _("Brigade de gendarmerie")
    TRIBUNAL = "tribunal", _("Tribunal judiciaire")
    MONITORING_CENTRE = "monitoring_centre", _("Centre de téléassistance et de surveillance")
    ASSOCIATION = "association", _("Association d'aide aux victimes (CIDFF, France Victimes…)")
    DEPARTMENT = "department", _("Conseil départemental")
    SHELTER_OPERATOR = "shelter_operator", _("Gestionnaire d'hébergement")
    CAF = "caf", _("Caisse d'allocations familiales")
    MSA = "msa", _("Mutualité sociale agricole")
    CPCA = "cpca", _("Centre de prise en charge des auteurs (CPCA)")
    HOSPITAL = "hospital", _("Hôpital")
    HEALTH_CENTRE = "health_centre", _("Maison des femmes ou unité médico-judiciaire")
    HELPLINE = "helpline", _("Ligne d'écoute (3919, « Ne frappez pas »)")
    PROBATION = "probation", _("Service pénitentiaire d'insertion et de probation (SPIP)")
    EVICTION_HOUSING = "eviction_housing", _("Hébergement des auteurs évincés")
    STATE_ADMINISTRATION = "state_administration", _("Ministère ou préfecture")
    PLATFORM_OPERATOR = "platform_operator", _("Exploitant de la plateforme")


class Role(models.TextChoices):
    POLICE_OFFICER = "police_officer", _("Policier ou gendarme")
    ISCG_SOCIAL_WORKER = (
        "iscg_social_worker",
        _("Intervenant social en commissariat et gendarmerie"),
    )
    PROSECUTOR = "prosecutor", _("Procureur (pôle VIF)")
    JUDGE = "judge", _("Juge aux affaires familiales")
    CLERK = "clerk", _("Greffe")
    MONITORING_OPERATOR = "monitoring_operator", _("Opérateur de surveillance")
    MONITORING_SUPERVISOR = "monitoring_supervisor", _("Superviseur de surveillance")
    SOCIAL_REFERENT = "social_referent", _("Référent social")
    SHELTER_MANAGER = "shelter_manager", _("Gestionnaire d'hébergement")
    AID_AGENT = "aid_agent", _("Agent CAF / MSA")
    CPCA_WORKER = "cpca_worker", _("Intervenant CPCA")
    HEALTH_PROFESSIONAL = "health_professional", _("Professionnel de santé")
    HELPLINE_LISTENER = "helpline_listener", _("Écoutant de ligne d'écoute")
    PROBATION_OFFICER = (
        "probation_officer",
        _("Conseiller pénitentiaire d'insertion et de probation"),
    )
    HOUSING_OPERATOR = "housing_operator", _("Gestionnaire d'hébergement des auteurs")
    ANALYST = "analyst", _("Analyste")
    AUDITOR = "auditor", _("Auditeur / DPO")
    PLATFORM_ADMIN = "platform_admin", _("Administrateur de la plateforme")


# Which agency kinds may hold each role: a membership outside this table is refused.
ROLE_AGENCY_KINDS: dict[str, set[str]] = {
    Role.POLICE_OFFICER: {AgencyKind.COMMISSARIAT, AgencyKind.GENDARMERIE},
    Role.ISCG_SOCIAL_WORKER: {AgencyKind.COMMISSARIAT, AgencyKind.GENDARMERIE},
    Role.PROSECUTOR: {AgencyKind.TRIBUNAL},
    Role.JUDGE: {AgencyKind.TRIBUNAL},
    Role.CLERK: {AgencyKind.TRIBUNAL},
    Role.MONITORING_OPERATOR: {AgencyKind.MONITORING_CENTRE},
    Role.MONITORING_SUPERVISOR: {AgencyKind.MONITORING_CENTRE},
    Role.SOCIAL_REFERENT: {AgencyKind.ASSOCIATION, AgencyKind.DEPARTMENT, AgencyKind.HOSPITAL},
    Role.SHELTER_MANAGER: {AgencyKind.SHELTER_OPERATOR},
    Role.AID_AGENT: {AgencyKind.CAF, AgencyKind.MSA},
    Role.CPCA_WORKER: {AgencyKind.CPCA},
    Role.HEALTH_PROFESSIONAL: {AgencyKind.HOSPITAL, AgencyKind.HEALTH_CENTRE},
    Role.HELPLINE_LISTENER: {AgencyKind.HELPLINE},
    Role.PROBATION_OFFICER: {AgencyKind.PROBATION},
    Role.HOUSING_OPERATOR: {AgencyKind.EVICTION_HOUSING},
    Role.ANALYST: {AgencyKind.STATE_ADMINISTRATION},
    Role.AUDITOR: set(AgencyKind.values),
    Role.PLATFORM_ADMIN: {AgencyKind.PLATFORM_OPERATOR},
}


# The roles that never open a case file: every other role reads case data, so granting it needs
# a second person's approval (accounts/grants.py), and a platform administrator cannot hold it.
ROLES_WITHOUT_CASE_DATA = frozenset({Role.ANALYST, Role.AUDITOR, Role.PLATFORM_ADMIN})


def reads_case_data(role: str) -> bool:
    return role not in ROLES_WITHOUT_CASE_DATA
