"""`monitor replay PAIRINGS.json FIXES.csv`: the events of a recorded stream, as JSON Lines.

The CSV is read once, a chunk at a time, and each chunk's events are written straight from the
kernel's arrays (`output.py`). Output is spooled to a temporary file and copied out only once all
input has been read and found valid, so a bad row never leaves half an answer on standard output.
"""

import shutil
import tempfile
import threading
from collections.abc import Iterator
from queue import Queue
from typing import BinaryIO, TextIO

from .engine import Engine
from .fixes_csv import device_table, read_fixes
from .model import load_config
from .output import EventWriter


def replay(pairings_path: str, fixes_path: str, out: TextIO, log: TextIO) -> None:
    """Write the events to `out`, a summary to `log`; InputError on bad input, `out` untouched."""
    engine = Engine(load_config(pairings_path))
    devices = device_table(engine.devices)
    with tempfile.TemporaryFile() as spool:
        writer = EventWriter(engine, spool)
        for fixes in _read_ahead(read_fixes(fixes_path, devices)):
            for columns in engine.process_columns(fixes):
                writer.write(columns)
        writer.write(engine.finish_columns())
        spool.seek(0)
        _copy(spool, out)
    _summary(engine.counters, writer.count, log)


def _copy(spool: BinaryIO, out: TextIO) -> None:
    """The spooled lines to `out`: as bytes when it has a byte buffer (standard output), else as
    text, whole lines per write (writers such as Django's OutputWrapper end every write with one).
    """
    target = getattr(out, "buffer", None)
    if target is not None:
        out.flush()
        shutil.copyfileobj(spool, target, 1 << 20)
        target.flush()
        return
    while lines := spool.readlines(1 << 20):
        out.write(b"".join(lines).decode("ascii"))


def _read_ahead(batches: Iterator, depth: int = 2) -> Iterator:
    """`batches`, produced by a reader thread up to `depth` ahead: the CSV kernel lets go of the
    GIL, so the next chunk is parsed on the other core while the engine and the writer work.
    Memory stays bounded (`depth` chunks); the reader's error is raised here, in order."""
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()

    def read() -> None:
        try:
            for batch in batches:
                if stop.is_set():
                    return
                queue.put((batch, None))
        except BaseException as error:  # handed over to the consumer, which raises it
            queue.put((None, error))
            return
        queue.put((None, None))

    reader = threading.Thread(target=read, name="replay-reader", daemon=True)
    reader.start()
    try:
        while True:
            batch, error = queue.get()
            if error is not None:
                raise error
            if batch is None:
                return
            yield batch
    finally:
        stop.set()
        while reader.is_alive():  # unblock a reader waiting on a full queue
            while not queue.empty():
                queue.get_nowait()
            reader.join(0.01)


def _summary(counters: dict[str, int], events: int, log: TextIO) -> None:
    log.write(
        f"replay: {counters['received']} fixes: {counters['accepted']} accepted, "
        f"{counters['unknown_device']} from unknown devices (ignored), "
        f"{counters['duplicate_of_latest']} duplicates of their device's latest fix, "
        f"{counters['older_than_latest']} older than their device's latest fix (late, or "
        f"repeats): these change no state, their alarms are raised once; {events} events\n"
    )
