"""Who may see and do what on perpetrator programmes. Deny by default.

- a CPCA worker sees the orders addressed to their CPCA, its enrolments, sessions and reports:
  the person's identity, the basis and the ordering authority, never the victim or the case file;
  another CPCA sees none of it;
- the procureur and the judge order a programme on a case of their court, and read the reports
  sent to their court in their own role; the SPIP reads those of the orders it gave;
- nobody else sees a programme.
"""

from egide.accounts.roles import Role
from egide.cases.choices import PersonRole
from egide.cases.perms import visible_cases

from .choices import ORDERING_ROLES
from .models import Enrolment, ProgrammeOrder, ProgrammeReport, Session

# The roles that order from a case page (the SPIP orders through its own follow-up).
CASE_ORDERING_ROLES = frozenset({Role.PROSECUTOR, Role.JUDGE})


def is_cpca(membership) -> bool:
    return membership is not None and membership.role == Role.CPCA_WORKER


def is_ordering_authority(membership) -> bool:
    return membership is not None and membership.role in ORDERING_ROLES


def cpca_orders(membership):
    """The orders addressed to the member's CPCA."""
    if not is_cpca(membership):
        return ProgrammeOrder.objects.none()
    return ProgrammeOrder.objects.filter(cpca_id=membership.agency_id)


def orders_given(membership):
    """The orders the member's agency gave in the member's role."""
    if not is_ordering_authority(membership):
        return ProgrammeOrder.objects.none()
    return ProgrammeOrder.objects.filter(
        ordering_agency_id=membership.agency_id, ordering_role=membership.role
    )


def visible_enrolments(membership):
    if not is_cpca(membership):
        return Enrolment.objects.none()
    return Enrolment.objects.filter(cpca_id=membership.agency_id)


def visible_sessions(membership):
    if not is_cpca(membership):
        return Session.objects.none()
    return Session.objects.filter(module__enrolment__cpca_id=membership.agency_id)


def cpca_reports(membership):
    if not is_cpca(membership):
        return ProgrammeReport.objects.none()
    return ProgrammeReport.objects.filter(enrolment__cpca_id=membership.agency_id)


def reports_received(membership):
    """The reports sent to the member's agency and role about the orders it gave."""
    if not is_ordering_authority(membership):
        return ProgrammeReport.objects.none()
    return ProgrammeReport.objects.filter(
        sent_at__isnull=False,
        enrolment__order__ordering_agency_id=membership.agency_id,
        enrolment__order__ordering_role=membership.role,
    )


def may_order(membership, case) -> bool:
    """Whether `membership` may address an order about `case`: its court's procureur or judge
    (through the case file's court door), or a SPIP of the case's court."""
    if membership is None or membership.role not in ORDERING_ROLES:
        return False
    if membership.role == Role.PROBATION_OFFICER:
        return case.court_id is not None and case.court_id == membership.agency.court_id
    return visible_cases(membership).filter(pk=case.pk).exists()


def can_order_on_case(membership, case) -> bool:
    """The case page's door: the procureur or judge of the case's court, on a case with a
    perpetrator recorded."""
    return (
        membership is not None
        and membership.role in CASE_ORDERING_ROLES
        and may_order(membership, case)
        and case.people.filter(role=PersonRole.PERPETRATOR).exists()
    )
