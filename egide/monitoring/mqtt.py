"""MQTT intake (Mosquitto, or NATS's MQTT listener): `egide monitor mqtt`.

Devices or gateways publish, at QoS 1, to `egide/fixes/<device id>` a JSON fix
({"secret", "ts", "lat", "lon", "accuracy_m"?, "battery_pct"?, "alarm"?}) or a batch
({"fixes": [...]}, as the HTTP batch endpoint). The bridge keeps a persistent session
(clean session off) and sends PUBACK only once the fixes are committed, so the broker keeps and
redelivers whatever the bridge has not stored (it was down, or the database was). Malformed or
unauthenticated messages are acknowledged and dropped (counted, as over HTTP).

MQTT 3.1.1 is small enough to speak directly here: CONNECT, SUBSCRIBE, PUBLISH/PUBACK, PING.
"""

import contextlib
import json
import logging
import select
import socket
import struct
import time

from django.db import DatabaseError

from . import intake, protocols
from .protocols import Malformed

log = logging.getLogger(__name__)

TOPIC_PREFIX = "egide/fixes/"
KEEPALIVE_S = 30
CONNECT, CONNACK, PUBLISH, PUBACK, SUBSCRIBE, SUBACK = 1, 2, 3, 4, 8, 9
PINGREQ, PINGRESP, DISCONNECT = 12, 13, 14


def _string(text: str) -> bytes:
    data = text.encode()
    return struct.pack("!H", len(data)) + data


def _packet(kind: int, flags: int, body: bytes) -> bytes:
    length, encoded = len(body), bytearray()
    while True:
        byte, length = length % 128, length // 128
        encoded.append(byte | (0x80 if length else 0))
        if not length:
            break
    return bytes([kind << 4 | flags]) + bytes(encoded) + body


