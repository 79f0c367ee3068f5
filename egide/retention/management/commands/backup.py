"""`egide backup OUT`: the database, encrypted with EGIDE_BACKUP_KEY; the field keys kept apart."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egide.retention.backup import BackupError, backup


class Command(BaseCommand):
    help = "Encrypted backup of the whole database to a new file (the field keys are not in it)."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="the backup file to create")

    def handle(self, *args, out, **options):
        try:
            header = backup(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(header["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {out}: {header['vendor']}, {len(header['tables'])} tables, "
                f"{rows} rows, {out.stat().st_size} bytes in {header['seconds']} s"
            )
        )
