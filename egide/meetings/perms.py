"""Who sees and does what at a risk meeting. Deny by default; every list starts here.

- A procureur convenes meetings for the département of their court and chairs them: they invite
  the members, put cases on the agenda, write the action plan and the minutes, and close.
- Only the organiser and the invited members see a meeting.
- Each member sees, of a case on the agenda, what their own role may read of it on the platform
  (`egide.cases.perms`): a member who may not open the case sees its reference, its danger level
  and why it is listed, and the actions they own — never a name, an address or a narrative.
- A member who may open a case of the département proposes it for a meeting, with a reason.
"""

from django.db.models import Exists, OuterRef, Q

from egide.accounts.models import Membership
from egide.cases.perms import CASE_FILE_ROLES, can_view_case

from .choices import MEMBER_ROLES, ORGANISER_ROLES, ActionStatus, MeetingStatus
from .models import MeetingMember, PlannedAction, RiskMeeting


def sits_in_meetings(membership) -> bool:
    return membership is not None and membership.role in MEMBER_ROLES


def can_convene(membership) -> bool:
    return membership is not None and membership.role in ORGANISER_ROLES


def visible_meetings(membership):
    """The meetings `membership` organises or is invited to."""
    if not sits_in_meetings(membership):
        return RiskMeeting.objects.none()
    invited = MeetingMember.objects.filter(meeting_id=OuterRef("pk"), membership=membership)
    return RiskMeeting.objects.filter(Q(organiser=membership) | Exists(invited))


def chairs(membership, meeting) -> bool:
    return membership is not None and meeting.organiser_id == membership.pk


def can_run(membership, meeting) -> bool:
    """The organiser changes the agenda, the plan and the minutes until the meeting is closed."""
    return chairs(membership, meeting) and meeting.status == MeetingStatus.PLANNED


def eligible_members(meeting):
    """Whom the organiser may invite: the active members of the département's agencies, in a
    role that sits at risk meetings."""
    return (
        Membership.objects.filter(
            is_active=True,
            user__is_active=True,
            role__in=MEMBER_ROLES,
            agency__departement=meeting.departement,
            agency__is_active=True,
        )
        .exclude(pk=meeting.organiser_id)
        .select_related("user", "agency")
        .order_by("agency__name", "user__last_name", "user__first_name")
    )


def attendees(meeting):
    """The organiser and the invited members: the owners an action may be given to."""
    invited = meeting.members.values("membership_id")
    return (
        Membership.objects.filter(Q(pk=meeting.organiser_id) | Q(pk__in=invited))
        .select_related("user", "agency")
        .order_by("agency__name", "user__last_name")
    )


def may_propose(membership, meeting) -> bool:
    """Members who read case files propose cases, until the meeting is closed."""
    return meeting.status == MeetingStatus.PLANNED and membership.role in CASE_FILE_ROLES


def can_propose(membership, meeting, case) -> bool:
    """A member who may open a case of the meeting's département proposes it, before closing."""
    return (
        may_propose(membership, meeting)
        and case.departement == meeting.departement
        and can_view_case(membership, case)
    )


def can_update_action(membership, meeting, action) -> bool:
    """An open action shown at `meeting` is said done or dropped by its owner or by the organiser
    of the meeting that decided it, even once that meeting is closed (its agenda and minutes are
    read-only, its plan is still carried out), and by the organiser of the open meeting that
    follows it up. `action.meeting` is read: select it with the action."""
    if membership is None or action.status != ActionStatus.OPEN:
        return False
    if membership.pk in (action.owner_id, action.meeting.organiser_id):
        return True
    follows_up = meeting.status == MeetingStatus.PLANNED and (
        action.meeting_id == meeting.pk or action.meeting.starts_at < meeting.starts_at
    )
    return follows_up and chairs(membership, meeting)


def actions_shown(membership, meeting, case_ids, readable_ids):
    """The actions shown at `meeting` on the cases `case_ids`: those decided there, and those of
    earlier meetings of the département still open. On a case not among `readable_ids` (the
    cases the member may open), a member sees only the actions they own; the organiser, who
    wrote the plan, sees them all."""
    actions = PlannedAction.objects.filter(
        case_id__in=case_ids, meeting__departement=meeting.departement
    )
    earlier_open = Q(status=ActionStatus.OPEN, meeting__starts_at__lt=meeting.starts_at)
    actions = actions.filter(Q(meeting=meeting) | earlier_open)
    if not chairs(membership, meeting):
        actions = actions.filter(Q(case_id__in=readable_ids) | Q(owner=membership))
    return actions.select_related("owner__user", "owner__agency", "meeting")
