"""Encrypted backups of the whole database, and their restore into an empty one.

A backup is the database as one consistent snapshot (SQLite: the online backup API; PostgreSQL:
`pg_dump` custom format under an exported snapshot), encrypted with AES-256-GCM under
EGIDE_BACKUP_KEY in chunks of 1 MiB. Each chunk is sealed with its number, a "last" flag and the
header's digest, so a chunk reordered, dropped, or cut from the end fails the restore. The header
(in clear, authenticated) says the database kind, the rows per table and the ids of the field
keys the encrypted columns use; the field keys themselves are never in a backup: the restore
needs them supplied in EGIDE_FIELD_KEYS, as the platform does (`docs/operations.md`).

The restore decrypts and authenticates the whole file before touching the database, refuses a
database that holds any table, then loads it and checks it: rows per table as in the header, the
audit chain (`egide audit verify`), and every encrypted value decrypting with the supplied keys.
"""

import base64
import binascii
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from egide.accounts.actor import Actor
from egide.audit.chain import verify_chain
from egide.audit.choices import Action
from egide.audit.grants import grant_platform_role
from egide.audit.services import record
from egide.encryption.keyring import DecryptionError, keyring
from egide.encryption.rotation import encrypted_fields, raw_batch

MAGIC = b"EGIDE-BACKUP\x01\n"
CHUNK_BYTES = 1 << 20
NONCE_BYTES = 12


class BackupError(Exception):
    """A backup or restore refused, with what to do; nothing was changed."""


@dataclass
class RestoreReport:
    vendor: str
    tables: int
    rows: int
    audit_entries: int
    decrypted_values: int
    seconds: float


def backup_key() -> AESGCM:
    try:
        raw = base64.urlsafe_b64decode(settings.BACKUP_KEY.encode())
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise BackupError(
            "EGIDE_BACKUP_KEY must be set to 32 random bytes in URL-safe base64 (python -c "
            '"import os,base64;print(base64.urlsafe_b64encode(os.urandom(32)).decode())")'
        )
    return AESGCM(raw)


# --- the encrypted file -------------------------------------------------------------------------


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return header_digest + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def encrypt(source: BinaryIO, out: BinaryIO, header: dict, key: AESGCM) -> None:
    header_bytes = json.dumps(header, sort_keys=True).encode()
    digest = hashlib.sha256(header_bytes).digest()
    out.write(MAGIC + len(header_bytes).to_bytes(4, "big") + header_bytes)
    index, chunk = 0, source.read(CHUNK_BYTES)
    while True:
        following = source.read(CHUNK_BYTES)
        last = not following
        nonce = os.urandom(NONCE_BYTES)
        sealed = key.encrypt(nonce, chunk, _aad(digest, index, last))
        out.write(len(sealed).to_bytes(4, "big") + nonce + sealed)
        if last:
            return
        index, chunk = index + 1, following


