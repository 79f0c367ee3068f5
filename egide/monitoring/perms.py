"""Who may see and do what in the monitoring centre.

The centre is national: its operators and supervisors see every incident, each with only what
handling it needs (never the victim's address). Supervisors also see escalations and dispatch
messages that were never acknowledged. Nobody else sees incidents.
"""

from egide.accounts.roles import Role
from egide.devices.perms import is_monitoring

from .models import Incident


def can_handle_incidents(membership) -> bool:
    return is_monitoring(membership)


def is_supervisor(membership) -> bool:
    return membership is not None and membership.role == Role.MONITORING_SUPERVISOR


def visible_incidents(membership):
    if can_handle_incidents(membership):
        return Incident.objects.all()
    return Incident.objects.none()
