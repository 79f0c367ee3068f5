"""What comes back to the département's next meeting by itself: the cases whose actions are
unfinished (follow-up), and the cases discussed that had a new incident within 12 months of their
last discussion (a repeat, docs/legal-rules.md)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from egide.accounts.roles import Role
from egide.cases import services as case_services
from egide.cases.choices import DisclosureChannel
from egide.meetings import rules, services
from egide.meetings.choices import ActionStatus, AgendaSource, ItemStatus
from tests.cases.factories import CaseFactory
from tests.factories import acting

from .factories import action, listed, meeting, member, organiser, unit_officer

pytestmark = pytest.mark.django_db(transaction=True)


def held(planned, minutes="Plan arrêté."):
    """The meeting took place and its organiser closed it."""
    chair = acting(planned.organiser)
    services.record_minutes(chair, planned, minutes=minutes)
    return services.close_meeting(chair, planned)


def incident(case, occurred_on):
    """A new incident recorded by the case's unit, as the case page records it."""
    data = {
        "occurred_on": occurred_on,
        "commune": "Évreux",
        "violence_forms": ["physical"],
        "disclosure_channel": DisclosureChannel.POLICE_COMPLAINT,
        "narrative": "Nouvelles violences",
    }
    return case_services.record_incident(acting(unit_officer(case)), case, data)


def after(planned, days=1):
    """The clock moved to `days` after the meeting."""
    return time_machine.travel(planned.starts_at + datetime.timedelta(days=days))


def agenda_of(planned) -> dict:
    return {item.case_id: item for item in planned.agenda.filter(status=ItemStatus.ACCEPTED)}


def test_unfinished_actions_come_back_to_the_next_meeting_planned_after_closing():
    chair = organiser()
    first = meeting(chair, in_days=1)
    case, settled = CaseFactory(), CaseFactory()
    listed(first, case)
    listed(first, settled)
    spip = member(first, Role.PROBATION_OFFICER)
    action(first, case, spip)
    action(first, settled, spip, status=ActionStatus.DONE, closed_at=timezone.now())
    with after(first):
        held(first)
        following = meeting(chair, in_days=30)

    item = agenda_of(following)[case.pk]
    assert item.source == AgendaSource.FOLLOW_UP
    assert settled.pk not in agenda_of(following)


def test_unfinished_actions_go_onto_a_next_meeting_planned_before_closing():
    chair = organiser()
    first, following = meeting(chair, in_days=1), meeting(chair, in_days=30)
    case = CaseFactory()
    listed(first, case)
    action(first, case, chair)
    assert case.pk not in agenda_of(following)

    with after(first):
        held(first)

    assert agenda_of(following)[case.pk].source == AgendaSource.FOLLOW_UP


def test_another_departements_meeting_does_not_inherit_the_actions():
    first = meeting(in_days=1)
    case = CaseFactory()
    listed(first, case)
    action(first, case, first.organiser)
    with after(first):
        held(first)
        calvados = meeting(organiser("14"), in_days=30)
    assert agenda_of(calvados) == {}


def test_a_new_incident_within_12_months_brings_a_discussed_case_back_as_a_repeat():
    chair = organiser()
    first = meeting(chair, in_days=1)
    case = CaseFactory()
    listed(first, case)
    with after(first):
        held(first)
        following = meeting(chair, in_days=60)
        assert case.pk not in agenda_of(following)

        incident(case, timezone.localdate())

    item = agenda_of(following)[case.pk]
    assert item.repeat and item.source == AgendaSource.REPEAT


def test_a_repeat_is_flagged_on_a_case_already_on_the_agenda():
    chair = organiser()
    first = meeting(chair, in_days=1)
    case = CaseFactory()
    listed(first, case)
    action(first, case, chair)
    with after(first):
        held(first)
        following = meeting(chair, in_days=20)
        assert not agenda_of(following)[case.pk].repeat

        incident(case, timezone.localdate())

    item = agenda_of(following)[case.pk]
    assert item.repeat and item.source == AgendaSource.FOLLOW_UP


def test_a_repeat_recorded_before_the_next_meeting_is_planned_waits_for_it():
    chair = organiser()
    first = meeting(chair, in_days=1)
    case = CaseFactory()
    listed(first, case)
    with after(first, days=3):
        held(first)
        incident(case, timezone.localdate())
        following = meeting(chair, in_days=20)
    assert agenda_of(following)[case.pk].repeat


def test_an_incident_more_than_12_months_after_the_discussion_is_no_repeat():
    first = meeting(in_days=1)
    case = CaseFactory()
    listed(first, case)
    with after(first):
        held(first)
    with after(first, days=400):
        following = meeting(organiser(court=first.organiser.agency), in_days=7)
        incident(case, timezone.localdate())
    assert case.pk not in agenda_of(following)


def test_an_incident_before_the_discussion_or_a_case_only_proposed_is_no_repeat():
    chair = organiser()
    first = meeting(chair, in_days=1)
    discussed, declined = CaseFactory(), CaseFactory()
    listed(first, discussed)
    listed(first, declined, status=ItemStatus.DECLINED, source=AgendaSource.REFERRAL)
    with after(first):
        held(first)
        following = meeting(chair, in_days=30)
        incident(discussed, first.held_on - datetime.timedelta(days=3))
        incident(declined, timezone.localdate())

    assert agenda_of(following) == {}


def test_the_repeat_window_is_12_months_to_the_day():
    assert rules.repeat_window_end(datetime.date(2026, 3, 15)) == datetime.date(2027, 3, 15)
    assert rules.repeat_window_end(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
