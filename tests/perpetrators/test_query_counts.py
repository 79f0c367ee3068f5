"""Query count of the CPCA's page: more orders, people and sessions, the same queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.perpetrators import programmes
from egide.perpetrators.choices import Attendance
from tests.factories import acting
from tests.query_counts import AUDIT, HEADER, SIGNED_IN_PAGE, assert_rows_cost_nothing

from .helpers import cpca_member, enrolled, ordered, past_session, session_at

pytestmark = pytest.mark.django_db


def test_the_cpca_page_costs_the_same_for_twice_the_rows(sign_in_as):
    cpca = cpca_member()
    client = sign_in_as(cpca)

    def add_rows(n):
        for _ in range(n):
            ordered()
            programme, enrolment = enrolled()
            absent = past_session(programme, enrolment)
            programmes.record_attendance(acting(cpca), absent, Attendance.UNEXCUSED)
            session_at(programme, enrolment, timezone.now() + datetime.timedelta(days=2))

    # The orders waiting, the people followed (each list's reads audited together), the sessions
    # ahead, the reports to send.
    expected = SIGNED_IN_PAGE + HEADER + 2 * (1 + AUDIT) + 1 + 1
    assert_rows_cost_nothing(client, reverse("perpetrators:programmes"), add_rows, expected)
