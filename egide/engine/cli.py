"""The `monitor` commands' arguments and dispatch, shared by `egide monitor` (Django) and
`python -m egide.engine` (no Django needed)."""

import argparse
import sys
from typing import TextIO

from .bench import bench
from .errors import InputError
from .replay import replay

REPLAY_HELP = "events of recorded fixes, as JSON Lines on standard output"
BENCH_HELP = "engine and replay throughput on a generated scenario; JSON on the last line"


def add_replay_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pairings", metavar="PAIRINGS.json")
    parser.add_argument("fixes", metavar="FIXES.csv")


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pairings", type=int, default=10_000, help="pairings (default 10,000)")
    parser.add_argument("--zones", type=int, default=3, help="fixed zones per pairing (default 3)")
    parser.add_argument("--fixes", type=int, default=3_000_000, help="fixes (default 3,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")


def run(command: str, options: dict, out: TextIO, log: TextIO) -> None:
    if command == "replay":
        replay(options["pairings"], options["fixes"], out, log)
    else:
        bench(options["pairings"], options["zones"], options["fixes"], options["seed"], out)


def main(
    argv: list[str] | None = None,
    prog: str = "python -m egide.engine",
    error_prefix: str = "error: ",
    error_status: int = 2,
) -> int:
    parser = argparse.ArgumentParser(prog=prog)
    commands = parser.add_subparsers(dest="command", required=True)
    add_replay_arguments(commands.add_parser("replay", help=REPLAY_HELP))
    add_bench_arguments(commands.add_parser("bench", help=BENCH_HELP))
    args = parser.parse_args(argv)
    try:
        run(args.command, vars(args), sys.stdout, sys.stderr)
    except InputError as error:
        sys.stderr.write(f"{error_prefix}{error}\n")
        return error_status
    return 0
