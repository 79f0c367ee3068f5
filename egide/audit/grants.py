"""The platform's PostgreSQL role: reads and writes the application's tables, only appends to the
audit log, only reads which migrations ran, and can truncate nothing.

Two roles (docs/operations.md, "Least privilege"): the owner of the tables
(EGIDE_MIGRATION_DATABASE_URL) runs `egide migrate`, `restore`, `flush` and `dbroles`; the
platform (DATABASE_URL) runs everything else. After each migrate, restore or flush, the owner
grants the platform's role what this module says, and the same to tables created later (default
privileges). The audit triggers already refuse UPDATE and DELETE (migration 0002); the missing
privilege is a second wall, and the only one against TRUNCATE, which fires no row trigger.
"""

from dataclasses import dataclass

from django.conf import settings

from .models import AuditEntry, AuditHead

TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
# The tables the platform may not fully write, and what it may do there. Audit entries are only
# added; the head moves forward on every append (a trigger checks each move). Which migrations ran
# is the owner's to record.
LIMITED = {
    AuditEntry._meta.db_table: ("SELECT", "INSERT"),
    AuditHead._meta.db_table: ("SELECT", "INSERT", "UPDATE"),
    "django_migrations": ("SELECT",),
}


@dataclass
class RoleReport:
    role: str
    tables: int
    limited: dict[str, list[str]]
    problems: list[str]


def grant(connection, role: str) -> None:
    """Gives `role` its privileges on every table of the schema, now and for later tables."""
    quote = connection.ops.quote_name
    grantee = quote(role)
    everything = ", ".join(TABLE_PRIVILEGES)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {grantee}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {grantee}",
        f"GRANT {everything} ON ALL TABLES IN SCHEMA public TO {grantee}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {grantee}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT {everything} ON TABLES TO {grantee}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {grantee}",
    ]
    for table, allowed in LIMITED.items():
        taken = ", ".join(p for p in TABLE_PRIVILEGES if p not in allowed)
        statements.append(f"REVOKE {taken} ON {quote(table)} FROM {grantee}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def grant_platform_role(connection) -> None:
    """The owner grants the platform's role, when the command runs as the owner (migrate, flush,
    restore: each creates or recreates tables)."""
    if connection.vendor == "postgresql" and settings.DATABASE_PLATFORM_ROLE:
        grant(connection, settings.DATABASE_PLATFORM_ROLE)


def grant_after_migrate(sender, using, **kwargs) -> None:
    from django.db import connections

    grant_platform_role(connections[using])


def report(connection, role: str) -> RoleReport:
    """What `role` may do: how many tables it writes, its privileges on the limited tables, and
    what is wrong (more than LIMITED allows, TRUNCATE anywhere, owning a table, superuser)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        found = cursor.fetchone()
        if found is None:
            return RoleReport(role, 0, {}, [f"role {role} does not exist"])
        problems = ["superuser"] if found[0] else []
        cursor.execute(
            "SELECT c.relname, pg_get_userbyid(c.relowner) = %s,"
            " has_table_privilege(%s, c.oid, 'INSERT'),"
            " has_table_privilege(%s, c.oid, 'TRUNCATE')"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')",
            [role, role, role],
        )
        rows = cursor.fetchall()
        limited = {}
        for table in LIMITED:
            cursor.execute(
                "SELECT privilege FROM unnest(%s::text[]) AS privilege"
                " WHERE has_table_privilege(%s, %s, privilege)",
                [list(TABLE_PRIVILEGES), role, table],
            )
            limited[table] = [row[0] for row in cursor.fetchall()]
    problems += [f"owns {name}" for name, owns, _, _ in rows if owns]
    problems += [f"TRUNCATE on {name}" for name, _, _, truncate in rows if truncate]
    problems += [
        f"{privilege} on {table}"
        for table, privileges in limited.items()
        for privilege in privileges
        if privilege not in LIMITED[table]
    ]
    writes = sum(1 for _, _, insert, _ in rows if insert)
    return RoleReport(role, writes, limited, problems)
