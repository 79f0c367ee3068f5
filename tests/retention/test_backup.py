"""The restore drill: a seeded database is backed up, restored into an empty one, and the restored
one verifies (audit chain), holds the same rows, and decrypts with the field keys supplied
apart. A wrong key, an altered file or a database that is not empty is refused, changing nothing.
Runs on SQLite and, when the suite does, on PostgreSQL (a scratch database on the same server).

Real `egide` processes on the test database (a file, or the PostgreSQL test database).
"""

import base64
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.choices import PersonRole
from egide.retention.backup import BackupError, backup
from tests.cases.factories import CaseFactory, renamed

from ..subprocesses import database_url

REPO = str(Path(__file__).resolve().parents[2])
EGIDE = os.path.join(os.path.dirname(sys.executable), "egide")
BACKUP_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()


def egide(*args, url: str, checkpoints: Path, **env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "EGIDE_BACKUP_KEY": BACKUP_KEY,
        "EGIDE_AUDIT_CHECKPOINTS": str(checkpoints),
        "PYTHONPATH": REPO,
        **env,
    }
    return subprocess.run(  # noqa: S603
        [EGIDE, *args], cwd=REPO, env=environment, capture_output=True, text=True, check=False
    )


@contextmanager
def empty_database(tmp_path: Path):
    """The URL of a new, empty database of the suite's kind; dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / f'restored-{uuid.uuid4().hex}.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"egide_restore_{uuid.uuid4().hex[:12]}"
    admin = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": "postgres"}
    if db["PASSWORD"]:
        admin["password"] = db["PASSWORD"]
    with psycopg.connect(**admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url().rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(**admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def count_rows(url, checkpoints, code: str) -> str:
    done = egide("shell", "-c", code, url=url, checkpoints=checkpoints)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_verified_counted_and_decrypted(
    tmp_path, settings
):
    case = CaseFactory()
    # A name no factory draws, too long for the encrypted bytes to hold by chance ("Roy" could).
    victim = renamed(case.people.get(role=PersonRole.VICTIM), "Zorglubien")
    record(Actor.system(), Action.CREATE, case, fields=["reference"])
    checkpoints = settings.AUDIT_CHECKPOINTS
    out = tmp_path / "egide.backup"

    made = egide("backup", str(out), url=database_url(), checkpoints=checkpoints)
    assert made.returncode == 0, made.stderr
    assert "Backup written" in made.stdout
    assert victim.last_name.encode() not in out.read_bytes()  # encrypted, and field values too

    with empty_database(tmp_path) as target:
        restored = egide("restore", str(out), url=target, checkpoints=checkpoints)
        assert restored.returncode == 0, restored.stderr
        assert "audit OK" in restored.stdout and "decrypt with the supplied keys" in restored.stdout
        rows = made.stdout.split(" rows")[0].rsplit(" ", 1)[1]
        assert f"{rows} rows" in restored.stdout
        verified = egide("audit", "verify", url=target, checkpoints=checkpoints)
        assert verified.returncode == 0 and verified.stdout.startswith("OK"), verified.stderr
        code = (
            "from egide.cases.models import Person, Case; "
            f"print(Case.objects.count(), Person.objects.get(pk={victim.pk}).last_name)"
        )

        again = egide("restore", str(out), url=target, checkpoints=checkpoints)
        assert again.returncode == 1 and "not empty" in again.stderr
        assert count_rows(target, checkpoints, code) == f"1 {victim.last_name}"


@pytest.mark.django_db(transaction=True)
def test_a_wrong_key_or_an_altered_backup_is_refused_and_the_database_stays_empty(
    tmp_path, settings
):
    CaseFactory()
    checkpoints = settings.AUDIT_CHECKPOINTS
    out = tmp_path / "egide.backup"
    assert egide("backup", str(out), url=database_url(), checkpoints=checkpoints).returncode == 0
    altered = tmp_path / "altered.backup"
    data = bytearray(out.read_bytes())
    data[-100] ^= 1
    altered.write_bytes(bytes(data))
    other_field_key = "other:" + base64.urlsafe_b64encode(b"f" * 32).decode()
    tables = "from django.db import connection; print(len(connection.introspection.table_names()))"
    with empty_database(tmp_path) as target:
        refused = [
            egide("restore", str(altered), url=target, checkpoints=checkpoints),
            egide(
                "restore",
                str(out),
                url=target,
                checkpoints=checkpoints,
                EGIDE_BACKUP_KEY=base64.urlsafe_b64encode(b"x" * 32).decode(),
            ),
            egide(
                "restore",
                str(out),
                url=target,
                checkpoints=checkpoints,
                EGIDE_FIELD_KEYS=other_field_key,
            ),
        ]
        assert [done.returncode for done in refused] == [1, 1, 1]
        assert "does not decrypt" in refused[0].stderr and "does not decrypt" in refused[1].stderr
        assert "EGIDE_FIELD_KEYS lacks the field keys dev" in refused[2].stderr
        assert count_rows(target, checkpoints, tables) == "0"
    settings.BACKUP_KEY = BACKUP_KEY
    with pytest.raises(BackupError, match="already exists"):
        backup(out)
