"""Who may see and do what in the monitoring centre.

The centre is national: its operators and supervisors see every incident, each with only what
handling it needs (never the victim's address). Supervisors also see escalations and dispatch
messages that were never acknowledged. Nobody else sees incidents. The victim's position (and her
home zone) is shown only on an incident still in hand that concerns her safety.
"""

from egide.accounts.roles import Role
from egide.devices.perms import is_monitoring

from .choices import IncidentKind, IncidentStatus
from .models import Incident

# SOS and alert: the operator calls her and sends police to her; pre-alert: the operator steers
# the wearer away from her. Tamper, offline and battery need only the wearer's side.
VICTIM_POSITION_KINDS = frozenset({IncidentKind.SOS, IncidentKind.ALERT, IncidentKind.PREALERT})


def can_handle_incidents(membership) -> bool:
    return is_monitoring(membership)


def is_supervisor(membership) -> bool:
    return membership is not None and membership.role == Role.MONITORING_SUPERVISOR


def visible_incidents(membership):
    if can_handle_incidents(membership):
        return Incident.objects.all()
    return Incident.objects.none()


def can_see_victim_position(membership, incident) -> bool:
    return (
        can_handle_incidents(membership)
        and incident.status != IncidentStatus.CLOSED
        and incident.kind in VICTIM_POSITION_KINDS
    )
