"""`egide directory import FILE --format annuaire|csv`: load structures into the directory.
`egide directory page-weight`: what a first visit of the public orientation page downloads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egide.directory.importers import RowError, import_annuaire, import_csv

IMPORTERS = {"annuaire": (import_annuaire, "service"), "csv": (import_csv, "line")}


class Command(BaseCommand):
    help = (
        "Directory of help: `import` loads an Annuaire JSON export or a curated CSV file; "
        "`page-weight` prints the public page's compressed weight."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="import structures from a file")
        load.add_argument("file", type=Path)
        load.add_argument("--format", dest="file_format", choices=sorted(IMPORTERS), required=True)
        actions.add_parser("page-weight", help="compressed weight of the public page, first visit")

    def handle(self, *args, action, file=None, file_format=None, **options):
        if action == "page-weight":
            self.page_weight()
            return
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

    def page_weight(self):
        from django.test import Client
        from django.urls import reverse

        from egide.directory.pages import BUDGET_BYTES, first_visit_weight

        html = Client().get(reverse("directory:find_help"), HTTP_HOST="localhost").content
        rows = first_visit_weight(html)
        for name, size in rows:
            self.stdout.write(f"{size:>8,} B  {name}")
        total = sum(size for _name, size in rows)
        verdict = "within" if total <= BUDGET_BYTES else "OVER"
        self.stdout.write(f"{total:>8,} B  total gzip, {verdict} the {BUDGET_BYTES:,} B budget")
        if total > BUDGET_BYTES:
            raise CommandError("the public page is over its weight budget")
