"""What an attacker with rights on the database would do: drop the guard, then rewrite rows."""

from django.db import connection

DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER audit_entry_no_update",
        "DROP TRIGGER audit_entry_no_delete",
        "DROP TRIGGER audit_head_forward_only",
    ],
    "postgresql": [
        "DROP TRIGGER audit_entry_append_only ON audit_auditentry",
        "DROP TRIGGER audit_head_forward_only ON audit_audithead",
    ],
}


def tamper(*statements):
    """Runs raw SQL against the audit tables once their triggers are gone."""
    with connection.cursor() as cursor:
        for sql in DROP_TRIGGERS[connection.vendor]:
            cursor.execute(sql)
        for sql in statements:
            cursor.execute(sql)
