"""The chain head may move forward by several entries at once (a page listing 25 cases appends
its 25 read entries under one lock), still only onto entries that all exist: every sequence number
between the old head and the new one must be present, the last one with the new head's hash."""

from django.db import migrations

SQLITE_GUARD = """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_audithead
    WHEN NEW.id <> OLD.id OR NEW.seq <= OLD.seq OR NOT EXISTS (
        SELECT 1 FROM audit_auditentry WHERE seq = NEW.seq AND hash = NEW.hash)
    OR (SELECT count(*) FROM audit_auditentry WHERE seq > OLD.seq AND seq <= NEW.seq)
        <> NEW.seq - OLD.seq
    BEGIN SELECT RAISE(ABORT, 'audit chain head only moves forward'); END"""
SQLITE_ONE_BY_ONE = """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_audithead
    WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
        SELECT 1 FROM audit_auditentry WHERE seq = NEW.seq AND hash = NEW.hash)
    BEGIN SELECT RAISE(ABORT, 'audit chain head only moves forward'); END"""

POSTGRESQL_GUARD = """CREATE OR REPLACE FUNCTION egide_audit_head_forward() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id <> OLD.id OR NEW.seq <= OLD.seq OR NOT EXISTS (
            SELECT 1 FROM audit_auditentry WHERE seq = NEW.seq AND hash = NEW.hash
        ) OR (
            SELECT count(*) FROM audit_auditentry WHERE seq > OLD.seq AND seq <= NEW.seq
        ) <> NEW.seq - OLD.seq THEN
            RAISE EXCEPTION 'audit chain head only moves forward';
        END IF;
        RETURN NEW;
    END $$"""
POSTGRESQL_ONE_BY_ONE = """CREATE OR REPLACE FUNCTION egide_audit_head_forward() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
            SELECT 1 FROM audit_auditentry WHERE seq = NEW.seq AND hash = NEW.hash
        ) THEN
            RAISE EXCEPTION 'audit chain head only moves forward';
        END IF;
        RETURN NEW;
    END $$"""

STATEMENTS = {
    "sqlite": (
        ["DROP TRIGGER audit_head_forward_only", SQLITE_GUARD],
        ["DROP TRIGGER audit_head_forward_only", SQLITE_ONE_BY_ONE],
    ),
    "postgresql": ([POSTGRESQL_GUARD], [POSTGRESQL_ONE_BY_ONE]),
}


def run(direction):
    def operation(apps, schema_editor):
        for sql in STATEMENTS[schema_editor.connection.vendor][direction]:
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [migrations.RunPython(run(0), run(1))]
