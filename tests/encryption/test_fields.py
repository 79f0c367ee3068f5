"""Sensitive values are stored encrypted, bound to their column, readable across a key change."""

import pytest
from django.db import connection

from egide.encryption.keyring import DecryptionError

from .conftest import KEY_A, KEY_B, raw_values

PHONE = "06 12 34 56 78"


def test_the_database_holds_ciphertext_not_the_value(note_model):
    note_model.objects.create(body="Adresse cachée : 3 rue des Lilas", phone=PHONE)
    (stored,) = raw_values(note_model, "phone")
    assert stored.startswith("v1:a:")
    assert PHONE not in stored
    assert note_model.objects.get().phone == PHONE


def test_empty_and_missing_values_stay_as_they_are(note_model):
    note_model.objects.create(body="", phone=None)
    assert raw_values(note_model, "body") == [""]
    assert raw_values(note_model, "phone") == [None]


def test_a_value_moved_to_another_column_does_not_decrypt(note_model):
    note_model.objects.create(body="Notes de l'entretien", phone=PHONE)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE test_encryption_note SET body = phone")
    with pytest.raises(DecryptionError):
        note_model.objects.get()


def test_a_wrong_key_fails_loudly(note_model, settings):
    note_model.objects.create(phone=PHONE)
    settings.FIELD_ENCRYPTION_KEYS = KEY_B
    with pytest.raises(DecryptionError):
        note_model.objects.get()


def test_an_old_key_still_decrypts_once_a_new_one_is_first(note_model, settings):
    old = note_model.objects.create(phone=PHONE)
    settings.FIELD_ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    note_model.objects.create(phone="07 00 00 00 00")
    assert note_model.objects.get(pk=old.pk).phone == PHONE
    assert [value[:5] for value in raw_values(note_model, "phone")] == ["v1:a:", "v1:b:"]