class Client:
    """A minimal MQTT 3.1.1 client over one TCP connection."""

    def __init__(
        self,
        host: str,
        port: int,
        client_id: str,
        *,
        clean: bool = True,
        username: str = "",
        password: str = "",
        timeout: float = KEEPALIVE_S,
    ):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        flags = (0x02 if clean else 0) | (0x80 if username else 0) | (0x40 if password else 0)
        body = _string("MQTT") + bytes([4, flags]) + struct.pack("!H", KEEPALIVE_S)
        body += _string(client_id)
        body += (_string(username) if username else b"") + (_string(password) if password else b"")
        self.sock.sendall(_packet(CONNECT, 0, body))
        kind, _, payload = self.read()
        if kind != CONNACK or payload[1] != 0:
            raise ConnectionError(f"MQTT connection refused (code {payload[1:2].hex()})")
        self._next_id = 0
        # Packets that arrived while waiting for another (a persistent session's queued
        # messages come right after CONNACK, before SUBACK): handed out by `next_packet`.
        self.pending: list[tuple[int, int, bytes]] = []

    def _id(self) -> int:
        self._next_id = self._next_id % 65535 + 1
        return self._next_id

    def _exactly(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("MQTT connection closed")
            data += chunk
        return data

    def read(self) -> tuple[int, int, bytes]:
        first = self._exactly(1)[0]
        length, shift = 0, 0
        while True:
            byte = self._exactly(1)[0]
            length += (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        return first >> 4, first & 0x0F, self._exactly(length)

    def _wait_for(self, kind: int) -> None:
        while (packet := self.read())[0] != kind:
            self.pending.append(packet)

    def next_packet(self) -> tuple[int, int, bytes]:
        return self.pending.pop(0) if self.pending else self.read()

    def subscribe(self, topic: str, qos: int = 1) -> None:
        body = struct.pack("!H", self._id()) + _string(topic) + bytes([qos])
        self.sock.sendall(_packet(SUBSCRIBE, 0x02, body))
        self._wait_for(SUBACK)

    def publish(self, topic: str, payload: bytes, qos: int = 1) -> None:
        packet_id = self._id()
        body = _string(topic) + (struct.pack("!H", packet_id) if qos else b"") + payload
        self.sock.sendall(_packet(PUBLISH, qos << 1, body))
        if qos:
            self._wait_for(PUBACK)

    def ack(self, packet_id: int) -> None:
        self.sock.sendall(_packet(PUBACK, 0, struct.pack("!H", packet_id)))

    def ping(self) -> None:
        self.sock.sendall(_packet(PINGREQ, 0, b""))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.sendall(_packet(DISCONNECT, 0, b""))
        self.sock.close()


def parse_publish(flags: int, body: bytes) -> tuple[str, int | None, bytes]:
    (length,) = struct.unpack("!H", body[:2])
    topic = body[2 : 2 + length].decode()
    rest = body[2 + length :]
    if (flags >> 1) & 0x03:
        return topic, struct.unpack("!H", rest[:2])[0], rest[2:]
    return topic, None, rest


def fixes_of(topic: str, payload: bytes) -> list[protocols.IncomingFix]:
    """The fixes of one message; Malformed if it is not one of ours."""
    if not topic.startswith(TOPIC_PREFIX):
        raise Malformed(f"topic {topic}: not under {TOPIC_PREFIX}")
    device_id = topic[len(TOPIC_PREFIX) :]
    try:
        document = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as error:
        raise Malformed(f"payload: not JSON ({error})") from None
    if isinstance(document, dict) and "fixes" not in document:
        document = {"fixes": [{"id": device_id, **document}]}
    return protocols.batch(document)


def accept(topic: str, payload: bytes, received_ns: int) -> str:
    """Store what is valid; -> what happened (for the log). DatabaseError propagates: the message
    is then not acknowledged and the broker keeps it."""
    try:
        fixes = fixes_of(topic, payload)
    except Malformed as error:
        return f"malformed: {error}"
    verdict = intake.check(fixes, received_ns)
    if verdict.unauthenticated:
        refused = [(r, fix.device_id) for _, fix, r in verdict.unauthenticated]
        intake.count_refusals(intake.refusal_counts(refused))
        return "unauthenticated"
    if verdict.clock_ahead:
        ahead = intake.RefusalReason.CLOCK_AHEAD
        refused = [(ahead, fix.device_id) for _, fix in verdict.clock_ahead]
        intake.count_refusals(intake.refusal_counts(refused))
    return f"stored {sum(intake.store(verdict.accepted, 'mqtt'))}"


def bridge(host: str, port: int, *, stop=lambda: False, client_id: str = "egide-intake") -> None:
    """Subscribe (persistent session, QoS 1) and store; reconnects until `stop()`."""
    while not stop():
        try:
            client = Client(host, port, client_id, clean=False)
        except OSError as error:
            log.warning("MQTT broker %s:%s unreachable (%s), retrying", host, port, error)
            time.sleep(2)
            continue
        try:
            client.subscribe(f"{TOPIC_PREFIX}#", qos=1)
            _serve(client, stop)
        except (OSError, ConnectionError, DatabaseError) as error:
            log.warning(
                "MQTT bridge interrupted (%s): unacknowledged messages stay with the broker",
                type(error).__name__,
            )
            time.sleep(1)
        finally:
            client.close()


def _serve(client: Client, stop) -> None:
    last_ping = time.monotonic()
    while not stop():
        if time.monotonic() - last_ping > KEEPALIVE_S / 2:
            client.ping()
            last_ping = time.monotonic()
        if not client.pending:
            readable, _, _ = select.select([client.sock], [], [], 1.0)
            if not readable:
                continue
        kind, flags, body = client.next_packet()
        if kind != PUBLISH:
            continue
        topic, packet_id, payload = parse_publish(flags, body)
        outcome = accept(topic, payload, time.time_ns())
        if not outcome.startswith("stored"):
            log.info("MQTT message dropped: %s", outcome.partition(":")[0])
        if packet_id is not None:
            client.ack(packet_id)
