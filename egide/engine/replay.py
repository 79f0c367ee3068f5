"""`monitor replay PAIRINGS.json FIXES.csv`: the events of a recorded stream, as JSON Lines.

Output is spooled to a temporary file and copied out only once all input has been read and
found valid, so a bad row never leaves half an answer on standard output.
"""

import tempfile
from typing import TextIO

from .engine import Engine
from .fixes_csv import device_table, read_fixes
from .model import load_config
from .repeats import void_repeats


def replay(pairings_path: str, fixes_path: str, out: TextIO, log: TextIO) -> None:
    """Write the events to `out`, a summary to `log`; InputError on bad input, `out` untouched."""
    engine = Engine(load_config(pairings_path))
    devices = device_table(engine.devices)
    held = []
    count = 0
    with tempfile.TemporaryFile("w+", encoding="ascii") as spool:
        for fixes in read_fixes(fixes_path, devices):
            events = engine.process(fixes)
            held += [e for e in events if e.older_fix]
            count += _write(spool, [e for e in events if not e.older_fix])
        stream = read_fixes(fixes_path, devices)
        count += _write(spool, void_repeats(held, engine.device_index, stream) + engine.finish())
        stream.close()
        spool.seek(0)
        # Whole lines per write: writers such as Django's OutputWrapper end every write with one.
        while lines := spool.readlines(1 << 20):
            out.write("".join(lines))
    _summary(engine.counters, len(held), count, log)


def _write(spool: TextIO, events) -> int:
    if events:
        spool.write("".join(f"{e.to_json()}\n" for e in events))
    return len(events)


def _summary(counters: dict[str, int], held: int, events: int, log: TextIO) -> None:
    log.write(
        f"replay: {counters['received']} fixes: {counters['accepted']} accepted, "
        f"{counters['unknown_device']} from unknown devices (ignored), "
        f"{counters['duplicate_of_latest']} duplicates of their device's latest fix (ignored), "
        f"{counters['older_than_latest']} older than their device's latest fix "
        f"(late, or repeats; {held} of them with an alarm); {events} events\n"
    )
