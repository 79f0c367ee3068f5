"""Risk-meeting builders: a procureur's meeting in département 27, its members, a case at high
danger on the worklist, a case on the agenda, an action of the plan."""

import datetime

from django.utils import timezone

from egide.accounts.roles import Role
from egide.meetings import services
from egide.meetings.choices import AgendaSource
from egide.meetings.models import AgendaItem, MeetingMember, PlannedAction, RiskMeeting
from tests.assessment.helpers import lap, record, sheet
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, TribunalFactory, acting, agency_for_role


def organiser(departement="27", court=None):
    court = court or TribunalFactory(departement=departement)
    return MembershipFactory(role=Role.PROSECUTOR, agency=court)


def meeting(chair=None, *, in_days=7) -> RiskMeeting:
    chair = chair or organiser()
    return services.schedule_meeting(
        acting(chair),
        starts_at=timezone.now() + datetime.timedelta(days=in_days),
        place="Tribunal judiciaire, salle 2",
    )


def member(meeting, role, agency=None):
    """A new member of `role` in an agency of the meeting's département, invited."""
    agency = agency or agency_for_role(role, meeting.departement)
    membership = MembershipFactory(role=role, agency=agency)
    MeetingMember.objects.create(meeting=meeting, membership=membership)
    return membership


def unit_officer(case):
    return MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)


def high_danger_case(**fields):
    """A case of a police unit in département 27 that its officer screened at high danger."""
    case = CaseFactory(**fields)
    record(unit_officer(case), case, lap(), answers=sheet(lap(), yes=["q1"]))
    return case


def listed(meeting, case=None, **fields) -> AgendaItem:
    case = case or CaseFactory()
    fields.setdefault("source", AgendaSource.WORKLIST)
    return AgendaItem.objects.create(meeting=meeting, case=case, **fields)


def action(meeting, case, owner, **fields) -> PlannedAction:
    fields.setdefault("description", "Proposer une mise à l'abri")
    fields.setdefault("due_on", meeting.held_on + datetime.timedelta(days=10))
    return PlannedAction.objects.create(meeting=meeting, case=case, owner=owner, **fields)
