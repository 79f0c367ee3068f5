"""The auditor reads objects in words, finds a case by its reference, and exports what she found."""

import csv
import io

import pytest
from django.urls import reverse

from egide.accounts.actor import Actor
from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.audit.services import record
from tests.cases.factories import CaseFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(sign_in_as):
    return sign_in_as(role=Role.AUDITOR)


def test_objects_are_shown_in_words(auditor):
    case = CaseFactory()
    record(Actor(user=UserFactory()), Action.READ, case)
    page = auditor.get(reverse("audit:log")).content.decode()
    assert f"Dossier n° {case.pk}" in page
    assert f"cases.case n° {case.pk}" not in page


def test_search_by_case_reference_finds_its_entries(auditor):
    case, other = CaseFactory(), CaseFactory()
    reader = UserFactory(username="lecteur.dossier")
    record(Actor(user=reader), Action.READ, case)
    record(Actor(user=UserFactory(username="autre.lecteur")), Action.READ, other)
    page = auditor.get(reverse("audit:log"), {"case_reference": case.reference}).content.decode()
    assert "lecteur.dossier" in page
    assert "autre.lecteur" not in page


def test_the_csv_export_is_itself_audited(auditor):
    case = CaseFactory()
    record(Actor(user=UserFactory(username="lecteur.dossier")), Action.READ, case)
    response = auditor.get(reverse("audit:export"), {"case_reference": case.reference})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["seq", "at", "actor"]
    assert [row[2] for row in rows[1:]] == ["lecteur.dossier"]
    assert rows[1][6] == f"Dossier n° {case.pk}"
    export = AuditEntry.objects.get(action=Action.EXPORT)
    assert export.fields == ["case_reference"]
