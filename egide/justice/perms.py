"""Who may see and do what with orders, hearings and breach reports. Deny by default.

- procureur, JAF and greffe see the orders, hearings and breach reports of their own court;
- a police or gendarmerie officer reads those of the cases their unit handles (read-only);
- everyone else (monitoring centre, CPCA, analyst, administrator, shelter, CAF…) sees nothing
  here: the monitoring centre reads only what a pairing needs (egide.devices.perms).
Writes: the procureur requests OP/OPPI and acknowledges breaches; the greffe and the JAF set
hearings; the JAF decides; the greffe notifies and records family proceedings.
"""

from django.db.models import Q

from egide.accounts.roles import Role
from egide.cases import perms as case_perms

from .models import (
    BreachReport,
    HealthReport,
    Hearing,
    ImmediateProtectionOrder,
    ParquetRequest,
    ProtectionOrder,
)

COURT_ROLES = frozenset({Role.PROSECUTOR, Role.JUDGE, Role.CLERK})
READ_ONLY_ROLES = frozenset({Role.POLICE_OFFICER})
# Who may report a contact-ban breach from a case: whoever reads the case file through a door.
BREACH_REPORTER_ROLES = case_perms.CASE_FILE_ROLES


def _scope(membership) -> Q | None:
    if membership is None:
        return None
    if membership.role in COURT_ROLES:
        return Q(court_id=membership.agency_id)
    if membership.role in READ_ONLY_ROLES:
        return case_perms.unit_cases_q(membership.agency_id, prefix="case__")
    return None


def _restrict(model, membership):
    scope = _scope(membership)
    return model.objects.none() if scope is None else model.objects.filter(scope)


def visible_orders(membership):
    return _restrict(ProtectionOrder, membership)


def visible_immediate_orders(membership):
    return _restrict(ImmediateProtectionOrder, membership)


def visible_hearings(membership):
    return _restrict(Hearing, membership)


def visible_breaches(membership):
    return _restrict(BreachReport, membership)


def visible_parquet_requests(membership):
    return _restrict(ParquetRequest, membership)


def can_read_justice(membership) -> bool:
    return _scope(membership) is not None


def _of_court(membership, case, *roles) -> bool:
    return (
        membership is not None
        and membership.role in roles
        and case.court_id is not None
        and case.court_id == membership.agency_id
    )


def can_request_order(membership, case) -> bool:
    """The procureur (with her consent) or the greffe registering her or her lawyer's request."""
    return _of_court(membership, case, Role.PROSECUTOR, Role.CLERK)


def can_request_immediate_order(membership, case) -> bool:
    return _of_court(membership, case, Role.PROSECUTOR)


def can_set_hearing(membership, case) -> bool:
    return _of_court(membership, case, Role.CLERK, Role.JUDGE)


def can_decide(membership, case) -> bool:
    return _of_court(membership, case, Role.JUDGE)


def can_notify(membership, case) -> bool:
    return _of_court(membership, case, Role.CLERK, Role.JUDGE)


def can_record_proceeding(membership, case) -> bool:
    return _of_court(membership, case, Role.CLERK)


def can_record_automatic_suspension(membership, case) -> bool:
    """The parquet knows when it prosecutes a parent for a crime against the other (378-2)."""
    return _of_court(membership, case, Role.PROSECUTOR)


def can_report_breach(membership, case) -> bool:
    if membership is None or membership.role not in BREACH_REPORTER_ROLES:
        return False
    return case_perms.can_view_case(membership, case)


def can_acknowledge(membership, breach) -> bool:
    return _of_court(membership, breach.case, Role.PROSECUTOR) and (
        breach.court_id == membership.agency_id
    )


def can_request_parquet(membership, case) -> bool:
    """The officer of the unit handling the case asks the parquet for a TGD, an OPPI or an OP."""
    return (
        membership is not None
        and membership.role == Role.POLICE_OFFICER
        and case.court_id is not None
        and case_perms.can_view_case(membership, case)
    )


def can_answer_parquet_request(membership, case) -> bool:
    return _of_court(membership, case, Role.PROSECUTOR)


# C. pén. 226-14 3°: doctors and other health professionals report to the procureur.
HEALTH_REPORTER_ROLES = frozenset({Role.HEALTH_PROFESSIONAL})


def can_report_to_procureur(membership) -> bool:
    """A health professional of a structure within a court's jurisdiction."""
    return (
        membership is not None
        and membership.role in HEALTH_REPORTER_ROLES
        and membership.agency.jurisdiction is not None
    )


def visible_health_reports(membership):
    """The procureur reads the 226-14 reports of the court; the structure that wrote one reads
    it back (to know it was acknowledged); nobody else."""
    if membership is None:
        return HealthReport.objects.none()
    if membership.role == Role.PROSECUTOR:
        return HealthReport.objects.filter(court_id=membership.agency_id)
    if membership.role in HEALTH_REPORTER_ROLES:
        return HealthReport.objects.filter(agency_id=membership.agency_id)
    return HealthReport.objects.none()


def can_acknowledge_health_report(membership, report) -> bool:
    return (
        membership is not None
        and membership.role == Role.PROSECUTOR
        and report.court_id == membership.agency_id
    )
