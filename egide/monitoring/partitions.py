"""Scale-out engine workers: each partition of the JetStream log has its own engine and checkpoint,
and the worker processes share the partitions.

A partition's step is the embedded worker's step (`pipeline.Worker`), fed from the stream: in
ONE PostgreSQL transaction it stores the fixes in the Fix table (the evidence courts need), the
events (deterministic ids, conflicts ignored), the engine snapshot and the last stream sequence.
A worker killed at any instant leaves all of it or none of it; the next one restores the
snapshot and reads on after that sequence, so nothing is lost or stored twice. Message
acknowledgements play no part in this.

Sharing: each process holds a PostgreSQL advisory lock per partition it runs (released by the
server when the process dies) and one "member" lock, so all can count the live workers and hold
a fair share each. Two processes on one partition cannot both commit anyway: the checkpoint's
batch number is compared and set in the step's transaction.
"""

import logging
import math
import time
import zlib

from django.db import connection

from . import jetstream, metrics
from .models import EngineCheckpoint, Fix
from .pipeline import PartitionTaken, Worker, as_datetime
from .routing import partition_count

log = logging.getLogger(__name__)

FETCH_WAIT_S = 0.01
MEMBER_SLOTS = 256
REBALANCE_EVERY_S = 1.0


class PartitionWorker(Worker):
    """One partition's engine, fed from the stream after its checkpoint's sequence."""

    def __init__(self, number: int, batch_size: int = 5000):
        self.number = number
        self.reader = None
        super().__init__(partition=jetstream.subject(number), batch_size=batch_size)

    def loaded(self, checkpoint: EngineCheckpoint) -> None:
        if self.reader is not None:
            self.reader.close()
        self.reader = jetstream.PartitionReader(self.number, checkpoint.stream_sequence)
        self.sequence = checkpoint.stream_sequence
        self.buffer: list[jetstream.Delivered] = []

    def step(self, now_ns: int | None = None) -> int:
        """Messages are fetched before the step's transaction, so no lock waits on NATS."""
        wanted = self.batch_size - len(self.buffer)
        if wanted > 0:
            try:
                self.buffer += self.reader.fetch(wanted, FETCH_WAIT_S)
            except jetstream.LogUnavailable as error:
                # No step: with the log away, silence must not read as devices going offline.
                log.warning("partition %s: %s", self.number, error)
                return 0
        return super().step(now_ns)

    def _claim(self) -> tuple[list[tuple], bool]:
        taken, self.buffer = self.buffer[: self.batch_size], self.buffer[self.batch_size :]
        if taken:
            self.sequence = taken[-1].sequence
        metrics.PARTITION_BACKLOG.labels(self.partition).set(len(taken) + self.waiting())
        rows = [
            (
                delivered.sequence,
                *delivered.fields[:7],
                as_datetime(delivered.fields[8]),
                delivered.fields[7],
            )
            for delivered in taken
        ]
        return self._new(rows), len(taken) < self.batch_size

    def waiting(self) -> int:
        """Messages fetched but not yet processed, and those the stream still holds after."""
        return len(self.buffer) + self.reader.pending

    def _new(self, rows: list[tuple]) -> list[tuple]:
        """Resends JetStream could not tell (past its duplicate window) dropped, as the
        embedded mode's unique (device, ts, alarm) key drops them at intake."""
        known = set(
            Fix.objects.filter(
                device_id__in={row[1] for row in rows}, ts__in={row[2] for row in rows}
            ).values_list("device_id", "ts", "alarm")
        )
        new = []
        for row in rows:
            if (row[1], row[2], row[7]) not in known:
                known.add((row[1], row[2], row[7]))
                new.append(row)
        return new

    def _log_moved(self, checkpoint: EngineCheckpoint) -> bool:
        """A batch of resends only: the stream position still moves on, or health would see
        them waiting for ever and a restart would read them again."""
        return self.sequence != checkpoint.stream_sequence

    def _record(self, rows: list[tuple], batch: int, checkpoint: EngineCheckpoint) -> None:
        Fix.objects.bulk_create(
            [
                Fix(
                    device_id=device,
                    ts=ts,
                    lat=lat,
                    lon=lon,
                    accuracy_m=accuracy,
                    battery_pct=battery,
                    alarm=alarm,
                    received_at=received,
                    source=source,
                    batch=batch,
                )
                for _, device, ts, lat, lon, accuracy, battery, alarm, received, source in rows
            ],
            batch_size=2000,
        )
        checkpoint.stream_sequence = self.sequence

    def close(self) -> None:
        self.reader.close()


class Partitions:
    """The partitions this process runs: a fair share of them, taken and given back as worker
    processes come and go (PostgreSQL advisory locks; alone on another database)."""

    def __init__(self, batch_size: int = 5000, out=None):
        self.batch_size = batch_size
        self.count = partition_count()
        self.workers: dict[int, PartitionWorker] = {}
        # Advisory lock keys: (namespace, partition) and, per member, (namespace + 1, slot).
        self._namespace = zlib.crc32(jetstream.stream_name().encode()) & 0x3FFFFFFE
        self._shared = connection.vendor == "postgresql"
        self._rebalanced = 0.0
        self._out = out
        self.member = self._join() if self._shared else None

    def advance(self) -> int:
        self.rebalance()
        processed = 0
        for number, worker in list(self.workers.items()):
            try:
                processed += worker.advance()
            except PartitionTaken:
                log.warning("partition %s taken over by another worker", number)
                self._release(number)
        return processed

    def rebalance(self) -> None:
        if time.monotonic() - self._rebalanced < REBALANCE_EVERY_S:
            return
        self._rebalanced = time.monotonic()
        if not self._shared:
            for number in range(self.count):
                if number not in self.workers:
                    self._take(number)
            return
        share = math.ceil(self.count / max(1, self._members()))
        for number in sorted(self.workers, reverse=True)[: max(0, len(self.workers) - share)]:
            self._release(number)
        for offset in range(self.count):
            if len(self.workers) >= share:
                break
            number = (self.member * share + offset) % self.count
            if number not in self.workers and self._try_lock(self._namespace, number):
                self._take(number)

    def stop(self) -> None:
        for number in list(self.workers):
            self._release(number)

    def _take(self, number: int) -> None:
        try:
            self.workers[number] = PartitionWorker(number, self.batch_size)
        except BaseException:
            self._unlock(number)
            raise
        self._say(f"monitor worker: took partition {number}")

    def _release(self, number: int) -> None:
        self.workers.pop(number).close()
        self._unlock(number)
        self._say(f"monitor worker: gave back partition {number}")

    def _unlock(self, number: int) -> None:
        if self._shared:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [self._namespace, number])

    def _say(self, text: str) -> None:
        if self._out is not None:
            self._out.write(text)
            self._out.flush()

    def _join(self) -> int:
        for slot in range(MEMBER_SLOTS):
            if self._try_lock(self._namespace + 1, slot):
                return slot
        raise RuntimeError("too many monitoring workers")

    def _members(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND classid = %s::bigint::oid AND objsubid = 2",
                [self._namespace + 1],
            )
            return cursor.fetchone()[0]

    def _try_lock(self, key: int, number: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [key, number])
            return cursor.fetchone()[0]
