"""Who may see and do what with devices, TGD grants, bracelet orders and pairings.

- The monitoring centre (national) sees the active pairings and TGD assignments with what an
  alert needs (devices, distances, zones, exemptions, case reference, safe contact) — never an
  order's content nor the victim's address. Its supervisor manages the inventory (stock, repair,
  loss, returns: the centre holds the devices); its operators record the 15-day phone tests.
- The procureur grants, renews and withdraws TGD for the cases of the court; the judge orders BAR,
  renews a criminal one (CPP R. 24-19: the magistrate in charge of the measure), revises
  distances, zones and exemptions; procureur, JAF and greffe read the court's devices.
- Police of the handling unit read the devices of their cases; everyone else sees nothing.
"""

from django.db.models import Q

from egide.accounts.roles import Role
from egide.cases.perms import unit_cases_q

from .models import AlarmPhoneAssignment, BraceletOrder, Pairing

MONITORING_ROLES = frozenset({Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR})
COURT_ROLES = frozenset({Role.PROSECUTOR, Role.JUDGE, Role.CLERK})


def _case_scope(membership, prefix: str = "") -> Q | None:
    if membership is None:
        return None
    if membership.role in COURT_ROLES:
        return Q(**{f"{prefix}case__court_id": membership.agency_id})
    if membership.role == Role.POLICE_OFFICER:
        return unit_cases_q(membership.agency_id, prefix=f"{prefix}case__")
    return None


def is_monitoring(membership) -> bool:
    return membership is not None and membership.role in MONITORING_ROLES


def visible_assignments(membership):
    if is_monitoring(membership):
        return AlarmPhoneAssignment.objects.all()
    scope = _case_scope(membership)
    return (
        AlarmPhoneAssignment.objects.none()
        if scope is None
        else (AlarmPhoneAssignment.objects.filter(scope))
    )


def visible_bracelet_orders(membership):
    scope = _case_scope(membership)
    return BraceletOrder.objects.none() if scope is None else BraceletOrder.objects.filter(scope)


def visible_pairings(membership):
    if is_monitoring(membership):
        return Pairing.objects.all()
    scope = _case_scope(membership, "order__")
    return Pairing.objects.none() if scope is None else Pairing.objects.filter(scope)


def can_manage_inventory(membership) -> bool:
    return membership is not None and membership.role == Role.MONITORING_SUPERVISOR


def can_see_inventory(membership) -> bool:
    return is_monitoring(membership)


def can_test_devices(membership) -> bool:
    return is_monitoring(membership)


def _of_court(membership, case, role) -> bool:
    return (
        membership is not None
        and membership.role == role
        and case.court_id is not None
        and case.court_id == membership.agency_id
    )


def can_grant_alarm_phone(membership, case) -> bool:
    return _of_court(membership, case, Role.PROSECUTOR)


def can_order_bracelet(membership, case) -> bool:
    return _of_court(membership, case, Role.JUDGE)
