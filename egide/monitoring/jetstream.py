"""NATS JetStream, the scale-out mode's durable intake log (EGIDE_MONITORING_LOG=nats).

One stream (file storage) holds every fix, on subject `<stream>.<partition>`. Intake publishes a
request's fixes and returns only once JetStream has acknowledged each of them, so a device hears
"OK" only for a fix that is on disk. The message id (`Nats-Msg-Id`: device id, ts and alarm) makes
JetStream drop a fix resent within its duplicate window; the worker drops later resends against
the SQL Fix table, as the embedded mode's unique key does.

nats-py is asyncio and Django here is synchronous: each process keeps ONE connection, driven by
an event loop in a background thread, and hands it coroutines.
"""

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import nats
from django.conf import settings
from django.db import DatabaseError
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from .protocols import IncomingFix

log = logging.getLogger(__name__)

CALL_TIMEOUT_S = 5.0
READY_TIMEOUT_S = 2.0
CONNECT_TIMEOUT_S = 3.0
# After a failed connection, callers are answered "unavailable" at once for this long: with NATS
# away, intake answers 503 and the operators' pages render without each waiting for a timeout.
RECONNECT_PAUSE_S = 2.0
DUPLICATE_WINDOW_S = 120.0
# An idle reader's consumer is removed by the server after this (a killed worker leaves one).
READER_IDLE_S = 60.0
# A reader whose fetches stay empty this long checks that the stream has nothing for it.
STALL_CHECK_S = 1.0
# JetStream's answer to creating a stream that exists with another configuration.
STREAM_NAME_IN_USE = 10058


class LogUnavailable(DatabaseError):
    """The log did not take the fixes. For intake, storage is away: the device keeps its fixes
    and retries (503), exactly as when the database is unreachable in the embedded mode."""


def enabled() -> bool:
    return settings.EGIDE_MONITORING_LOG == "nats"


def stream_name() -> str:
    return settings.EGIDE_NATS_STREAM


def subject(partition: int) -> str:
    return f"{stream_name()}.{partition}"


def servers(url: str) -> list[str]:
    """EGIDE_NATS_URL names one server or, comma-separated, the nodes of a cluster: the
    connection goes to any that answers and moves to another when its node is lost."""
    return [server.strip() for server in url.split(",") if server.strip()]


def stream_config() -> StreamConfig:
    name = stream_name()
    return StreamConfig(
        name=name,
        subjects=[f"{name}.*"],
        storage=StorageType.FILE,
        duplicate_window=DUPLICATE_WINDOW_S,
        num_replicas=settings.EGIDE_NATS_REPLICAS,
    )


class Link:
    """This process's connection to NATS, on an event loop of its own."""

    def __init__(self, url: str):
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="nats", daemon=True)
        self._thread.start()
        # Once connected, reconnect forever; a first connection that fails is given up (and its
        # retries cancelled): the caller answers 503 and the next request tries afresh.
        connecting = asyncio.run_coroutine_threadsafe(
            nats.connect(
                servers(url),
                connect_timeout=2,
                max_reconnect_attempts=-1,
                name="egide",
                error_cb=_log_error,
            ),
            self.loop,
        )
        try:
            self.client = connecting.result(CONNECT_TIMEOUT_S)
        except BaseException:
            connecting.cancel()
            self.loop.call_soon_threadsafe(self.loop.stop)
            raise
        self.js = self.client.jetstream()
        self._streams: set[str] = set()

    def call(self, coroutine, timeout: float = CALL_TIMEOUT_S):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stream(self) -> str:
        """The stream, created on first use (idempotent: same configuration, same stream); an
        existing stream takes the configuration (e.g. more replicas once a cluster is there)."""
        name = stream_name()
        if name not in self._streams:
            config = stream_config()
            try:
                self.call(self.js.add_stream(config))
            except BadRequestError as error:
                if error.err_code != STREAM_NAME_IN_USE:
                    raise
                self.call(self.js.update_stream(config))
            self._streams.add(name)
        return name

    def close(self) -> None:
        self.call(self.client.close())
        self.loop.call_soon_threadsafe(self.loop.stop)


async def _log_error(error: Exception) -> None:
    log.warning("NATS: %s", type(error).__name__)


_links: dict[str, Link] = {}
_failed_at: dict[str, float] = {}
_links_lock = threading.Lock()