def _read_exact(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise BackupError("The backup file is truncated.")
    return data


def read_header(source: BinaryIO) -> tuple[dict, bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("This file is not an Égide backup.")
    header_bytes = _read_exact(source, int.from_bytes(_read_exact(source, 4), "big"))
    return json.loads(header_bytes), hashlib.sha256(header_bytes).digest()


def decrypt(source: BinaryIO, out: BinaryIO, key: AESGCM) -> dict:
    """Writes the plaintext to `out` and returns the header; fails on any altered byte."""
    header, digest = read_header(source)
    index = 0
    while True:
        length_bytes = source.read(4)
        if not length_bytes:
            raise BackupError("The backup file is truncated (its last part is missing).")
        nonce = _read_exact(source, NONCE_BYTES)
        sealed = _read_exact(source, int.from_bytes(length_bytes, "big"))
        for last in (False, True):
            try:
                out.write(key.decrypt(nonce, sealed, _aad(digest, index, last)))
                break
            except InvalidTag:
                continue
        else:
            raise BackupError("The backup does not decrypt: wrong EGIDE_BACKUP_KEY, or altered.")
        if last:
            if source.read(1):
                raise BackupError("The backup file has data after its end: altered.")
            return header
        index += 1


# --- the database -------------------------------------------------------------------------------


def _table_counts(cursor, tables) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (quoted identifier)
        counts[table] = cursor.fetchone()[0]
    return counts


def field_key_ids() -> list[str]:
    """The ids of the field keys the stored encrypted values were sealed with."""
    used: Counter = Counter()
    with connection.cursor() as cursor:
        for model, field in encrypted_fields():
            after = None
            while batch := raw_batch(cursor, model, field, after, 2000):
                used.update(token.split(":", 2)[1] for _pk, token in batch if token.count(":") >= 2)
                after = batch[-1][0]
    return sorted(used)


def _pg_environment() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
    if db["USER"]:
        args += ["-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client).")
    return path


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        # The tools' messages name tables and options, not rows: safe to show.
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _dump_sqlite(path: Path) -> dict[str, int]:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        cursor = target.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
        return _table_counts(cursor, [row[0] for row in cursor.fetchall()])
    finally:
        target.close()


def _dump_postgresql(path: Path) -> dict[str, int]:
    args, env = _pg_environment()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _table_counts(cursor, connection.introspection.table_names(cursor))
        # The dump reads the very snapshot the counts were taken in.
        _run(
            [
                _tool("pg_dump"),
                *args,
                "-Fc",
                f"--snapshot={snapshot}",
                "-f",
                str(path),
                connection.settings_dict["NAME"],
            ],
            env,
        )
    return counts


def backup(out: Path) -> dict:
    """Writes the encrypted backup to `out` (a new file); returns its header."""
    key = backup_key()
    if out.exists():
        raise BackupError(f"{out} already exists: choose a new file (a backup never overwrites).")
    record(
        Actor.system(), Action.EXPORT, object_type="retention.backup", reason="Sauvegarde chiffrée"
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="egide-backup-") as scratch:
        plain = Path(scratch) / "database"
        counts = (
            _dump_postgresql(plain) if connection.vendor == "postgresql" else _dump_sqlite(plain)
        )
        header = {
            "format": 1,
            "vendor": connection.vendor,
            "created_at": timezone.now().isoformat(),
            "tables": counts,
            "field_key_ids": field_key_ids(),
        }
        partial = out.with_name(out.name + ".partial")
        with open(plain, "rb") as source, open(partial, "xb") as sink:
            encrypt(source, sink, header, key)
            sink.flush()
            os.fsync(sink.fileno())
        partial.rename(out)
    header["seconds"] = round(time.monotonic() - started, 3)
    return header


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _load_sqlite(plain: Path) -> None:
    name = connection.settings_dict["NAME"]
    connection.close()
    source, target = sqlite3.connect(plain), sqlite3.connect(name)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _load_postgresql(plain: Path) -> None:
    args, env = _pg_environment()
    connection.close()
    _run(
        [
            _tool("pg_restore"),
            *args,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            connection.settings_dict["NAME"],
            str(plain),
        ],
        env,
    )
    # The owner restored the tables: the platform's role gets its privileges on them again.
    grant_platform_role(connection)


def decrypted_values() -> int:
    """Decrypts every encrypted value with the configured keys; fails on the first that does not."""
    ring, count = keyring(), 0
    with connection.cursor() as cursor:
        for model, field in encrypted_fields():
            context, after = field._context(), None
            while batch := raw_batch(cursor, model, field, after, 2000):
                for _pk, token in batch:
                    ring.decrypt(token, context)
                count += len(batch)
                after = batch[-1][0]
    return count


@contextmanager
def _plaintext(path: Path, key: AESGCM):
    with tempfile.TemporaryDirectory(prefix="egide-restore-") as scratch:
        plain = Path(scratch) / "database"
        with open(path, "rb") as source, open(plain, "wb") as sink:
            header = decrypt(source, sink, key)
        yield header, plain


def restore(path: Path) -> RestoreReport:
    """Loads the backup at `path` into the (empty) database, then checks what was restored."""
    key = backup_key()
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file.")
    if not database_is_empty():
        raise BackupError(
            "The target database is not empty: a backup is restored into an empty database only "
            "(create a new one). Nothing was changed."
        )
    started = time.monotonic()
    with _plaintext(path, key) as (header, plain):
        if header.get("vendor") != connection.vendor:
            raise BackupError(
                f"This backup is of a {header.get('vendor')} database; the target is "
                f"{connection.vendor}. Nothing was changed."
            )
        missing = set(header.get("field_key_ids", [])) - set(keyring().keys)
        if missing:
            raise BackupError(
                f"EGIDE_FIELD_KEYS lacks the field keys {', '.join(sorted(missing))} the "
                "backup's encrypted values need. Nothing was changed."
            )
        (_load_postgresql if connection.vendor == "postgresql" else _load_sqlite)(plain)
    return _check(header, started)


def _check(header: dict, started: float) -> RestoreReport:
    with connection.cursor() as cursor:
        counts = _table_counts(cursor, header["tables"])
    if counts != header["tables"]:
        differ = sorted(t for t in counts if counts[t] != header["tables"][t])
        raise BackupError(
            f"Restored, but row counts differ from the backup in: {', '.join(differ)}."
        )
    chain = verify_chain()
    if not chain.ok:
        raise BackupError(f"Restored, but the audit log does not verify: {chain.problem}.")
    try:
        values = decrypted_values()
    except DecryptionError as exc:
        raise BackupError(f"Restored, but an encrypted value does not decrypt: {exc}.") from exc
    record(Actor.system(), Action.ADMIN, object_type="retention.backup", reason="Restauration")
    return RestoreReport(
        vendor=connection.vendor,
        tables=len(counts),
        rows=sum(counts.values()),
        audit_entries=chain.verified,
        decrypted_values=values,
        seconds=round(time.monotonic() - started, 3),
    )
