"""The auditor searches the log; each of their reads is itself logged."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.actor import Actor
from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.audit.services import record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(sign_in_as):
    return sign_in_as(role=Role.AUDITOR)


@pytest.fixture
def entries():
    judge, officer = UserFactory(username="juge.martin"), UserFactory(username="agent.durand")
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)):
        record(Actor(user=judge), Action.READ, object_type="cases.case", object_id="17")
    with time_machine.travel(datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.UTC)):
        record(
            Actor(user=officer),
            Action.BREAK_GLASS,
            object_type="cases.case",
            object_id="42",
            reason="Appel du 17, victime injoignable",
            flagged=True,
        )
        record(Actor(user=officer), Action.UPDATE, object_type="cases.person", object_id="42")


def rows(response):
    return [entry.object_id for entry in response.context["page_obj"]]


def test_the_auditor_sees_the_log_newest_first(auditor, entries):
    response = auditor.get(reverse("audit:log"))
    assert response.status_code == 200
    # The first row is this very read of the log.
    assert rows(response) == ["", "42", "42", "17"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "JUGE.MARTIN"}, ["17"]),
        ({"object_type": "cases.case", "object_id": "42"}, ["42"]),
        ({"action": Action.UPDATE}, ["42"]),
        ({"flagged": "on"}, ["42"]),
        ({"date_from": "2026-03-01", "date_to": "2026-03-05"}, ["17"]),
        ({"date_from": "2026-03-06", "date_to": "2026-03-31"}, ["42", "42"]),
    ],
)
def test_the_auditor_filters_the_log(auditor, entries, query, expected):
    assert rows(auditor.get(reverse("audit:log"), query)) == expected


def test_break_glass_reads_stand_out(auditor, entries):
    response = auditor.get(reverse("audit:log"), {"flagged": "on"})
    assert "fr-badge--error" in response.content.decode()
    assert "Appel du 17, victime injoignable" in response.content.decode()


def test_an_inverted_date_range_is_refused_clearly(auditor, entries):
    response = auditor.get(
        reverse("audit:log"), {"date_from": "2026-03-09", "date_to": "2026-03-01"}
    )
    assert rows(response) == []
    assert "La date de début doit précéder la date de fin." in response.content.decode()


def test_the_history_of_one_object(auditor, entries):
    url = reverse("audit:object", kwargs={"object_type": "cases.case", "object_id": "42"})
    response = auditor.get(url)
    assert [entry.action for entry in response.context["page_obj"]] == [Action.BREAK_GLASS]


def test_the_log_is_paginated(auditor):
    for object_id in range(60):
        record(Actor.system(), Action.READ, object_type="cases.case", object_id=str(object_id))
    first, second = (auditor.get(reverse("audit:log"), {"page": page}) for page in (1, 2))
    assert len(first.context["page_obj"]) == 50
    # 60 entries, plus the auditor's two reads of the log.
    assert len(second.context["page_obj"]) == 12
    assert 'class="fr-pagination"' in first.content.decode()


def test_the_auditors_reads_are_recorded(auditor, entries):
    auditor.get(reverse("audit:log"), {"actor": "juge.martin", "flagged": "on"})
    read = AuditEntry.objects.order_by("seq").last()
    assert read.action == Action.READ
    assert read.role == Role.AUDITOR
    assert read.object_type == "audit.auditentry"
    assert read.fields == ["actor", "flagged"]
    assert "juge.martin" not in str(read.fields)


@pytest.mark.parametrize("role", [role for role in Role.values if role != Role.AUDITOR])
def test_other_roles_are_refused(sign_in_as, role):
    assert sign_in_as(role=role).get(reverse("audit:log")).status_code == 403