def link() -> Link:
    url = settings.EGIDE_NATS_URL
    with _links_lock:
        if url not in _links:
            if time.monotonic() - _failed_at.get(url, -RECONNECT_PAUSE_S) < RECONNECT_PAUSE_S:
                raise LogUnavailable("NATS unreachable: connection failed moments ago")
            try:
                _links[url] = Link(url)
            except Exception as error:
                _failed_at[url] = time.monotonic()
                raise LogUnavailable(f"NATS unreachable: {type(error).__name__}") from error
        return _links[url]


def abandon_link(abandoned: Link) -> None:
    """Forget this process's connection after a failed call while connected: its server may
    be cut from the cluster's majority (a network partition), where every JetStream call fails
    although the connection looks fine. The next call connects afresh, to a server of the list
    picked at random, so callers end up on a node that can reach the stream."""
    with _links_lock:
        if _links.get(settings.EGIDE_NATS_URL) is not abandoned:
            return  # already replaced
        del _links[settings.EGIDE_NATS_URL]
    future = asyncio.run_coroutine_threadsafe(abandoned.client.close(), abandoned.loop)
    future.add_done_callback(lambda _: abandoned.loop.call_soon_threadsafe(abandoned.loop.stop))


def connected_link() -> Link:
    """The link, only while it is connected: a link reconnecting is unavailable now, not
    after a call's timeout."""
    connection = link()
    if not connection.client.is_connected:
        raise LogUnavailable("NATS connection lost, reconnecting")
    return connection


def message(fix: IncomingFix, source: str, received_ns: int) -> bytes:
    """A fix as the log keeps it (never the device's secret)."""
    return json.dumps(
        [
            fix.device_id,
            fix.ts,
            fix.lat,
            fix.lon,
            fix.accuracy_m,
            fix.battery_pct,
            fix.alarm,
            source,
            received_ns,
        ],
        separators=(",", ":"),
    ).encode()


def publish(addressed: Sequence[tuple[int, IncomingFix]], source: str) -> list[bool]:
    """Publish (partition, fix) pairs; returns once JetStream has stored every one, with for
    each whether it was new (False: JetStream recognised a resend by its message id)."""
    received_ns = time.time_ns()
    connection = connected_link()
    try:
        name = connection.stream()
        return connection.call(
            _publish_all(
                connection.js,
                [
                    (
                        f"{name}.{partition}",
                        message(fix, source, received_ns),
                        f"{fix.device_id}:{fix.ts}:{fix.alarm}",
                    )
                    for partition, fix in addressed
                ],
                name,
            )
        )
    except Exception as error:
        abandon_link(connection)
        raise LogUnavailable(f"JetStream did not acknowledge: {type(error).__name__}") from error


async def _publish_all(js, messages, stream: str) -> list[bool]:
    futures = [
        await js.publish_async(subj, payload, stream=stream, headers={"Nats-Msg-Id": msg_id})
        for subj, payload, msg_id in messages
    ]
    acks = await asyncio.wait_for(asyncio.gather(*futures), CALL_TIMEOUT_S)
    return [not ack.duplicate for ack in acks]


def oldest_waiting(after: dict[int, int]) -> dict[int, datetime]:
    """partition -> when JetStream stored its oldest message after `after[partition]` (the
    partition's last processed sequence); partitions with nothing waiting are left out.

    Read straight from the stream (no consumer), so watching the log costs the workers nothing.
    Raises LogUnavailable when NATS does not answer: health then reports the outage."""
    connection = connected_link()
    try:
        name = connection.stream()
        return connection.call(_oldest_waiting(connection.js, name, after))
    except Exception as error:
        raise LogUnavailable(f"JetStream did not answer: {type(error).__name__}") from error


async def _oldest_waiting(js, stream: str, after: dict[int, int]) -> dict[int, datetime]:
    async def first_after(partition: int, sequence: int) -> datetime | None:
        try:
            found = await js.get_msg(
                stream, seq=sequence + 1, subject=f"{stream}.{partition}", next=True
            )
        except NotFoundError:
            return None
        return found.time

    partitions = list(after)
    times = await asyncio.gather(*(first_after(p, after[p]) for p in partitions))
    return {p: moment for p, moment in zip(partitions, times, strict=True) if moment is not None}


