"""Model fields whose value is stored encrypted (AES-GCM) and decrypted on load.

The table and column names are bound into the ciphertext as associated data, so a value copied
into another column or table fails to decrypt instead of leaking there.
"""

from django.db import models

from .keyring import keyring


class EncryptedTextField(models.TextField):
    """Text kept encrypted at rest. Not searchable nor sortable by design."""

    def _context(self) -> bytes:
        return f"{self.model._meta.db_table}.{self.column}".encode()

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return keyring().decrypt(value, self._context())

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return keyring().encrypt(value, self._context())


class EncryptedCharField(EncryptedTextField):
    """A short encrypted value (phone, e-mail): validated on max_length, stored as text."""

    def __init__(self, *args, max_length=255, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    def formfield(self, **kwargs):
        return models.CharField(max_length=self.max_length).formfield(**kwargs)
