"""Least privilege on PostgreSQL: the platform's role may only append to the audit log.

A scratch database with its two roles made by `deploy/postgresql/*.sql`; `egide migrate` runs as
the owner (EGIDE_MIGRATION_DATABASE_URL); then, connected as the platform's role (DATABASE_URL),
UPDATE, DELETE and TRUNCATE of the audit tables are refused by PostgreSQL itself (permission
denied, before any trigger), while the platform's own writes, its backup and its purge work, and
a restore (as the owner) gives the role the same privileges again. Real `egide` processes.
"""

import base64
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
EGIDE = os.path.join(os.path.dirname(sys.executable), "egide")
BACKUP_KEY = base64.urlsafe_b64encode(b"r" * 32).decode()

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles are PostgreSQL's"
)


def server(role: str, dbname: str) -> dict:
    db = connection.settings_dict
    params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": role, "dbname": dbname}
    if db["PASSWORD"] and role == db["USER"]:
        params["password"] = db["PASSWORD"]
    return params


def url(role: str, dbname: str) -> str:
    db = connection.settings_dict
    return f"postgres://{role}@{db['HOST']}:{db['PORT'] or 5432}/{dbname}"


def psql(script: str, **variables) -> None:
    superuser = server(connection.settings_dict["USER"], "postgres")
    command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", superuser["host"]]
    command += ["-p", str(superuser["port"]), "-U", superuser["user"], "-d", "postgres"]
    for name, value in variables.items():
        command += ["-v", f"{name}={value}"]
    env = {**os.environ, "PGPASSWORD": connection.settings_dict["PASSWORD"] or ""}
    done = subprocess.run(  # noqa: S603
        [*command, "-f", str(REPO / "deploy" / "postgresql" / script)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


class Scratch:
    """Two roles and their databases, named for this run (roles are the whole server's)."""

    def __init__(self, tmp: Path):
        suffix = uuid.uuid4().hex[:10]
        self.owner, self.platform = f"egide_owner_{suffix}", f"egide_platform_{suffix}"
        self.database, self.restored = f"egide_roles_{suffix}", f"egide_roles_{suffix}_restored"
        self.tmp = tmp

    def egide(self, *args, database=None, owner=True) -> subprocess.CompletedProcess:
        database = database or self.database
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "DATABASE_URL": url(self.platform, database),
            "EGIDE_BACKUP_KEY": BACKUP_KEY,
            "EGIDE_AUDIT_CHECKPOINTS": str(self.tmp / f"{database}.jsonl"),
        }
        env.pop("EGIDE_DATABASE_AS_OWNER", None)
        if owner:
            env["EGIDE_MIGRATION_DATABASE_URL"] = url(self.owner, database)
        return subprocess.run(  # noqa: S603
            [EGIDE, *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
        )

    def drop(self):
        import psycopg

        with psycopg.connect(**server(connection.settings_dict["USER"], "postgres")) as admin:
            admin.autocommit = True
            for name in (self.database, self.restored):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (self.platform, self.owner):
                admin.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    roles = Scratch(tmp_path_factory.mktemp("roles"))
    try:
        psql("roles.sql", owner=roles.owner, platform=roles.platform)
        psql("database.sql", owner=roles.owner, platform=roles.platform, database=roles.database)
        done = roles.egide("migrate", "--no-input")
        assert done.returncode == 0, done.stderr
        yield roles
    finally:
        roles.drop()


def as_platform(scratch, sql: str):
    import psycopg

    with psycopg.connect(**server(scratch.platform, scratch.database)) as platform:
        platform.execute(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET reason = 'rewritten'",
        "DELETE FROM audit_auditentry",
        "TRUNCATE audit_auditentry",
        "TRUNCATE audit_auditentry, audit_audithead",
        "DELETE FROM audit_audithead",
        "TRUNCATE accounts_agency CASCADE",
        "DELETE FROM django_migrations",
        "DROP TABLE audit_auditentry",
        "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
    ],
)
def test_the_platform_role_is_refused_changing_or_emptying_the_audit_log(scratch, sql):
    import psycopg

    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        as_platform(scratch, sql)
    assert "permission denied" in str(refused.value) or "must be owner" in str(refused.value)


def test_the_tables_belong_to_the_owner_and_the_check_passes(scratch):
    done = scratch.egide("dbroles", "--check")
    assert done.returncode == 0, done.stderr
    assert "audit_auditentry: SELECT, INSERT;" in done.stdout
    assert f"OK: {scratch.platform} cannot change or empty the audit log" in done.stdout


def test_the_check_names_what_a_role_may_do_too_much(scratch):
    import psycopg

    with psycopg.connect(**server(scratch.owner, scratch.database)) as owner:
        owner.execute(f'GRANT TRUNCATE ON audit_auditentry TO "{scratch.platform}"')
    done = scratch.egide("dbroles", "--check")
    assert done.returncode == 1
    assert "may do too much: TRUNCATE on audit_auditentry" in done.stderr
    assert scratch.egide("dbroles").returncode == 0  # granted again as it should be
    assert scratch.egide("dbroles", "--check").returncode == 0


PLATFORM_WRITES = """
from egide.accounts.actor import Actor
from egide.accounts.models import Agency
from egide.audit.choices import Action
from egide.audit.services import record
agency = Agency.objects.create(name="Commissariat d'essai", kind="commissariat", departement="27")
Agency.objects.filter(pk=agency.pk).update(name="Commissariat renommé")
record(Actor.system(), Action.UPDATE, agency, fields=["name"])
agency.delete()
print("written", Agency.objects.count())
"""


def test_the_platform_role_writes_backs_up_and_purges_as_usual(scratch):
    written = scratch.egide("shell", "-c", PLATFORM_WRITES, owner=False)
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip().endswith("written 0")
    purged = scratch.egide("purge", owner=False)
    assert purged.returncode == 0, purged.stderr
    backup = scratch.tmp / "platform.backup"
    done = scratch.egide("backup", str(backup), owner=False)
    assert done.returncode == 0, done.stderr
    verified = scratch.egide("audit", "verify", owner=False)
    assert verified.returncode == 0, verified.stderr
    assert "OK, " in verified.stdout

    psql("database.sql", owner=scratch.owner, platform=scratch.platform, database=scratch.restored)
    restored = scratch.egide("restore", str(backup), database=scratch.restored)
    assert restored.returncode == 0, restored.stderr
    checked = scratch.egide("dbroles", "--check", database=scratch.restored)
    assert checked.returncode == 0, checked.stdout + checked.stderr
