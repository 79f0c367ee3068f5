"""Recommendations with owners and due dates, followed until done; missed opportunities marked
by a reviewer; the review closes only when every recommendation has ended."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.reviews import services
from egide.reviews.choices import RecommendationStatus, ReviewStatus
from tests.conftest import sign_in
from tests.factories import MembershipFactory, acting

from .helpers import failed_case, parquet_of, recommendation_of, review_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    return review_of(failed_case())


def detail(client, review) -> str:
    return client.get(reverse("reviews:detail", args=[review.pk])).content.decode()


def test_the_parquet_adds_a_recommendation_with_an_owner_and_a_due_date(client, review):
    sign_in(client, parquet_of(review.case))
    due = timezone.localdate() + timedelta(days=60)
    response = client.post(
        reverse("reviews:recommend", args=[review.pk]),
        {
            "text": "Réévaluer sous 7 jours tout danger élevé",
            "theme": "assessment",
            "owner": review.case.opening_agency.pk,
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302
    recommendation = review.recommendations.get()
    assert recommendation.owner == review.case.opening_agency
    assert recommendation.due_on == due
    assert "Réévaluer sous 7 jours" in detail(client, review)


def test_a_recommendation_without_owner_is_refused_and_nothing_is_added(client, review):
    sign_in(client, parquet_of(review.case))
    response = client.post(
        reverse("reviews:recommend", args=[review.pk]),
        {"text": "Former", "theme": "training", "due_on": "2027-01-01"},
    )
    assert response.status_code == 400
    assert not review.recommendations.exists()


def test_the_review_closes_only_once_every_recommendation_has_ended(client, review):
    done, dropped = recommendation_of(review), recommendation_of(review)
    sign_in(client, parquet_of(review.case))
    close = reverse("reviews:close", args=[review.pk])
    client.post(close)
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN
    url = reverse("reviews:recommendation", args=[done.pk])
    client.post(url, {f"{done.pk}-status": "done"})
    url = reverse("reviews:recommendation", args=[dropped.pk])
    client.post(url, {f"{dropped.pk}-status": "dropped", f"{dropped.pk}-drop_reason": ""})
    dropped.refresh_from_db()
    assert dropped.status == RecommendationStatus.OPEN  # no reason, nothing changed
    client.post(url, {f"{dropped.pk}-status": "dropped", f"{dropped.pk}-drop_reason": "Déjà fait"})
    client.post(close)
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED and review.closed_at
    assert "Close" in detail(client, review)


def test_a_review_without_recommendation_does_not_close(client, review):
    sign_in(client, parquet_of(review.case))
    response = client.post(reverse("reviews:close", args=[review.pk]), follow=True)
    assert "au moins une recommandation" in response.content.decode()
    review.refresh_from_db()
    assert review.is_open


def test_the_owner_agencys_member_updates_its_recommendation_not_anothers(client, review):
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=review.case.opening_agency)
    services.invite(acting(parquet_of(review.case)), review, officer)
    own, others = recommendation_of(review, owner=officer.agency), recommendation_of(review)
    sign_in(client, officer)
    client.post(reverse("reviews:recommendation", args=[own.pk]), {f"{own.pk}-status": "done"})
    response = client.post(
        reverse("reviews:recommendation", args=[others.pk]), {f"{others.pk}-status": "done"}
    )
    assert response.status_code == 403
    own.refresh_from_db(), others.refresh_from_db()
    assert own.status == RecommendationStatus.DONE and own.ended_at
    assert others.status == RecommendationStatus.OPEN


def test_a_member_marks_a_line_as_a_missed_opportunity_with_a_comment(client, review):
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=review.case.opening_agency)
    services.invite(acting(parquet_of(review.case)), review, officer)
    sign_in(client, officer)
    key = "incident:0"
    client.post(reverse("reviews:mark", args=[review.pk]), {"line_key": key, "comment": "x"})
    assert not review.marks.exists()  # a line the timeline does not have
    key = f"assessment:{review.case.assessments.get().pk}"
    comment = "Aucune demande de TGD malgré le danger élevé"
    client.post(reverse("reviews:mark", args=[review.pk]), {"line_key": key, "comment": comment})
    assert review.marks.get().line_key == key
    assert comment in detail(client, review)


def test_a_closed_review_takes_no_more_marks(client, review):
    recommendation_of(review, status=RecommendationStatus.DONE)
    parquet = parquet_of(review.case)
    services.close_review(acting(parquet), review)
    sign_in(client, parquet)
    key = f"assessment:{review.case.assessments.get().pk}"
    client.post(reverse("reviews:mark", args=[review.pk]), {"line_key": key, "comment": "x"})
    assert not review.marks.exists()
