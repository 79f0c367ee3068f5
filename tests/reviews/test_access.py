"""Who opens a review, who reads it, and that every read is in the audit log."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.cases.choices import CloseReason
from egide.errors import RuleError
from egide.reviews import services
from egide.reviews.models import Review
from tests.conftest import sign_in
from tests.factories import MembershipFactory, acting

from .helpers import closed_case, failed_case, parquet_of, review_of

pytestmark = pytest.mark.django_db


def review_reads(review):
    return AuditEntry.objects.filter(
        object_type="reviews.review", object_id=str(review.pk), action="read"
    )


def test_the_parquet_of_the_court_is_offered_the_case_and_opens_its_review(client):
    case = closed_case(CloseReason.FORCED_SUICIDE)
    sign_in(client, parquet_of(case))
    page = client.get(reverse("reviews:list")).content.decode()
    assert case.reference in page
    assert "Suicide forcé" in page
    response = client.post(reverse("reviews:open", args=[case.pk]))
    review = Review.objects.get(case=case)
    assert response.url == reverse("reviews:detail", args=[review.pk])
    assert (
        case.reference
        not in client.get(reverse("reviews:list"))
        .content.decode()
        .split("Revues que vous pouvez consulter")[0]
    )


@pytest.mark.parametrize("reason", [CloseReason.DANGER_ENDED, CloseReason.VICTIM_MOVED])
def test_a_case_closed_for_an_ordinary_reason_is_not_reviewed(client, reason):
    case = closed_case(reason)
    sign_in(client, parquet_of(case))
    assert case.reference not in client.get(reverse("reviews:list")).content.decode()
    assert client.post(reverse("reviews:open", args=[case.pk])).status_code == 404


def test_a_case_has_one_review():
    review = review_of()
    with pytest.raises(PermissionDenied):
        services.open_review(acting(parquet_of(review.case)), review.case)
    assert Review.objects.count() == 1


def test_an_invited_member_reads_that_review_only(client):
    review, other = review_of(), review_of()
    judge = MembershipFactory(role=Role.JUDGE, agency=review.court)
    services.invite(acting(parquet_of(review.case)), review, judge)
    sign_in(client, judge)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    assert client.get(reverse("reviews:detail", args=[other.pk])).status_code == 404
    listed = client.get(reverse("reviews:list")).content.decode()
    assert review.case.reference in listed and other.case.reference not in listed


def test_a_member_of_the_same_role_and_court_not_invited_is_refused(client):
    review = review_of()
    sign_in(client, MembershipFactory(role=Role.JUDGE, agency=review.court))
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 404


def test_a_member_neither_invites_nor_closes_nor_exports(client):
    review = review_of()
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=review.case.opening_agency)
    services.invite(acting(parquet_of(review.case)), review, officer)
    sign_in(client, officer)
    other = MembershipFactory(role=Role.JUDGE, agency=review.court)
    url = reverse("reviews:invite", args=[review.pk])
    assert client.post(url, {"membership": other.pk}).status_code == 403
    assert client.post(reverse("reviews:close", args=[review.pk])).status_code == 403
    assert client.get(reverse("reviews:export", args=[review.pk])).status_code == 403
    assert review.members.count() == 1


def test_a_perpetrator_side_service_cannot_be_invited():
    review = review_of()
    cpca = MembershipFactory(role=Role.CPCA_WORKER)
    with pytest.raises(RuleError, match="ne peut pas être invité"):
        services.invite(acting(parquet_of(review.case)), review, cpca)
    assert not review.members.exists()


def test_every_read_of_a_review_is_recorded_and_flagged_for_the_auditor(client):
    review = review_of()
    parquet = parquet_of(review.case)
    sign_in(client, parquet)
    client.get(reverse("reviews:detail", args=[review.pk]))
    client.get(reverse("reviews:detail", args=[review.pk]))
    reads = review_reads(review)
    assert reads.count() == 2
    entry = reads.last()
    assert entry.flagged
    assert entry.actor == parquet.user and entry.role == Role.PROSECUTOR
    assert "timeline" in entry.fields and "audit_reads" in entry.fields


def test_a_refused_read_records_no_read(client):
    review = review_of()
    sign_in(client, MembershipFactory(role=Role.PROSECUTOR))
    client.get(reverse("reviews:detail", args=[review.pk]))
    assert not review_reads(review).exists()


def test_the_review_speaks_english_to_who_asks(client):
    review = review_of(failed_case())
    sign_in(client, parquet_of(review.case))
    page = client.get(
        reverse("reviews:detail", args=[review.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Timeline rebuilt from the records" in page
    assert "Re-assessment never done." in page
    assert "Death of the victim — feminicide" in page
