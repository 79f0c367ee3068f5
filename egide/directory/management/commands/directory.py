"""`egide directory import FILE --format annuaire|csv`: load structures into the directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egide.directory.importers import RowError, import_annuaire, import_csv

IMPORTERS = {"annuaire": (import_annuaire, "service"), "csv": (import_csv, "line")}


class Command(BaseCommand):
    help = "Directory of help: `import` loads an Annuaire JSON export or a curated CSV file."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="import structures from a file")
        load.add_argument("file", type=Path)
        load.add_argument("--format", dest="file_format", choices=sorted(IMPORTERS), required=True)

    def handle(self, *args, action, file, file_format, **options):
        importer, label = IMPORTERS[file_format]
        try:
            report = importer(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        except (RowError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(report.as_text(label))
        if report.rejected:
            self.stderr.write(f"{len(report.rejected)} rejected: see the list above")