def stream_unready() -> str | None:
    """Why the stream cannot take fixes now (None: it can): NATS unreachable, or, on a cluster,
    no leader elected for the stream (a quorum of its replicas lost). Never waits long: a load
    balancer asks every few seconds."""
    try:
        connection = connected_link()
        name = connection.stream()
        info = connection.call(connection.js.stream_info(name), timeout=READY_TIMEOUT_S)
    except LogUnavailable as error:
        return f"stream unavailable: {type(error).__name__}"
    except Exception as error:
        abandon_link(connection)
        return f"stream unavailable: {type(error).__name__}"
    if info.cluster is not None and info.cluster.name and not info.cluster.leader:
        return "stream has no leader"
    return None


@dataclass(frozen=True)
class Delivered:
    sequence: int  # in the stream
    fields: list  # as written by `message`


class PartitionReader:
    """One partition's messages in stream order, from a sequence on.

    Position is the worker's business (it commits the last sequence with its state), so the
    consumer is ephemeral and acknowledges nothing. A gap in the consumer's own sequence (a
    delivery lost on a reconnect) restarts it after the last message handed out: never a hole.
    A consumer that fails (its node lost, the stream's leader moving) is given up with the
    connection, and the next fetch opens one afresh, after the last message handed out.
    """

    def __init__(self, partition: int, after: int):
        self.connection: Link | None = None
        self.partition = partition
        self.after = after
        self._idle_since: float | None = None
        self.pending = 0  # messages of the partition after the last one handed out
        self._subscription = None

    def _open(self) -> None:
        self.connection = connected_link()
        name = self.connection.stream()
        start = (
            {"deliver_policy": DeliverPolicy.ALL}
            if self.after == 0
            else {
                "deliver_policy": DeliverPolicy.BY_START_SEQUENCE,
                "opt_start_seq": self.after + 1,
            }
        )
        config = ConsumerConfig(
            ack_policy=AckPolicy.NONE,
            filter_subject=f"{name}.{self.partition}",
            inactive_threshold=READER_IDLE_S,
            mem_storage=True,
            **start,
        )
        self._subscription = self.connection.call(
            self.connection.js.pull_subscribe(config.filter_subject, stream=name, config=config)
        )
        self._consumer_sequence = 0

    def fetch(self, limit: int, wait_s: float) -> list[Delivered]:
        """The next messages (none: nothing new). Raises LogUnavailable when JetStream fails."""
        if self._subscription is not None and self.connection is not _links.get(
            settings.EGIDE_NATS_URL
        ):
            self._subscription = None  # its connection was given up
        try:
            if self._subscription is None:
                self._open()
            messages = self.connection.call(self._subscription.fetch(limit, timeout=wait_s))
        except TimeoutError:  # nothing new (a late delivery shows as a gap, handled below)
            self.pending = 0
            if self._stalled():
                self.close()
            return []
        except LogUnavailable:
            raise
        except Exception as error:
            self._subscription = None
            if self.connection is not None:
                abandon_link(self.connection)
            raise LogUnavailable(f"JetStream reader failed: {type(error).__name__}") from error
        self._idle_since = None
        delivered = []
        for msg in messages:
            sequence = msg.metadata.sequence
            if sequence.consumer != self._consumer_sequence + 1:
                self.close()
                break
            self._consumer_sequence = sequence.consumer
            self.after = sequence.stream
            self.pending = msg.metadata.num_pending
            delivered.append(Delivered(sequence.stream, json.loads(msg.data)))
        return delivered

    def _stalled(self) -> bool:
        """Whether fetches have come back empty for STALL_CHECK_S while the stream holds a
        message of the partition after the last one handed out: the consumer lives on a node
        that was lost (an ephemeral consumer has one replica) and must be opened again."""
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        if now - self._idle_since < STALL_CHECK_S:
            return False
        self._idle_since = now
        name = stream_name()
        try:
            self.connection.call(
                self.connection.js.get_msg(
                    name, seq=self.after + 1, subject=f"{name}.{self.partition}", next=True
                ),
                timeout=READY_TIMEOUT_S,
            )
        except NotFoundError:
            return False
        except Exception:  # the stream does not answer this node (cut off?): try another
            abandon_link(self.connection)
            return True
        log.warning("partition %s: consumer stalled, opening it again", self.partition)
        return True

    def close(self) -> None:
        if self._subscription is not None:
            subscription, self._subscription = self._subscription, None
            if self.connection is not _links.get(settings.EGIDE_NATS_URL):
                return  # its connection was given up, and its loop with it
            with contextlib.suppress(Exception):  # the server drops an idle consumer anyway
                self.connection.call(subscription.unsubscribe())
