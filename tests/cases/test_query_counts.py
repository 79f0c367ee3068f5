"""Query counts of the case list and the case page: more rows, the same queries."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.choices import PersonRole
from tests.factories import AgencyFactory, MembershipFactory
from tests.query_counts import AUDIT, HEADER, SIGNED_IN_PAGE, assert_rows_cost_nothing

from .factories import CaseFactory, PersonFactory
from .sharing_helpers import referral_for

pytestmark = pytest.mark.django_db

# The member's visible cases: their live referrals and break-glass openings (2); the list's count
# and page of cases (with their opening agencies) and their people (3); one audit entry per case
# shown, all appended together.
CASE_LIST = SIGNED_IN_PAGE + HEADER + 2 + 3 + AUDIT


def test_the_case_list_of_a_unit_costs_the_same_for_twice_the_cases(sign_in_as):
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    client = sign_in_as(officer)

    def open_cases(n):
        for _ in range(n):
            CaseFactory(opening_agency=officer.agency)

    assert_rows_cost_nothing(client, reverse("cases:list"), open_cases, CASE_LIST)


def test_the_case_list_of_a_referral_recipient_reads_all_accesses_at_once(sign_in_as):
    agency = AgencyFactory()
    client = sign_in_as(role=Role.ISCG_SOCIAL_WORKER, agency=agency)

    def refer_cases(n):
        for _ in range(n):
            referral_for(CaseFactory(), agency=agency)

    # As the unit's list, plus one query for the scopes of the referrals of every case listed.
    expected = CASE_LIST + 1
    assert_rows_cost_nothing(client, reverse("cases:list"), refer_cases, expected)


def test_the_case_page_costs_the_same_for_twice_the_people(sign_in_as):
    agency = AgencyFactory()
    client = sign_in_as(role=Role.ISCG_SOCIAL_WORKER, agency=agency)
    case = CaseFactory()
    referral_for(case, agency=agency)

    def add_children(n):
        for _ in range(n):
            PersonFactory(case=case, role=PersonRole.CHILD)

    # Visible cases (2), the case (1), the member's access through the referral (1), once for the
    # whole page; what the page shows: people, safe contact, incidents, relationship, the
    # perpetrator's other cases (2 people queries), the timeline's count (7); protection measures
    # (1) and the seven closing blockers (7); the audit entry, which names the member's agency
    # (1 + AUDIT); the assessment panel (2) and the documents (1).
    expected = SIGNED_IN_PAGE + HEADER + 2 + 1 + 1 + 7 + 1 + 7 + 1 + AUDIT + 2 + 1
    url = reverse("cases:detail", args=[case.pk])
    assert_rows_cost_nothing(client, url, add_children, expected)
