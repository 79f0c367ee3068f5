"""`monitor replay PAIRINGS.json FIXES.csv`: the events of a recorded stream, as JSON Lines.

The CSV is read once, a chunk at a time, and each chunk's events are written straight from the
kernel's arrays (`output.py`). Output is spooled to a temporary file and copied out only once all
input has been read and found valid, so a bad row never leaves half an answer on standard output.
"""

import tempfile
from typing import TextIO

from .engine import Engine
from .fixes_csv import device_table, read_fixes
from .model import load_config
from .output import EventWriter


def replay(pairings_path: str, fixes_path: str, out: TextIO, log: TextIO) -> None:
    """Write the events to `out`, a summary to `log`; InputError on bad input, `out` untouched."""
    engine = Engine(load_config(pairings_path))
    devices = device_table(engine.devices)
    with tempfile.TemporaryFile("w+", encoding="ascii") as spool:
        writer = EventWriter(engine, spool)
        for fixes in read_fixes(fixes_path, devices):
            for columns in engine.process_columns(fixes):
                writer.write(columns)
        writer.write(engine.finish_columns())
        spool.seek(0)
        # Whole lines per write: writers such as Django's OutputWrapper end every write with one.
        while lines := spool.readlines(1 << 20):
            out.write("".join(lines))
    _summary(engine.counters, writer.count, log)


def _summary(counters: dict[str, int], events: int, log: TextIO) -> None:
    log.write(
        f"replay: {counters['received']} fixes: {counters['accepted']} accepted, "
        f"{counters['unknown_device']} from unknown devices (ignored), "
        f"{counters['duplicate_of_latest']} duplicates of their device's latest fix, "
        f"{counters['older_than_latest']} older than their device's latest fix (late, or "
        f"repeats): these change no state, their alarms are raised once; {events} events\n"
    )
