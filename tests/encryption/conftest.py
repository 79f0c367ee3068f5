import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from egide.encryption.fields import EncryptedCharField, EncryptedTextField
from egide.encryption.keyring import new_key_spec

KEY_A, KEY_B = new_key_spec("a"), new_key_spec("b")


@pytest.fixture
def note_model(transactional_db, settings):
    """A throwaway model with encrypted fields and a real table (no domain model has one yet).

    Transactional: SQLite cannot create a table inside the transaction of an ordinary test.
    """
    settings.FIELD_ENCRYPTION_KEYS = KEY_A
    with isolate_apps("tests.encryption"):

        class Note(models.Model):  # noqa: DJ008 (a throwaway test model)
            body = EncryptedTextField(blank=True)
            phone = EncryptedCharField(max_length=30, null=True, blank=True)

            class Meta:
                app_label = "encryption"
                db_table = "test_encryption_note"

    with connection.schema_editor() as editor:
        editor.create_model(Note)
    yield Note
    with connection.schema_editor() as editor:
        editor.delete_model(Note)


def raw_values(model, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} ORDER BY id")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]
