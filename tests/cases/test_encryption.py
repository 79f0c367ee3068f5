"""Sensitive case fields are ciphertext in the database; documents are encrypted on disk."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.documents import document_path
from egide.cases.models import Document
from tests.factories import MembershipFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + b"photo of a bruise" * 10


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("relation", "table", "column", "value"),
    [
        ("victim", "cases_person", "address", "12 rue des Lilas"),
        ("victim", "cases_person", "last_name", "Zorglubien"),
        ("safe_contact", "cases_safecontact", "code_word", "Tilleul"),
        ("safe_contact", "cases_safecontact", "phone", "06 11 22 33 44"),
    ],
)
def test_sensitive_columns_hold_ciphertext(relation, table, column, value):
    # The column holds the value searched for; the name is one no factory draws, too long for
    # a ciphertext to hold by chance (a drawn "Roy" could).
    row = getattr(CaseFactory(), relation)
    setattr(row, column, value)
    row.save()
    stored = raw(table, column, row.pk)
    assert stored.startswith("v1:")
    assert value not in stored


def test_names_are_searchable_only_through_keyed_digests():
    victim = CaseFactory().victim
    assert victim.last_name.lower() not in raw("cases_person", "last_name_key", victim.pk)


def test_documents_are_encrypted_and_served_as_attachments(sign_in_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory()
    client = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    upload = SimpleUploadedFile("Lefevre certificat.jpg", JPEG, content_type="image/jpeg")
    url = reverse("cases:document_add", args=[case.pk])
    client.post(url, {"kind": "photo", "file": upload})
    document = Document.objects.get()
    on_disk = document_path(document.stored_name).read_bytes()
    assert b"photo of a bruise" not in on_disk and "Lefevre" not in document.stored_name
    response = client.get(reverse("cases:document_download", args=[case.pk, document.pk]))
    assert response.content == JPEG
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Lefevre" not in response["Content-Disposition"]


def test_an_unknown_file_type_is_refused(sign_in_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory()
    client = sign_in_as(MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency))
    upload = SimpleUploadedFile("script.html", b"<script>alert(1)</script>")
    client.post(reverse("cases:document_add", args=[case.pk]), {"kind": "photo", "file": upload})
    assert not Document.objects.exists() and not list(tmp_path.rglob("*"))
