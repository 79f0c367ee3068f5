"""The case page of a case closed on a death or a grave failure leads to its review: the parquet
of the court opens it from there, and whoever may read the review follows the link; the other
members who open the case file see nothing of the review."""

from html import unescape

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.choices import CloseReason
from egide.reviews import services
from egide.reviews.models import Review
from tests.cases.sharing_helpers import referral_for
from tests.conftest import sign_in
from tests.factories import MembershipFactory, acting

from .helpers import closed_case, parquet_of, review_of

pytestmark = pytest.mark.django_db

OPEN_LABEL = "Ouvrir la revue de défaillances"


def case_page(client, membership, case) -> str:
    sign_in(client, membership)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_parquet_opens_the_review_from_the_case_page_then_follows_the_link(client):
    case = closed_case(CloseReason.FORCED_SUICIDE)
    parquet = parquet_of(case)
    page = case_page(client, parquet, case)
    assert OPEN_LABEL in page
    open_url = reverse("reviews:open", args=[case.pk])
    assert f'action="{open_url}"' in page

    client.post(open_url)

    review = Review.objects.get(case=case)
    page = case_page(client, parquet, case)
    assert OPEN_LABEL not in page
    assert f'href="{review.get_absolute_url()}"' in page
    response = client.get(review.get_absolute_url())
    assert response.status_code == 200
    assert case.reference in response.content.decode()


def test_an_invited_member_finds_the_review_from_the_case_page(client):
    review = review_of(closed_case(CloseReason.GRAVE_FAILURE))
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=review.case.opening_agency)
    services.invite(acting(parquet_of(review.case)), review, officer)
    page = case_page(client, officer, review.case)
    assert f'href="{review.get_absolute_url()}"' in page
    assert OPEN_LABEL not in page
    assert client.get(review.get_absolute_url()).status_code == 200


def others_who_open_the_case(case):
    """The unit's officer, not invited to the review, and an ISCG social worker it was referred
    to: both open the case file."""
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    referral = referral_for(case)
    social_worker = MembershipFactory(role=Role.ISCG_SOCIAL_WORKER, agency=referral.to_agency)
    return [officer, social_worker]


@pytest.mark.parametrize("with_review", [True, False])
def test_members_who_may_not_read_the_review_see_nothing_of_it(client, with_review):
    case = closed_case(CloseReason.FEMICIDE)
    review = review_of(case) if with_review else None
    for membership in others_who_open_the_case(case):
        page = case_page(client, membership, case)
        assert "revue de défaillances" not in page.casefold()
        assert reverse("reviews:open", args=[case.pk]) not in page
        if review is not None:
            assert review.get_absolute_url() not in page


def test_a_case_closed_for_an_ordinary_reason_offers_no_review(client):
    case = closed_case(CloseReason.DANGER_ENDED)
    page = case_page(client, parquet_of(case), case)
    assert "revue de défaillances" not in page.casefold()
