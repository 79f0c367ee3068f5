"""The vocabulary of multi-agency risk meetings: a meeting's state, why a case is on its agenda,
where a proposal stands, where an action of the plan stands, and who may sit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from egide.accounts.roles import Role


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    CLOSED = "closed", _("Clôturée")


class AgendaSource(models.TextChoices):
    WORKLIST = "worklist", _("Danger élevé sans mesure de protection")
    REFERRAL = "referral", _("Proposé par un membre")
    FOLLOW_UP = "follow_up", _("Suivi des actions")
    REPEAT = "repeat", _("Répétition")


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé, en attente")
    ACCEPTED = "accepted", _("Inscrit à l'ordre du jour")
    DECLINED = "declined", _("Non retenu")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("En cours")
    DONE = "done", _("Réalisée")
    DROPPED = "dropped", _("Abandonnée")


# The procureur of a court of the département convenes and chairs the meeting (platform rule:
# the parquet leads the local crime-prevention policy, CPP 39-2).
ORGANISER_ROLES = frozenset({Role.PROSECUTOR})
# The agencies around the table: police and gendarmerie, the parquet, the SPIP, the ISCG, the
# CIDFF, associations and the département's social services, health, shelter and eviction
# housing, the monitoring centre. Judges sit apart: they rule on the cases later.
MEMBER_ROLES = frozenset(
    {
        Role.POLICE_OFFICER,
        Role.PROSECUTOR,
        Role.PROBATION_OFFICER,
        Role.ISCG_SOCIAL_WORKER,
        Role.SOCIAL_REFERENT,
        Role.HEALTH_PROFESSIONAL,
        Role.SHELTER_MANAGER,
        Role.HOUSING_OPERATOR,
        Role.MONITORING_OPERATOR,
        Role.MONITORING_SUPERVISOR,
    }
)
