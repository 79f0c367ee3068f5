"""`egide restore IN`: an encrypted backup into an EMPTY database, then checked."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egide.retention.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore an encrypted backup into an empty database and check it (counts, audit, keys)."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the backup file written by `egide backup`")

    def handle(self, *args, backup, **options):
        try:
            report = restore(backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.vendor}: {report.tables} tables, {report.rows} rows in "
                f"{report.seconds} s; audit OK, {report.audit_entries} entries verified; "
                f"{report.decrypted_values} encrypted values decrypt with the supplied keys"
            )
        )
