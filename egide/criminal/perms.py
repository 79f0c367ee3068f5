"""Who may see and do what in criminal proceedings. Deny by default; applied as querysets.

- the procureur and the judges (JAF, JLD, JAP: the platform's judge role) of the case's court
  record the stages and obligations, assign the follow-up to a probation service, record
  releases; the greffe reads the stages and obligations;
- a police or gendarmerie officer reads the stages and obligations of the cases of their unit
  (they enforce the bans), never the release dates;
- the probation service (SPIP) reads, for the people it follows, their identity, obligations,
  ordering authority, due dates and release dates; it records checks, breaches and releases; it
  never reads the victim's file (no door of cases/perms.py opens for it), nor an obligation's
  place or designated persons;
- release dates: procureur, judge, the following SPIP (docs/legal-rules.md, "Releases"); never
  the CPCA, the housing operator, the police, the greffe.
"""

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind, Role
from egide.cases import perms as case_perms
from egide.cases.models import Case

from .models import FollowUp, Obligation, Release, Stage

DECIDING_ROLES = frozenset({Role.PROSECUTOR, Role.JUDGE})
READING_ROLES = DECIDING_ROLES | {Role.CLERK, Role.POLICE_OFFICER}
RELEASE_READERS = DECIDING_ROLES | {Role.PROBATION_OFFICER}


def criminal_cases(membership):
    """The cases whose criminal part the member reads through the case file's doors."""
    if membership is None or membership.role not in READING_ROLES:
        return Case.objects.none()
    return case_perms.visible_cases(membership)


def is_probation_officer(membership) -> bool:
    return membership is not None and membership.role == Role.PROBATION_OFFICER


def visible_follow_ups(membership):
    """A SPIP's open follow-ups; the court's follow-ups for the procureur and the judges."""
    if is_probation_officer(membership):
        return FollowUp.objects.filter(service_id=membership.agency_id, ended_at__isnull=True)
    if membership is not None and membership.role in DECIDING_ROLES:
        return FollowUp.objects.filter(case__court_id=membership.agency_id)
    return FollowUp.objects.none()


def followed_cases(membership):
    return Case.objects.filter(pk__in=visible_follow_ups(membership).values("case_id"))


def _cases_for(membership):
    if is_probation_officer(membership):
        return followed_cases(membership)
    return criminal_cases(membership)


def visible_stages(membership):
    return Stage.objects.filter(case__in=_cases_for(membership))


def visible_obligations(membership):
    return Obligation.objects.filter(case__in=_cases_for(membership))


def visible_releases(membership):
    if membership is None or membership.role not in RELEASE_READERS:
        return Release.objects.none()
    if is_probation_officer(membership):
        return Release.objects.filter(case__in=followed_cases(membership))
    return Release.objects.filter(case__court_id=membership.agency_id)


def can_read_criminal(membership, case) -> bool:
    return criminal_cases(membership).filter(pk=case.pk).exists()


def can_decide(membership, case) -> bool:
    """The procureur and the judges of the case's court record the proceedings."""
    return (
        membership is not None
        and membership.role in DECIDING_ROLES
        and case.court_id is not None
        and case.court_id == membership.agency_id
    )


def follows(membership, case) -> bool:
    return (
        is_probation_officer(membership) and followed_cases(membership).filter(pk=case.pk).exists()
    )


def release_cases(membership):
    """The cases whose releases the member records: the court's for the procureur and the
    judges, the followed ones for a SPIP."""
    if is_probation_officer(membership):
        return followed_cases(membership)
    if membership is not None and membership.role in DECIDING_ROLES:
        return Case.objects.filter(court_id=membership.agency_id)
    return Case.objects.none()


def can_record_release(membership, case) -> bool:
    return can_decide(membership, case) or follows(membership, case)


def can_see_releases(membership, case) -> bool:
    return can_decide(membership, case) or follows(membership, case)


def is_court_prosecutor(membership, case) -> bool:
    return (
        membership is not None
        and membership.role == Role.PROSECUTOR
        and case.court_id is not None
        and case.court_id == membership.agency_id
    )


def can_check_release(membership, release) -> bool:
    """The procureur checks the devices and orders in force before a release (D. 1-11-2)."""
    return is_court_prosecutor(membership, release.case)


def probation_services(case):
    """The SPIP of the case's territory: its département."""
    return Agency.objects.filter(
        kind=AgencyKind.PROBATION, departement=case.departement, is_active=True
    )


def can_record_waiver(membership, case) -> bool:
    """She tells the procureur she does not want to be told of releases (D. 49-72)."""
    return is_court_prosecutor(membership, case)
