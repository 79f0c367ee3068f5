"""The engine worker: intake log → engine → event outbox, exactly once.

Each step runs in ONE transaction: claim the next unclaimed fixes in arrival order, run them
through the engine, insert the events (primary key = the engine's deterministic id, conflicts
ignored), mark the fixes with the batch number, save the engine's snapshot. A worker killed at any
instant leaves either all of it or none of it; on restart it restores the last snapshot and
carries on, so nothing is lost and nothing is stored twice.

Live, the wall clock drives the offline rule (rule 10): once the worker has caught up with the
intake log, a device from which nothing was received for more than offline_after_s (and whose
latest fix is that old) gets its `device.offline` event, stamped latest ts + offline_after_s: the
same id the engine gives it if the device comes back, so it is stored once. Reception time
matters too, so a backlog of old fixes being caught up never looks like a silence.

`Worker` claims from the SQL intake log (the embedded mode); the scale-out mode's partition
worker (`partitions.py`) reads NATS JetStream instead and shares everything else through the two
hooks `_claim` and `_record`.
"""

import logging
import threading
import time
from datetime import UTC, datetime

from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from egide.engine import Engine, Event, parse_config, warm_up

from . import metrics
from .configuration import current_config_text
from .models import EngineCheckpoint, Fix
from .models import Event as StoredEvent

log = logging.getLogger(__name__)

EMBEDDED_PARTITION = "embedded"
FIX_COLUMNS = (
    "id",
    "device_id",
    "ts",
    "lat",
    "lon",
    "accuracy_m",
    "battery_pct",
    "alarm",
    "received_at",
    "source",
)
SQL_CHUNK = 900  # below SQLite's bound-parameter limit


def _ns(moment: datetime) -> int:
    return round(moment.timestamp() * 1e6) * 1000


def as_datetime(ns: int) -> datetime:
    return datetime.fromtimestamp(ns // 1_000_000_000, UTC).replace(
        microsecond=(ns % 1_000_000_000) // 1000
    )


def stored(event: Event, batch: int, now: datetime) -> StoredEvent:
    return StoredEvent(
        id=event.id,
        type=event.type,
        ts=as_datetime(event.ts),
        ts_ns=event.ts,
        device_id=event.device,
        pairing_key="" if event.pairing is None else str(event.pairing),
        zone="" if event.zone is None else str(event.zone),
        level_from=event.level_from or "",
        level_to=event.level_to or "",
        distance_m=event.distance_m,
        batch=batch,
        stored_at=now,
    )


class PartitionTaken(RuntimeError):
    """Another worker committed to this partition since we loaded it: its state wins."""


