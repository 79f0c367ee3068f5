"""Re-encrypting stored values under the primary key, so an old key can then be retired.

Values are read and written raw (tokens, not plaintext) so that a value already under the
primary key is left alone: rotation is idempotent and can be interrupted and run again. Each
row is rewritten only if it still holds the token that was read (compare-and-set), so a
concurrent edit is never overwritten.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import connections, router, transaction

from .fields import EncryptedTextField
from .keyring import keyring


@dataclass
class FieldRotation:
    label: str
    scanned: int = 0
    rotated: int = 0


def encrypted_fields(models=None):
    """(model, field) for every encrypted field of every installed model."""
    for model in models if models is not None else apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def raw_batch(cursor, model, field, after, size):
    """The next `size` (pk, token) pairs after pk `after` (None: from the start)."""
    ops = cursor.db.ops
    table, pk = ops.quote_name(model._meta.db_table), ops.quote_name(model._meta.pk.column)
    column = ops.quote_name(field.column)
    start, params = ("", []) if after is None else (f"AND {pk} > %s ", [after])
    cursor.execute(
        f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> '' "  # noqa: S608 (quoted identifiers)
        f"{start}ORDER BY {pk} LIMIT %s",
        [*params, size],
    )
    return cursor.fetchall()


def rewrite(cursor, model, field, pk, old_token, new_token):
    ops = cursor.db.ops
    table, pk_column = ops.quote_name(model._meta.db_table), ops.quote_name(model._meta.pk.column)
    column = ops.quote_name(field.column)
    cursor.execute(
        f"UPDATE {table} SET {column} = %s WHERE {pk_column} = %s AND {column} = %s",  # noqa: S608
        [new_token, pk, old_token],
    )
    return cursor.rowcount


def rotate_field(model, field, batch_size=500) -> FieldRotation:
    ring, context = keyring(), field._context()
    result = FieldRotation(label=f"{model._meta.label}.{field.name}")
    using = router.db_for_write(model)
    after = None
    while True:
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            rows = raw_batch(cursor, model, field, after, batch_size)
            for pk, token in rows:
                if not ring.is_current(token):
                    new_token = ring.encrypt(ring.decrypt(token, context), context)
                    result.rotated += rewrite(cursor, model, field, pk, token, new_token)
        result.scanned += len(rows)
        if len(rows) < batch_size:
            return result
        after = rows[-1][0]


def rotate_all(models=None, batch_size=500) -> list[FieldRotation]:
    return [rotate_field(model, field, batch_size) for model, field in encrypted_fields(models)]
