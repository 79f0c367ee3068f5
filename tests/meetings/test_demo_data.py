"""The demo's risk meeting loads twice without duplicates: the Eure's next meeting, convened by
the procureur of Évreux, its representatives invited and two high-danger cases on its agenda."""

import pytest

from egide.demo.seed import seed
from egide.meetings.choices import AgendaSource, MeetingStatus
from egide.meetings.demo import AGENDA_CASES, MEMBERS
from egide.meetings.models import AgendaItem, RiskMeeting

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_plans_one_meeting_with_two_cases(settings):
    settings.DEMO = True
    seed()
    seed()
    planned = RiskMeeting.objects.get()
    assert (planned.departement, planned.status) == ("27", MeetingStatus.PLANNED)
    assert planned.organiser.user.username == "procureur"
    assert planned.members.count() == len(MEMBERS)
    sources = list(AgendaItem.objects.values_list("source", flat=True))
    assert sources == [AgendaSource.WORKLIST] * AGENDA_CASES