class Worker:
    """One partition's engine, restored from its checkpoint; claims from the SQL intake log."""

    def __init__(self, partition: str = EMBEDDED_PARTITION, batch_size: int = 5000):
        warm_up()  # compiled or loaded now, before any lock: not on the first fix, in a write
        self.partition = partition
        self.batch_size = batch_size
        self._offline_reported: set[tuple[str, int]] = set()
        self._config_checked = 0.0
        self.load()
        self._last_received = {
            row["device_id"]: _ns(row["at"])
            for row in Fix.objects.filter(batch__isnull=False)
            .values("device_id")
            .annotate(at=Max("received_at"))
        }

    def load(self) -> None:
        checkpoint = EngineCheckpoint.objects.filter(partition=self.partition).first()
        if checkpoint is None:
            self.config_text = current_config_text()
            self.engine = Engine(parse_config(self.config_text))
            self.batch = 0
            checkpoint, _ = EngineCheckpoint.objects.get_or_create(
                partition=self.partition,
                defaults={"config": self.config_text, "snapshot": self.engine.snapshot()},
            )
        else:
            self.config_text = checkpoint.config
            self.engine = Engine(parse_config(checkpoint.config))
            self.engine.restore(bytes(checkpoint.snapshot))
            self.batch = checkpoint.batch
        self.loaded(checkpoint)

    def loaded(self, checkpoint: EngineCheckpoint) -> None:
        """Called once the engine is back at `checkpoint` (the stream reader resumes there)."""

    def refresh_config(self, every_s: float = 2.0) -> None:
        """Pick up new, revised or ended pairings and phones (checked every `every_s`)."""
        if time.monotonic() - self._config_checked < every_s:
            return
        self._config_checked = time.monotonic()
        text = current_config_text()
        if text != self.config_text:
            self.engine = self.engine.reconfigured(parse_config(text))
            self.config_text = text

    def offline_events(self, now_ns: int) -> list[Event]:
        """Rule 10, live: devices silent for more than offline_after_s by the wall clock."""
        after = self.engine.config.settings.offline_after_ns
        events = []
        for d in self.engine.silent_before(now_ns):
            key = (self.engine.devices[d], self.engine.latest_ts(d))
            if self._last_received.get(key[0], 0) >= now_ns - after:
                continue
            if key not in self._offline_reported:
                self._offline_reported.add(key)
                events.append(Event("device.offline", key[1] + after, key[0]))
        return events

    def advance(self) -> int:
        """One turn of the worker loop: configuration changes, then the next batch."""
        self.refresh_config()
        return self.step()

    def step(self, now_ns: int | None = None) -> int:
        """Process the next batch of fixes; -> how many. On any failure the engine goes back
        to the last committed checkpoint, so memory never runs ahead of the database."""
        try:
            return self._step(time.time_ns() if now_ns is None else now_ns)
        except BaseException:
            self._offline_reported.clear()
            self.load()
            raise

    def _step(self, now_ns: int) -> int:
        # Reading the log, running the engine and serialising its state happen before the
        # write transaction: SQLite takes its write lock at BEGIN (IMMEDIATE), and every intake
        # request and session save waits while it is held. Inside: checks and writes only.
        rows, caught_up = self._claim()
        events = self._process(rows) if rows else []
        if caught_up:  # silence now means offline
            events += self.offline_events(now_ns)
        batch = self.batch + 1
        now = timezone.now()
        to_store = [stored(e, batch, now) for e in events]
        snapshot = self.engine.snapshot() if rows or events else None
        metrics.engine_stepped(self.partition, [row[8] for row in rows], now)
        with transaction.atomic():
            checkpoint = EngineCheckpoint.objects.select_for_update().get(partition=self.partition)
            if checkpoint.batch != self.batch:  # another worker moved on: take its state
                raise PartitionTaken(f"partition {self.partition} is run by another worker")
            if snapshot is None and not self._log_moved(checkpoint):
                if (now - checkpoint.heartbeat_at).total_seconds() >= 1:
                    checkpoint.heartbeat_at = now
                    checkpoint.save(update_fields=["heartbeat_at"])
                return 0
            StoredEvent.objects.bulk_create(to_store, ignore_conflicts=True, batch_size=500)
            self._record(rows, batch, checkpoint)
            checkpoint.config = self.config_text
            # (Only the log moved, resends dropped: rare, and a snapshot of an unchanged state.)
            checkpoint.snapshot = snapshot if snapshot is not None else self.engine.snapshot()
            checkpoint.batch = batch
            checkpoint.fixes += len(rows)
            checkpoint.heartbeat_at = now
            checkpoint.save()
        self.batch = batch
        return len(rows)

    def _claim(self) -> tuple[list[tuple], bool]:
        """The next fixes (FIX_COLUMNS) in processing order, and whether that is all there is."""
        waiting = Fix.objects.filter(batch__isnull=True)
        rows = list(waiting.order_by("id").values_list(*FIX_COLUMNS)[: self.batch_size])
        caught_up = len(rows) < self.batch_size
        backlog = len(rows) if caught_up else waiting.count()
        metrics.PARTITION_BACKLOG.labels(self.partition).set(backlog)
        return rows, caught_up

    def _log_moved(self, checkpoint: EngineCheckpoint) -> bool:
        """Whether the claim consumed log entries that left no fix (resends dropped): their
        position must be committed all the same. The SQL intake log keeps no such entries."""
        return False

    def _record(self, rows: list[tuple], batch: int, checkpoint: EngineCheckpoint) -> None:
        """The claimed fixes marked processed by `batch`, in the step's transaction."""
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), SQL_CHUNK):
            Fix.objects.filter(id__in=ids[start : start + SQL_CHUNK]).update(batch=batch)

    def _process(self, rows) -> list[Event]:
        _, device, ts, lat, lon, accuracy, battery, alarm, received, _ = zip(*rows, strict=True)
        for device_id, at in zip(device, received, strict=True):
            self._last_received[device_id] = max(self._last_received.get(device_id, 0), _ns(at))
        fixes = self.engine.fixes(device, ts, lat, lon, accuracy, battery, alarm)
        return self.engine.process(fixes)


def run(worker, *, idle_sleep_s: float = 0.05, stop=lambda: False, on_idle=None) -> None:
    """The worker loop: engine step (`worker.advance()`: one partition, or the partitions this
    process holds), publishing, escalations; sleeps only when idle. Police
    dispatch runs in a thread of its own, so a slow dispatch room never delays an alert."""
    from .publisher import escalate_unacknowledged, publish_pending

    ended = threading.Event()
    dispatcher = threading.Thread(
        target=_dispatch_loop, args=(lambda: stop() or ended.is_set(),), daemon=True
    )
    dispatcher.start()
    try:
        while not stop():
            processed = worker.advance()
            published = publish_pending()
            escalate_unacknowledged()
            if not processed and not published:
                if on_idle is not None:
                    on_idle()
                time.sleep(idle_sleep_s)
    finally:
        ended.set()
        dispatcher.join(timeout=5)


def _dispatch_loop(stop, every_s: float = 0.5) -> None:
    from .dispatch import send_due

    try:
        while not stop():
            try:
                send_due()
            except DatabaseError:
                log.warning("police dispatch: database unavailable, retrying")
            time.sleep(every_s)
    finally:
        connection.close()
