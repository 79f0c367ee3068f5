"""`egide bench cases` and `egide bench indicators`: thin wrappers around egide.tools.case_bench
and egide.tools.indicator_bench (imported on use, so that `egide help` does not load the benches'
generators)."""

from importlib import import_module

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Seeds synthetic case files and records (scratch database only) and measures page "
        "server times."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="target", required=True)
        cases = sub.add_parser("cases", help="case list, case page and person search")
        cases.add_argument("--cases", type=int, default=100_000)
        cases.add_argument("--timeline-per-case", type=int, default=10)
        cases.add_argument("--samples", type=int, default=200)
        cases.add_argument(
            "--fill",
            action="store_true",
            help="acknowledge that the database in DATABASE_URL is a scratch one and may be filled",
        )
        cases.add_argument(
            "--measure-again",
            action="store_true",
            help="measure again a database this command has already filled (no seeding)",
        )

        indicators = sub.add_parser(
            "indicators", help="every indicator page and export, and the open-data files"
        )
        indicators.add_argument("--cases", type=int, default=100_000)
        indicators.add_argument("--samples", type=int, default=10)
        indicators.add_argument(
            "--fill",
            action="store_true",
            help="acknowledge that the database in DATABASE_URL is a scratch one and may be filled",
        )
        indicators.add_argument(
            "--measure-again",
            action="store_true",
            help="measure again a database this command has already filled (no seeding)",
        )

    def handle(self, *args, target, **options):
        from egide.tools.case_bench import BenchError

        bench = import_module(f"egide.tools.{'case' if target == 'cases' else 'indicator'}_bench")
        try:
            bench.run(options, self.stdout)
        except BenchError as error:
            raise CommandError(str(error)) from error
