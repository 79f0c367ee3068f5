"""`egide rotatekeys` re-encrypts every value under the primary key, and only once."""

from io import StringIO
from unittest import mock

from django.core.management import call_command

from egide.encryption.rotation import rotate_all

from .conftest import KEY_A, KEY_B, raw_values

PHONES = [f"06 00 00 00 0{index}" for index in range(5)]


def create_notes(note_model):
    for phone in PHONES:
        note_model.objects.create(body=f"Note {phone}", phone=phone)
    note_model.objects.create(body="", phone=None)


def counts(results):
    return {result.label: (result.rotated, result.scanned) for result in results}


def test_rotation_moves_every_value_to_the_new_key(note_model, settings):
    create_notes(note_model)
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    results = rotate_all(models=[note_model], batch_size=2)
    assert counts(results) == {"encryption.Note.body": (5, 5), "encryption.Note.phone": (5, 5)}
    assert all(value.startswith("v1:b:") for value in raw_values(note_model, "phone")[:5])
    settings.FIELD_ENCRYPTION_KEYS = KEY_B
    assert [note.phone for note in note_model.objects.order_by("id")] == [*PHONES, None]


def test_rotation_is_idempotent(note_model, settings):
    create_notes(note_model)
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    rotate_all(models=[note_model])
    before = raw_values(note_model, "body")
    assert counts(rotate_all(models=[note_model]))["encryption.Note.body"] == (0, 5)
    assert raw_values(note_model, "body") == before


def test_the_command_reports_what_it_did(note_model, settings):
    create_notes(note_model)
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    out = StringIO()
    with mock.patch("egide.encryption.rotation.apps.get_models", return_value=[note_model]):
        call_command("rotatekeys", stdout=out)
    assert "encryption.Note.phone: 5 of 5 re-encrypted" in out.getvalue()
    assert "10 values re-encrypted under key 'b' in 2 encrypted fields" in out.getvalue()


def test_the_command_finds_nothing_to_do_without_encrypted_data(db):
    out = StringIO()
    call_command("rotatekeys", stdout=out)
    assert "0 values re-encrypted" in out.getvalue()
