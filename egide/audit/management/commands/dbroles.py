"""`egide dbroles [--check]`: the platform's PostgreSQL role, granted and checked by the owner."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from egide.audit.grants import grant, report


class Command(BaseCommand):
    help = (
        "PostgreSQL: grant the platform's role (DATABASE_URL) all on the tables but append-only "
        "on the audit log, as the owner (EGIDE_MIGRATION_DATABASE_URL); --check only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="report only, change nothing")

    def handle(self, *args, check, **options):
        role = settings.DATABASE_PLATFORM_ROLE
        if connection.vendor != "postgresql" or not role:
            raise CommandError(
                "Needs PostgreSQL with EGIDE_MIGRATION_DATABASE_URL (the tables' owner) and "
                "DATABASE_URL (the platform's role) both set: see docs/operations.md."
            )
        if not check:
            grant(connection, role)
        found = report(connection, role)
        limited = "; ".join(f"{table}: {', '.join(p)}" for table, p in found.limited.items())
        self.stdout.write(f"role {role}: writes {found.tables} tables; {limited}")
        if found.problems:
            raise CommandError(f"role {role} may do too much: {', '.join(found.problems)}")
        self.stdout.write(self.style.SUCCESS(f"OK: {role} cannot change or empty the audit log"))
