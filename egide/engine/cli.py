"""The `monitor` commands' arguments and dispatch, shared by `egide monitor` (Django) and
`python -m egide.engine` (no Django needed)."""

import argparse
import os
import sys
from typing import TextIO

from .errors import InputError

REPLAY_HELP = "events of recorded fixes, as JSON Lines on standard output"
BENCH_HELP = "engine and replay throughput on generated scenarios; JSON on the last line"
REFERENCE_HELP = "the same events by the plain-Python reference implementation (slow: a yardstick)"


def add_replay_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pairings", metavar="PAIRINGS.json")
    parser.add_argument("fixes", metavar="FIXES.csv")


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pairings", type=int, default=10_000, help="pairings (default 10,000)")
    parser.add_argument("--zones", type=int, default=3, help="fixed zones per pairing (default 3)")
    parser.add_argument("--fixes", type=int, default=3_000_000, help="fixes (default 3,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--busy-pairings",
        type=int,
        default=400,
        help="pairings of the event-heavy scenario (default 400)",
    )
    parser.add_argument(
        "--busy-fixes",
        type=int,
        default=615_000,
        help="fixes of the event-heavy scenario (default 615,000: 12 hours of 400 pairings)",
    )
    parser.add_argument(
        "--startup",
        action="store_true",
        help="only the start-up times of `egide --help` and `egide aid estimate` (seconds)",
    )


def run(command: str, options: dict, out: TextIO, log: TextIO) -> None:
    # Each command imports what it runs, and only that: start-up is part of a replay's time.
    if command == "replay":
        from .replay import replay

        replay(options["pairings"], options["fixes"], out, log)
    elif command == "reference":
        from .reference import reference_replay

        reference_replay(options["pairings"], options["fixes"], out)
    elif options["startup"]:
        from .bench import bench_startup

        bench_startup(out)
    else:
        from .bench import bench

        bench(
            options["pairings"],
            options["zones"],
            options["fixes"],
            options["seed"],
            out,
            busy=(options["busy_pairings"], options["busy_fixes"]),
        )


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
    add_replay_arguments(commands.add_parser("reference", help=REFERENCE_HELP))
    args = parser.parse_args(argv)
    try:
        run(args.command, vars(args), sys.stdout, sys.stderr)
    except InputError as error:
        sys.stderr.write(f"{error_prefix}{error}\n")
        return error_status
    except BrokenPipeError:  # the reader stopped reading (`| head`): nothing more to say
        return error_status
    return 0


def leave(status: int) -> None:
    """End the process with `status` once standard output and error are flushed, without
    Python's teardown: unloading numba and numpy costs a tenth of a second, a tenth of a replay's
    whole time, and these commands hold nothing else to release (their files are closed)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away: as Python's own exit would, say nothing
        os._exit(status or 1)
    os._exit(status)
