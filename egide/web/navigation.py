"""The main menu: which entries each role sees.

An entry names a URL that must exist (a test reverses every entry of every role, so no menu
links to a page that is not there). Each domain's views still check permissions: the menu only
avoids offering what a role may not open.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str


HOME = MenuEntry(_("Accueil"), "web:home")
CASES = MenuEntry(_("Dossiers"), "cases:list")
ASSESSMENTS = MenuEntry(_("Évaluations du danger"), "assessment:list")
COURT_DEADLINES = MenuEntry(_("Échéances judiciaires"), "justice:deadlines")
ALERTS = MenuEntry(_("Alertes"), "monitoring:console")
DEVICES = MenuEntry(_("Dispositifs"), "devices:list")
SHELTER = MenuEntry(_("Places d'hébergement"), "support:shelters")
AID = MenuEntry(_("Aides d'urgence"), "support:aid_requests")
FRESH_START = MenuEntry(_("Besoins nouveau départ"), "support:partner_needs")
PROGRAMMES = MenuEntry(_("Programmes auteurs"), "perpetrators:programmes")
CPCA_REPORTS = MenuEntry(_("Rapports CPCA"), "perpetrators:reports")
DIRECTORY = MenuEntry(_("Trouver de l'aide"), "directory:find_help")
BREACHES = MenuEntry(_("Violations signalées"), "justice:breaches")
HEALTH_REPORTS = MenuEntry(_("Signalements 226-14"), "justice:health_reports")
SENT_HEALTH_REPORTS = MenuEntry(_("Signalements au procureur"), "justice:health_reports_sent")
HELPLINE_CALLS = MenuEntry(_("Appels"), "helpline:calls")
CPCA_HANDOVERS = MenuEntry(_("Mises en relation"), "helpline:cpca_handovers")
FOLLOWED = MenuEntry(_("Personnes suivies"), "criminal:followed")
PAIRINGS = MenuEntry(_("Appairages BAR"), "devices:pairings")
DEVICE_HEALTH = MenuEntry(_("Santé des dispositifs"), "monitoring:health")
INDICATORS = MenuEntry(_("Indicateurs"), "stats:indicators")
AUDIT_LOG = MenuEntry(_("Journal d'audit"), "audit:log")
USERS = MenuEntry(_("Utilisateurs"), "accounts:users")
AGENCIES = MenuEntry(_("Structures"), "accounts:agencies")
ROLE_GRANTS = MenuEntry(_("Rôles à approuver"), "accounts:role_grants")
SHELTER_REGISTER = MenuEntry(_("Hébergements des victimes"), "support:shelter_register")
PARAMETERS = MenuEntry(_("Paramètres datés"), "support:parameters")
EVICTION_PLACES = MenuEntry(_("Logements des auteurs évincés"), "eviction:places")
EVICTION_COURT = MenuEntry(_("Hébergement des auteurs évincés"), "eviction:court_requests")
PROCESSING_REGISTER = MenuEntry(_("Registre des traitements"), "retention:register")
RISK_MEETINGS = MenuEntry(_("Réunions de risque"), "meetings:list")
REVIEWS = MenuEntry(_("Revues de défaillances"), "reviews:list")

ROLE_MENUS: dict[str, tuple[MenuEntry, ...]] = {
    Role.POLICE_OFFICER: (CASES, ASSESSMENTS, RISK_MEETINGS, DIRECTORY),
    Role.ISCG_SOCIAL_WORKER: (CASES, ASSESSMENTS, RISK_MEETINGS, DIRECTORY),
    Role.PROSECUTOR: (
        CASES,
        COURT_DEADLINES,
        BREACHES,
        HEALTH_REPORTS,
        DEVICES,
        CPCA_REPORTS,
        EVICTION_COURT,
        RISK_MEETINGS,
        REVIEWS,
    ),
    Role.JUDGE: (CASES, COURT_DEADLINES, CPCA_REPORTS, EVICTION_COURT),
    Role.CLERK: (CASES, COURT_DEADLINES),
    Role.MONITORING_OPERATOR: (ALERTS, PAIRINGS, DEVICE_HEALTH, DEVICES, RISK_MEETINGS),
    Role.MONITORING_SUPERVISOR: (ALERTS, PAIRINGS, DEVICE_HEALTH, DEVICES, RISK_MEETINGS),
    Role.SOCIAL_REFERENT: (CASES, ASSESSMENTS, FRESH_START, RISK_MEETINGS, DIRECTORY),
    Role.SHELTER_MANAGER: (SHELTER, RISK_MEETINGS),
    Role.AID_AGENT: (AID, FRESH_START),
    Role.CPCA_WORKER: (PROGRAMMES, CPCA_HANDOVERS),
    Role.HEALTH_PROFESSIONAL: (
        CASES,
        ASSESSMENTS,
        SENT_HEALTH_REPORTS,
        RISK_MEETINGS,
        DIRECTORY,
    ),
    Role.HELPLINE_LISTENER: (HELPLINE_CALLS, DIRECTORY),
    Role.PROBATION_OFFICER: (FOLLOWED, CPCA_REPORTS, RISK_MEETINGS),
    Role.HOUSING_OPERATOR: (EVICTION_PLACES, RISK_MEETINGS),
    Role.ANALYST: (INDICATORS,),
    Role.AUDITOR: (AUDIT_LOG, PROCESSING_REGISTER),
    Role.PLATFORM_ADMIN: (
        USERS,
        ROLE_GRANTS,
        AGENCIES,
        SHELTER_REGISTER,
        PARAMETERS,
        DIRECTORY,
        PROCESSING_REGISTER,
    ),
}


@dataclass(frozen=True)
class MenuLink:
    label: str | Promise
    url: str
    current: bool


def menu_for(request) -> list[MenuLink]:
    """The menu links of the acting membership, the current one flagged."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    links = []
    for entry in (HOME, *ROLE_MENUS.get(membership.role, ())):
        url = reverse(entry.url_name)
        links.append(MenuLink(entry.label, url, current=request.path == url))
    return links
