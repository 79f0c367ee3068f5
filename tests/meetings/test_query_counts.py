"""Query count of a meeting's page: more cases on the agenda, each with its plan, the same
queries, for the organiser who reads every case and for a member who reads none."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from tests.cases.factories import CaseFactory
from tests.query_counts import AUDIT, HEADER, SIGNED_IN_PAGE, assert_rows_cost_nothing

from .factories import action, listed, meeting, member, organiser

pytestmark = pytest.mark.django_db

# The meeting with its organiser (1); its accepted items (1), their cases with their levels and
# safe contacts, their people and incidents (3), the actions shown (1); the pending proposals
# (1); the members (1). Neither member below reads a case through a referral: no query for them.
MEETING_PAGE = SIGNED_IN_PAGE + HEADER + 1 + 1 + 3 + 1 + 1 + 1
# The organiser also lists the worklist's candidates (1) and audits the summaries read.
ORGANISER_PAGE = MEETING_PAGE + 1 + AUDIT


def agenda_filler(planned, owner, **case_fields):
    def add_cases(n):
        for _ in range(n):
            case = CaseFactory(**case_fields)
            listed(planned, case)
            action(planned, case, owner)

    return add_cases


def test_the_organisers_page_costs_the_same_for_twice_the_cases(sign_in_as):
    court_case = CaseFactory()
    planned = meeting(organiser(court=court_case.court))
    client = sign_in_as(planned.organiser)
    url = reverse("meetings:detail", args=[planned.pk])
    fill = agenda_filler(planned, planned.organiser, opening_agency=court_case.opening_agency)
    assert_rows_cost_nothing(client, url, fill, ORGANISER_PAGE)


def test_a_members_page_costs_the_same_for_twice_the_cases(sign_in_as):
    planned = meeting()
    spip = member(planned, Role.PROBATION_OFFICER)
    client = sign_in_as(spip)
    url = reverse("meetings:detail", args=[planned.pk])
    assert_rows_cost_nothing(client, url, agenda_filler(planned, spip), MEETING_PAGE)
