"""`egide purge [--dry-run]`: deletes what the retention rules no longer allow to keep."""

from django.core.management.base import BaseCommand

from egide.retention import purge


class Command(BaseCommand):
    help = "Retention: delete what has expired, by kind and rule (--dry-run lists it only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would go and why; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        reports = purge.report() if dry_run else purge.run()
        self.stdout.write("DRY RUN: nothing deleted" if dry_run else "PURGE")
        for item in reports:
            oldest = f"{item.oldest:%Y-%m-%d}" if item.oldest else "-"
            archived = "" if item.archived is None else f", archived {item.archived}"
            if not item.purges:
                action = "report only"
            elif not item.due:
                action = "nothing due"
            elif dry_run:
                action = "would delete"
            else:
                action = f"deleted {item.deleted}" + (
                    f", blocked {item.blocked}" if item.blocked else ""
                )
            self.stdout.write(
                f"{item.code:<18} due {item.due:>8}  oldest {oldest:<10}  {action}{archived}"
                f"  — {item.label}; rule: {item.source}"
            )
