"""Database triggers that keep the audit log append-only (see egide/audit/guard.py).

Entries can be neither updated nor deleted; the chain head only moves forward, one entry at a
time, onto an entry that exists (several at a time since 0003). Any later migration that rebuilds these tables on SQLite drops
their triggers and must create them again (tests/audit/test_append_only.py would fail).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
    WHEN NOT egide_audit_reset_allowed()
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_audithead
    WHEN NOT egide_audit_reset_allowed()
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END""",
    """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_audithead
    WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
        SELECT 1 FROM audit_auditentry WHERE seq = NEW.seq AND hash = NEW.hash)
    BEGIN SELECT RAISE(ABORT, 'audit chain head only moves forward'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER audit_entry_no_update",
    "DROP TRIGGER audit_entry_no_delete",
    "DROP TRIGGER audit_head_no_delete",
    "DROP TRIGGER audit_head_forward_only",
]

POSTGRESQL_FORWARD = [
    """CREATE FUNCTION egide_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit log is append-only: % refused on %', TG_OP, TG_TABLE_NAME;
    END $$""",
    """CREATE FUNCTION egide_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
            SELECT 1 FROM audit_auditentry WHERE seq = NEW.seq AND hash = NEW.hash
        ) THEN
            RAISE EXCEPTION 'audit chain head only moves forward';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION egide_audit_refuse()""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_audithead
    FOR EACH ROW EXECUTE FUNCTION egide_audit_refuse()""",
    """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_audithead
    FOR EACH ROW EXECUTE FUNCTION egide_audit_head_forward()""",
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER audit_entry_append_only ON audit_auditentry",
    "DROP TRIGGER audit_head_no_delete ON audit_audithead",
    "DROP TRIGGER audit_head_forward_only ON audit_audithead",
    "DROP FUNCTION egide_audit_refuse()",
    "DROP FUNCTION egide_audit_head_forward()",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
}


def run(direction):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in STATEMENTS:
            raise NotImplementedError(f"no append-only triggers for {vendor}")
        for sql in STATEMENTS[vendor][direction]:
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(run(0), run(1))]
