"""Who may see and do what on a case file. Deny by default; applied as querysets.

A member sees a case through exactly one of these doors:
- territory: a police or gendarmerie officer sees the cases of their unit (opened there at a
  complaint, or a support case whose complaint the unit took); a procureur, JAF or greffe sees
  the cases of their court (a support case has none until a complaint or the procureur's seizure);
- owner: the social workers and health professionals of the agency that opened a support case
  (association, département, hospital, maison des femmes, UMJ, ISCG) see it whole;
- sharing: any case-file role sees the cases referred to its agency and role (a referral needs the
  victim's recorded consent, or a legal basis given by the procureur);
- break-glass: a police officer, procureur or JAF who states a reason reads one case for a while.
Everyone else (monitoring, shelter, CAF/MSA, CPCA, analyst, auditor, administrator) sees no case.

Social workers' notes have their own, narrower door: the author's agency, and the agencies the
author shared the note with, among the case's readers.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from egide.accounts.models import Agency
from egide.accounts.roles import Role

from .choices import CaseOrigin, ReferralStatus, ShareScope
from .models import BreakGlassAccess, Case, CaseNote, Referral

UNIT_ROLES = frozenset({Role.POLICE_OFFICER})
COURT_ROLES = frozenset({Role.PROSECUTOR, Role.JUDGE, Role.CLERK})
# The partners who open a support case ("accompagnement") with the victim's consent.
SUPPORT_OWNER_ROLES = frozenset(
    {Role.ISCG_SOCIAL_WORKER, Role.SOCIAL_REFERENT, Role.HEALTH_PROFESSIONAL}
)
# A police unit is referred a support case so that she can file her complaint there.
REFERRAL_ROLES = SUPPORT_OWNER_ROLES | UNIT_ROLES
CASE_FILE_ROLES = UNIT_ROLES | COURT_ROLES | REFERRAL_ROLES
# Emergencies come to the police and the parquet; the JAF may have to rule on the spot (OPPI).
BREAK_GLASS_ROLES = frozenset({Role.POLICE_OFFICER, Role.PROSECUTOR, Role.JUDGE})
BREAK_GLASS_DURATION = timedelta(hours=4)
# The people who call or meet the victim. Judges and greffe write to the élection de domicile.
CONTACT_ROLES = frozenset({Role.POLICE_OFFICER, Role.PROSECUTOR}) | SUPPORT_OWNER_ROLES
# Only the procureur may share a case without the victim's consent (CPP 40 s.), with a reason.
SHARE_WITHOUT_CONSENT_ROLES = frozenset({Role.PROSECUTOR})
LIVE_REFERRAL = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
# Who writes follow-up notes and interview records: the social workers around the victim.
NOTE_ROLES = SUPPORT_OWNER_ROLES


class Door:
    TERRITORY = "territory"
    OWNER = "owner"
    REFERRAL = "referral"
    BREAK_GLASS = "break_glass"


@dataclass(frozen=True)
class Access:
    """How a member reaches a case and how much of it they may read."""

    door: str
    scope: str

    @property
    def whole_file(self) -> bool:
        return self.scope == ShareScope.WHOLE_FILE


def unit_cases_q(agency_id, prefix: str = "") -> Q:
    """The cases of a police unit: opened there at a complaint, or whose complaint it took.
    `prefix` reaches the case from another model ("case__")."""
    opened = Q(**{f"{prefix}opening_agency_id": agency_id, f"{prefix}opened_as": "complaint"})
    return opened | Q(**{f"{prefix}complaint_unit_id": agency_id})


def is_unit_case(agency_id, case) -> bool:
    opened_here = case.opening_agency_id == agency_id and case.opened_as == CaseOrigin.COMPLAINT
    return opened_here or case.complaint_unit_id == agency_id


def _owner_q(membership) -> Q:
    return Q(opening_agency_id=membership.agency_id, opened_as=CaseOrigin.SUPPORT)


def _territory_q(membership) -> Q | None:
    if membership.role in UNIT_ROLES:
        return unit_cases_q(membership.agency_id)
    if membership.role in COURT_ROLES:
        return Q(court_id=membership.agency_id)
    if membership.role in SUPPORT_OWNER_ROLES:
        return _owner_q(membership)
    return None


def _live_referrals(membership):
    return Referral.objects.filter(
        to_agency_id=membership.agency_id, to_role=membership.role, status__in=LIVE_REFERRAL
    )


def _break_glass(membership):
    return BreakGlassAccess.objects.filter(membership=membership, expires_at__gt=timezone.now())


def visible_cases(membership):
    """Every case `membership` may open. Lists, search, detail and API all start here."""
    if membership is None or membership.role not in CASE_FILE_ROLES:
        return Case.objects.none()
    # The referral and break-glass doors open few cases: their ids are read first, so that the
    # territory's indexes serve the rest (an OR with EXISTS made PostgreSQL scan every case).
    opened = set(_live_referrals(membership).values_list("case_id", flat=True))
    opened |= set(_break_glass(membership).values_list("case_id", flat=True))
    doors = Q(pk__in=sorted(opened))
    territory = _territory_q(membership)
    if territory is not None:
        doors = territory | doors
    return Case.objects.filter(doors)


def _in_territory(membership, case) -> bool:
    if membership.role in UNIT_ROLES:
        return is_unit_case(membership.agency_id, case)
    return membership.role in COURT_ROLES and case.court_id == membership.agency_id


def is_owner(membership, case) -> bool:
    """A member of the agency that opened this support case, in a role that opens them."""
    return (
        membership is not None
        and membership.role in SUPPORT_OWNER_ROLES
        and case.is_support_case
        and case.opening_agency_id == membership.agency_id
    )


def case_access(membership, case) -> Access | None:
    """The door through which `membership` reaches `case`, or None."""
    return case_accesses(membership, [case])[case.pk]


def case_accesses(membership, cases) -> dict[int, Access | None]:
    """`case_access` for each of `cases` by primary key, in at most two queries for them all (the
    cases outside the member's territory are looked up among referrals and break-glass)."""
    if membership is None or membership.role not in CASE_FILE_ROLES:
        return {case.pk: None for case in cases}
    accesses = {case.pk: None for case in cases}
    outside = []
    for case in cases:
        if _in_territory(membership, case):
            accesses[case.pk] = Access(Door.TERRITORY, ShareScope.WHOLE_FILE)
        elif is_owner(membership, case):
            accesses[case.pk] = Access(Door.OWNER, ShareScope.WHOLE_FILE)
        else:
            outside.append(case.pk)
    if not outside:
        return accesses
    scopes = defaultdict(set)
    referrals = _live_referrals(membership).filter(case_id__in=outside)
    for case_id, scope in referrals.values_list("case_id", "scope"):
        scopes[case_id].add(scope)
    for case_id, shared in scopes.items():
        whole = ShareScope.WHOLE_FILE in shared
        scope = ShareScope.WHOLE_FILE if whole else ShareScope.SUPPORT_PLAN
        accesses[case_id] = Access(Door.REFERRAL, scope)
    unshared = [case_id for case_id in outside if case_id not in scopes]
    if unshared:
        glass = _break_glass(membership).filter(case_id__in=unshared)
        for case_id in glass.values_list("case_id", flat=True):
            accesses[case_id] = Access(Door.BREAK_GLASS, ShareScope.WHOLE_FILE)
    return accesses


def can_view_case(membership, case, access: Access | None = None) -> bool:
    return (access or case_access(membership, case)) is not None


def can_edit_case(membership, case) -> bool:
    """The handling unit, the parquet of the court and the owner of a support case record
    incidents and change the file."""
    if membership is None:
        return False
    if membership.role == Role.POLICE_OFFICER:
        return is_unit_case(membership.agency_id, case)
    if is_owner(membership, case):
        return True
    return membership.role == Role.PROSECUTOR and case.court_id == membership.agency_id


# The functions below take the member's `access` when the caller has it already (a case page
# computes it once, in its decorator); without it, they compute it.


def can_manage_sharing(membership, case, access: Access | None = None) -> bool:
    """Editors, and whoever accepted a whole-file referral, record consent and refer onwards."""
    if can_edit_case(membership, case):
        return True
    access = access or case_access(membership, case)
    return bool(access and access.door == Door.REFERRAL and access.whole_file)


def can_share_without_consent(membership) -> bool:
    return membership is not None and membership.role in SHARE_WITHOUT_CONSENT_ROLES


def can_see_address(membership, case, access: Access | None = None) -> bool:
    """A hidden address is read only by the procureur of the court and the handling unit."""
    access = access or case_access(membership, case)
    if access is None or not access.whole_file:
        return False
    if not case.address_hidden:
        return True
    return can_edit_case(membership, case)


def can_see_contact(membership, case, access: Access | None = None) -> bool:
    return membership is not None and (
        membership.role in CONTACT_ROLES and (access is not None or can_view_case(membership, case))
    )


def can_break_glass(membership) -> bool:
    return membership is not None and membership.role in BREAK_GLASS_ROLES


def can_open_case(membership) -> bool:
    return membership is not None and membership.role == Role.POLICE_OFFICER


def can_open_support_case(membership) -> bool:
    return membership is not None and membership.role in SUPPORT_OWNER_ROLES


def can_transfer_case(membership, case) -> bool:
    """The owner hands a support case to another partner (she moves), with her consent."""
    return is_owner(membership, case) and not case.is_closed


def can_merge_cases(membership, kept, duplicate) -> bool:
    """Merging two files of one victim is for whoever changes the file that carries on and
    reads the other whole through a lasting door (their own, or a consented referral)."""
    if kept.pk == duplicate.pk or kept.is_closed or duplicate.is_closed:
        return False
    access = case_access(membership, duplicate)
    lasting = access is not None and access.whole_file and access.door != Door.BREAK_GLASS
    return lasting and can_edit_case(membership, kept)


# Who examines her and keeps the evidence: the hospital's, maison des femmes' or UMJ's staff.
EVIDENCE_KEEPER_ROLES = frozenset({Role.HEALTH_PROFESSIONAL})
# Who reads evidence kept without a complaint, once she files one or the procureur is seized.
JUSTICE_EVIDENCE_ROLES = frozenset({Role.POLICE_OFFICER, Role.PROSECUTOR})


def can_record_evidence(membership, case) -> bool:
    return (
        membership is not None
        and membership.role in EVIDENCE_KEEPER_ROLES
        and can_edit_case(membership, case)
    )


def visible_evidence(membership, case):
    """The evidence of `case` this member reads: the keeper's agency always; police and parquet
    only once the case says she filed a complaint or the procureur is seized; nobody else."""
    access = case_access(membership, case)
    if access is None or not access.whole_file:
        return case.evidence.none()
    if membership.role in EVIDENCE_KEEPER_ROLES | SUPPORT_OWNER_ROLES:
        return case.evidence.filter(keeper_id=membership.agency_id)
    if membership.role in JUSTICE_EVIDENCE_ROLES and case.evidence_disclosed:
        return case.evidence.all()
    return case.evidence.none()


def can_write_notes(membership, case) -> bool:
    return (
        membership is not None and membership.role in NOTE_ROLES and can_view_case(membership, case)
    )


def visible_notes(membership, case):
    """The notes of `case` written in, or shared with, the member's agency."""
    if not can_view_case(membership, case):
        return CaseNote.objects.none()
    mine = Q(agency_id=membership.agency_id) | Q(shared_with=membership.agency_id)
    return case.notes.filter(mine).distinct()


def note_recipients(case):
    """Agencies a note may be shared with: those that reach the case (unit, court, referrals)."""
    referred = case.referrals.filter(status__in=LIVE_REFERRAL).values("to_agency_id")
    reach = Q(pk=case.opening_agency_id) | Q(pk=case.court_id) | Q(pk__in=referred)
    if case.complaint_unit_id:
        reach |= Q(pk=case.complaint_unit_id)
    return Agency.objects.filter(reach, is_active=True)
