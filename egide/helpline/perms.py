"""Who may see and do what on the helplines' records. Deny by default.

- a helpline listener records calls and reads the call records of their own line (anonymous);
  a hand-over gives them no access to the case it creates;
- the CPCA worker reads the "Ne frappez pas" hand-overs addressed to their own CPCA, nothing else;
- nobody else reads a call record (the analyst gets aggregates only, elsewhere).
"""

from egide.accounts.roles import AgencyKind, Role

from .models import CpcaHandover, PerpetratorCall, VictimCall

# The local structures a 3919 listener may hand a caller over to, and the role receiving her.
HANDOVER_AGENCY_KINDS = frozenset({AgencyKind.ASSOCIATION, AgencyKind.DEPARTMENT})
HANDOVER_ROLE = Role.SOCIAL_REFERENT


def is_listener(membership) -> bool:
    return membership is not None and membership.role == Role.HELPLINE_LISTENER


def visible_victim_calls(membership):
    if not is_listener(membership):
        return VictimCall.objects.none()
    return VictimCall.objects.filter(agency_id=membership.agency_id)


def visible_perpetrator_calls(membership):
    if not is_listener(membership):
        return PerpetratorCall.objects.none()
    return PerpetratorCall.objects.filter(agency_id=membership.agency_id)


def visible_cpca_handovers(membership):
    if membership is None or membership.role != Role.CPCA_WORKER:
        return CpcaHandover.objects.none()
    return CpcaHandover.objects.filter(cpca_id=membership.agency_id)
