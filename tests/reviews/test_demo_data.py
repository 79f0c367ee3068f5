"""The demo's review of failings loads twice without duplicates: the procureur of Évreux reviews
a case of the court closed on a death or a grave failure, whose timeline has content, with two
members invited, a missed opportunity marked and two recommendations with their owners."""

import pytest

from egide.cases.choices import REVIEWED_OUTCOMES, CaseStatus
from egide.demo.seed import seed
from egide.reviews import demo, timeline
from egide.reviews.choices import ReviewStatus
from egide.reviews.models import Mark, Recommendation, Review, ReviewMember

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_reviews_a_case_closed_on_a_grave_outcome(settings):
    settings.DEMO = True
    seed()
    seed()
    review = Review.objects.select_related("case", "court").get()
    case = review.case
    assert (review.status, review.opened_by.username) == (ReviewStatus.OPEN, "procureur")
    assert review.court == case.court and case.court.name == "Tribunal judiciaire d'Évreux"
    assert case.status == CaseStatus.CLOSED and case.close_reason in REVIEWED_OUTCOMES

    lines = timeline.reconstruct(case)
    kinds = [line.kind for line in lines]
    assert kinds[0].startswith("case_opened") and kinds[-1] == f"case_closed_{case.close_reason}"
    assert "incident" in kinds and len(lines) >= 3

    members = ReviewMember.objects.filter(review=review)
    assert {m.membership.user.username for m in members} == {"policier", "referent"}
    assert Mark.objects.filter(review=review).count() == 1
    recommendations = Recommendation.objects.filter(review=review)
    assert recommendations.count() == len(demo.RECOMMENDATIONS)
    owners = {r.owner.name for r in recommendations}
    assert owners == {case.opening_agency.name, "CIDFF de l'Eure"}
    assert all(r.text and r.due_on for r in recommendations)
