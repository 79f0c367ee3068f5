"""A case can be closed on a death or a grave failure, from the case page as any other closing."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.choices import CaseStatus, CloseReason
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory

from .helpers import parquet_of

pytestmark = pytest.mark.django_db


def test_the_case_page_offers_the_three_outcomes_that_call_for_a_review(client):
    case = CaseFactory()
    sign_in(client, MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    page = client.get(case.get_absolute_url()).content.decode()
    for label in ("féminicide", "Suicide forcé (C. pén. 222-33-2-1)", "Défaillance grave"):
        assert label in page


@pytest.mark.parametrize(
    "reason", [CloseReason.FEMICIDE, CloseReason.FORCED_SUICIDE, CloseReason.GRAVE_FAILURE]
)
def test_closing_on_such_an_outcome_puts_the_case_on_the_parquets_list(client, reason):
    case = CaseFactory()
    sign_in(client, MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    client.post(reverse("cases:close", args=[case.pk]), {"reason": reason})
    case.refresh_from_db()
    assert (case.status, case.close_reason) == (CaseStatus.CLOSED, reason)
    sign_in(client, parquet_of(case))
    assert case.reference in client.get(reverse("reviews:list")).content.decode()
