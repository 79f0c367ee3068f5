"""`egide audit verify`: walks the hash chain of the audit log and names the first broken place."""

from django.core.management.base import BaseCommand, CommandError

from egide.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Audit log operations: `verify` checks that no entry was edited, deleted or reordered."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        subcommands.add_parser("verify", help="Check the hash chain of the whole audit log.")

    def handle(self, *args, subcommand, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"Audit log TAMPERED: {report.problem}. "
                f"{report.verified} entries verified before the break."
            )
        self.stdout.write(self.style.SUCCESS(f"OK, {report.verified} entries verified"))
