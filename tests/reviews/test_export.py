"""The anonymised summary an analyst may receive: what happened and what was missed, by day
offset and kind of agency — never who, where, nor the exact dates."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.reviews import services
from egide.reviews.choices import MissedKind
from tests.conftest import sign_in
from tests.factories import MembershipFactory, acting

from .helpers import DAYS_BEFORE_DEATH, failed_case, parquet_of, recommendation_of, review_of

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}")


@pytest.fixture
def exported(client):
    """A review with a reviewer's mark and a recommendation, and its two exports as text."""
    case = failed_case()
    review = review_of(case)
    parquet = parquet_of(case)
    judge = MembershipFactory(role=Role.JUDGE, agency=case.court)
    services.invite(acting(parquet), review, judge)
    key = f"assessment:{case.assessments.get().pk}"
    services.mark_line(acting(judge), review, key, "Madame n'a pas eu de TGD, rue des Lilas")
    recommendation_of(review, owner=case.opening_agency)
    sign_in(client, parquet)
    url = reverse("reviews:export", args=[review.pk])
    as_json = client.get(url)
    as_csv = client.get(url, {"format": "csv"})
    assert as_json["Content-Type"] == "application/json"
    assert as_csv["Content-Type"].startswith("text/csv")
    return review, as_json.content.decode(), as_csv.content.decode()


def personal_values(review) -> list[str]:
    """Everything that would name or place her, him, the agencies or the people involved."""
    case = review.case
    values = [case.reference, case.court.name, case.opening_agency.name]
    for person in case.people.all():
        values += [person.last_name, person.first_name, person.phone, f"{person.birth_date}"]
        values += [person.address] if person.address else []
    values += [case.safe_contact.phone, case.safe_contact.code_word]
    values += [review.opened_by.last_name, review.opened_by.username]
    values += [mark.comment for mark in review.marks.all()]
    values += [item.text for item in review.recommendations.all()]
    return [value for value in values if value]


def test_nothing_personal_leaks_in_either_export(exported):
    review, as_json, as_csv = exported
    for text in (as_json, as_csv):
        for value in personal_values(review):
            assert value not in text, f"{value!r} leaked"
        assert not ISO_DATE.search(text), "an exact date leaked"
        assert "Lilas" not in text and "Madame" not in text


def test_the_summary_keeps_the_order_the_kinds_and_the_missed_opportunities(exported):
    review, as_json, as_csv = exported
    data = json.loads(as_json)
    days = [row["day"] for row in data["timeline"]]
    assert days == sorted(days) and days[0] == 0
    assert days[-1] >= DAYS_BEFORE_DEATH
    assert data["outcome"] == "femicide"
    assert {row["agency_kind"] for row in data["timeline"]} >= {"commissariat"}
    counts = data["missed_opportunities"]
    assert counts[MissedKind.REASSESSMENT] == 1
    assert counts[MissedKind.LATE_TAKE_IN_CHARGE] == 1
    assert counts[MissedKind.REVIEWER] == 1
    assert data["recommendations"] == [
        {
            "theme": "assessment",
            "owner_kind": "commissariat",
            "due_day": data["recommendations"][0]["due_day"],
            "status": "open",
        }
    ]
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert len(rows) == len(data["timeline"])
    assert "late_take_in_charge" in {row["missed"] for row in rows}


def test_the_export_is_recorded_in_the_audit_log(exported):
    review, _json, _csv = exported
    exports = AuditEntry.objects.filter(object_type="reviews.review", action="export")
    assert exports.count() == 2
    assert all(entry.flagged for entry in exports)
