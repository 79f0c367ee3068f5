"""`egide monitor replay|bench`: thin wrappers around the engine (egide.engine.cli)."""

from django.core.management.base import BaseCommand, CommandError

from egide.engine import InputError, cli
from egide.monitoring import commands as live


class Command(BaseCommand):
    help = "Monitoring engine: replay recorded fixes, or measure the engine's throughput."
    # The engine needs neither the database nor the other apps: a replay for a court must not
    # fail because an unrelated check does.
    requires_system_checks = []

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        cli.add_replay_arguments(commands.add_parser("replay", help=cli.REPLAY_HELP))
        cli.add_bench_arguments(commands.add_parser("bench", help=cli.BENCH_HELP))
        live.add_arguments(commands)

    def handle(self, *args, command, **options):
        if command in live.COMMANDS:
            live.run(command, options, self.stdout)
            return
        try:
            cli.run(command, options, self.stdout, _Plain(self.stderr))
        except InputError as error:
            raise CommandError(str(error)) from error


class _Plain:
    """Standard error without the error colour: the replay's summary is information."""

    def __init__(self, wrapper):
        self._wrapper = wrapper

    def write(self, text: str) -> None:
        self._wrapper.write(text, style_func=lambda x: x, ending="")
