"""`flush` empties the whole database, audit log included: the one reset the guard lets through."""

from django.core.management.commands import flush

from egide.audit.guard import audit_reset


class Command(flush.Command):
    def handle(self, **options):
        with audit_reset():
            super().handle(**options)
