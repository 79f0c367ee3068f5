"""`egide monitor loadtest`: the live pipeline under load, on loopback, on a scratch database.

Bounded: a few phases of `seconds` each, against a server and a worker this command starts on
127.0.0.1 and stops, with a scratch database it creates and removes (a SQLite file, or a fresh
PostgreSQL database when DATABASE_URL names PostgreSQL). Prints figures, then one JSON line:

- batch_fixes_per_s: fixes durably stored per second through the batch endpoint;
- osmand_requests_per_s: single OsmAnd requests (one fix each) answered 200 per second;
- latency_ms_p50/p99: from sending a fix with an SOS at 1,000 fixes/s to its incident id
  arriving on an operator's Server-Sent Events stream;
- lost / duplicated: SOS fixes without exactly one incident, fixes acknowledged but not stored.

The server runs as in production: `uvicorn egide.asgi:application` (uvloop and httptools),
one process on SQLite (one writer at a time anyway), SERVER_PROCESSES on PostgreSQL. The load
comes from raw asyncio HTTP/1.1 kept-alive connections in this process, sharing the machine.
"""

import asyncio
import http.client
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import orjson
import uvloop

PREFIX = "/surveillance/reception"
BATCH = 1000
BATCH_CLIENTS = 4  # gateways sending batches back to back
OSMAND_CLIENTS = 64  # devices with a request in flight each: the writer commits them in groups
SERVER_PROCESSES = 2  # with PostgreSQL: one per core of the reference machine
SECRET = "loadtest-secret"  # noqa: S105 (scratch devices, deleted after the run)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Scratch:
    """A scratch database and the processes running on it (all removed at the end)."""

    def __init__(self):
        self.directory = tempfile.TemporaryDirectory(prefix="egide-loadtest-")
        url = os.environ.get("DATABASE_URL", "")
        self.pg_name = None
        if url.startswith("postgres"):
            import psycopg

            self.pg_name = f"egide_loadtest_{os.getpid()}"
            self.maintenance = urlparse(url)._replace(path="/postgres").geturl()
            with psycopg.connect(self.maintenance, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.pg_name}"')
            self.url = urlparse(url)._replace(path=f"/{self.pg_name}").geturl()
        else:
            self.url = f"sqlite:///{self.directory.name}/loadtest.sqlite3"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "EGIDE_DB_CONN_MAX_AGE": "600",
            "EGIDE_ALLOWED_HOSTS": "127.0.0.1",
            "EGIDE_LOG_LEVEL": "WARNING",
        }
        self.processes: list[subprocess.Popen] = []

    def call(self, *args) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(done.stderr[-2000:])
        return done.stdout

    def python(self, code: str) -> str:
        return self.call(sys.executable, "-c", f"import django; django.setup(); {code}")

    def start(self, *args) -> subprocess.Popen:
        process = subprocess.Popen(
            args, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.processes.append(process)
        return process

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        self.directory.cleanup()


def seed(devices: int) -> None:
    """Pairings for `devices` devices and a signed-in operator; JSON on standard output."""
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from egide.accounts.models import Agency, Membership, User
    from egide.accounts.roles import AgencyKind, Role
    from egide.cases.models import Case
    from egide.devices.choices import DeviceKind, DeviceStatus, Framework
    from egide.devices.models import BraceletOrder, Device
    from egide.devices.models import Pairing as PairingModel
    from egide.devices.secrets import intake_secret_hash

    court = Agency.objects.create(name="TJ charge", kind=AgencyKind.TRIBUNAL, departement="27")
    police = Agency.objects.create(
        name="Police charge", kind=AgencyKind.COMMISSARIAT, departement="27", court=court
    )
    centre = Agency.objects.create(
        name="Centre charge", kind=AgencyKind.MONITORING_CENTRE, departement="75"
    )
    judge = User.objects.create(username="judge-load")
    operator = User.objects.create(username="operator-load")
    Membership.objects.create(user=operator, agency=centre, role=Role.MONITORING_OPERATOR)
    otp = TOTPDevice.objects.create(user=operator, name="default", confirmed=True)
    secret_hash = intake_secret_hash(SECRET)
    now = timezone.now()
    couples = []
    for n in range(devices // 2):
        case = Case.objects.create(
            reference=f"LOAD-{n:06d}", departement="27", court=court, opening_agency=police
        )
        order = BraceletOrder.objects.create(
            case=case, court=court, framework=Framework.SENTENCE, alert_km=1, ordered_by=judge
        )
        pair = [
            Device.objects.create(
                kind=kind,
                device_id=f"load-{kind[:4]}-{n:05d}",
                serial_number=f"L{n}",
                status=DeviceStatus.ASSIGNED,
                intake_secret_hash=secret_hash,
            )
            for kind in (DeviceKind.PERPETRATOR_BRACELET, DeviceKind.VICTIM_UNIT)
        ]
        PairingModel.objects.create(
            order=order,
            perpetrator_device=pair[0],
            victim_device=pair[1],
            alert_m=1000,
            prealert_m=2000,
            valid_from=now - timedelta(hours=1),
        )
        couples.append([d.device_id for d in pair])
    session = SessionStore()
    session[SESSION_KEY] = str(operator.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = operator.get_session_auth_hash()
    session["otp_device_id"] = otp.persistent_id
    session.create()
    print(json.dumps({"couples": couples, "session": session.session_key}))


def counts() -> None:
    """What the pipeline stored: fixes, SOS events and incidents (JSON)."""
    from django.db.models import Count

    from egide.monitoring.models import Event, Fix, Incident

    sos = Incident.objects.filter(kind="sos")
    print(
        json.dumps(
            {
                "fixes": Fix.objects.count(),
                "unprocessed": Fix.objects.filter(batch__isnull=True).count(),
                "sos_events": Event.objects.filter(type="sos").count(),
                "sos_incidents": sos.count(),
                "sos_incidents_per_fix": list(
                    sos.values("occurred_at").annotate(n=Count("id")).values_list("n", flat=True)
                ),
                "incident_times": {
                    str(pk): at.timestamp() for pk, at in sos.values_list("id", "occurred_at")
                },
            }
        )
    )


class Clock:
    """Distinct timestamps per device (ms), so no fix is a duplicate of another."""

    def __init__(self):
        self.next_ms = int(time.time() * 1000) - 3_600_000
        self.lock = threading.Lock()

    def take(self, count: int) -> int:
        with self.lock:
            first = self.next_ms
            self.next_ms += count
            return first


def _batch_body(devices, clock: Clock, size: int, sos_every: int = 0) -> tuple[bytes, list]:
    first = clock.take(size)
    fixes, sos_times = [], []
    for i in range(size):
        device = devices[i % len(devices)]
        ts_ms = first + i
        lat = 49.44 if "vict" in device else 49.54  # 11 km apart: no zone alert
        fix = {"id": device, "secret": SECRET, "ts": ts_ms, "lat": lat, "lon": 1.09}
        if sos_every and i % sos_every == 1 and "vict" in device:
            fix["alarm"] = "sos"
            sos_times.append(ts_ms)
        fixes.append(fix)
    return orjson.dumps({"fixes": fixes}), sos_times


def _post(connection, path, body) -> int:
    connection.request("POST", path, body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    return response.status


async def _exchange(reader, writer, request: bytes) -> int:
    """One request on a kept-alive HTTP/1.1 connection → its status (the body is read, unused)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return int(head[9:12])


def _drive(port, seconds, connections, next_request, weight) -> tuple[float, int]:
    """`connections` devices (or gateways) sending back to back on raw asyncio connections, as
    lean as a load generator sharing the server's cores can be → (per second, total) of
    `weight(request)` summed over requests answered 200."""

    async def device(end, done):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.monotonic() < end:
            request = next_request()
            if await _exchange(reader, writer, request) == 200:
                done[0] += weight(request)
        writer.close()

    async def run():
        done = [0]
        started = time.monotonic()
        end = started + seconds
        await asyncio.gather(*(device(end, done) for _ in range(connections)))
        return done[0] / (time.monotonic() - started), done[0]

    return uvloop.run(run())


def phase_batch(port, devices, seconds, clock) -> tuple[float, int]:
    def next_request() -> bytes:
        body, _ = _batch_body(devices, clock, BATCH)
        head = f"POST {PREFIX}/lot/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        return head.encode() + body

    return _drive(port, seconds, BATCH_CLIENTS, next_request, lambda request: BATCH)


def phase_osmand(port, devices, seconds, clock) -> tuple[float, int]:
    sent = itertools.count()

    def next_request() -> bytes:
        device = devices[next(sent) % len(devices)]
        query = f"id={device}&secret={SECRET}&timestamp={clock.take(1)}&lat=49.44&lon=1.09"
        return f"GET {PREFIX}/osmand/?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()

    return _drive(port, seconds, OSMAND_CLIENTS, next_request, lambda request: 1)


def phase_latency(port, devices, seconds, clock, session):
    """1,000 fixes/s in batches of 100 every 100 ms, one SOS per batch; SSE arrival times.
    -> (send time per SOS ts, SSE arrival per incident id, fixes sent, stop event, listener)"""
    arrivals: dict[str, float] = {}
    stop = threading.Event()

    def listen():
        while not stop.is_set():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request(
                "GET", "/surveillance/flux/", headers={"Cookie": f"sessionid={session}"}
            )
            response = connection.getresponse()
            try:
                while not stop.is_set():
                    line = response.fp.readline()
                    if not line:
                        break
                    if line.startswith(b"data: "):
                        now = time.time()
                        for pk in json.loads(line[6:])["ids"]:
                            arrivals.setdefault(str(pk), now)
            except (TimeoutError, OSError):
                pass
            connection.close()

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    time.sleep(1)
    sent: dict[int, float] = {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    end = time.monotonic() + seconds
    tick = time.monotonic()
    count = 0
    while tick < end:
        body, sos_times = _batch_body(devices, clock, 100, sos_every=100)
        at = time.time()
        if _post(connection, f"{PREFIX}/lot/", body) == 200:
            count += 100
            for ts_ms in sos_times:
                sent[ts_ms] = at
        tick += 0.1
        time.sleep(max(0.0, tick - time.monotonic()))
    connection.close()
    return sent, arrivals, count, stop, listener


def _percentile(values, q) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _rounded(value):
    return None if value is None else round(value)


def loadtest(seconds: float, devices: int, out) -> None:
    scratch = Scratch()
    try:
        _loadtest(scratch, seconds, max(devices, 2), out)
    finally:
        scratch.close()


def _wait_ready(port) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", f"{PREFIX}/osmand/")
            response = connection.getresponse()
            response.read()
            if response.status == 404:
                raise RuntimeError(f"{PREFIX}/osmand/ is not served: mount egide.monitoring.urls")
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the loopback server did not start")


def _loadtest(scratch: Scratch, seconds: float, devices: int, out) -> None:
    egide = str(Path(sys.executable).with_name("egide"))
    out.write(f"loadtest: scratch database {urlparse(scratch.url).scheme}, migrating…")
    scratch.call(egide, "migrate", "-v0")
    seeded = json.loads(scratch.python(f"from egide.tools.loadtest import seed; seed({devices})"))
    ids = [d for couple in seeded["couples"] for d in couple]
    port = _serve(scratch)
    clock = Clock()
    batch_rate, batch_stored = phase_batch(port, ids, seconds, clock)
    out.write(f"batch endpoint: {batch_rate:,.0f} fixes/s stored ({batch_stored} fixes)")
    osmand_rate, osmand_stored = phase_osmand(port, ids, seconds, clock)
    out.write(f"single OsmAnd requests: {osmand_rate:,.0f} requests/s ({osmand_stored} fixes)")
    out.write("engine worker catching up with the backlog…")
    scratch.start(egide, "monitor", "worker")
    _drain(scratch)
    sent, arrivals, paced, stop, listener = phase_latency(
        port, ids, seconds, clock, seeded["session"]
    )
    _drain(scratch)
    time.sleep(1)
    stop.set()
    stored = json.loads(scratch.python("from egide.tools.loadtest import counts; counts()"))
    listener.join(timeout=6)
    latencies = []
    for pk, occurred in stored["incident_times"].items():
        ts_ms = round(occurred * 1000)
        if ts_ms in sent and pk in arrivals:
            latencies.append((arrivals[pk] - sent[ts_ms]) * 1000)
    out.write(
        f"latency phase: {len(sent)} SOS sent, {stored['sos_incidents']} incidents, "
        f"{len(arrivals)} ids on the stream, {len(latencies)} matched"
    )
    acknowledged = batch_stored + osmand_stored + paced
    result = {
        "batch_fixes_per_s": round(batch_rate),
        "osmand_requests_per_s": round(osmand_rate),
        "latency_fixes_per_s": round(paced / seconds),
        "latency_ms_p50": _rounded(_percentile(latencies, 0.50)),
        "latency_ms_p99": _rounded(_percentile(latencies, 0.99)),
        "latency_samples": len(latencies),
        "sos_sent": len(sent),
        "lost": max(0, acknowledged - stored["fixes"])
        + max(0, len(sent) - stored["sos_incidents"]),
        "duplicated": sum(n - 1 for n in stored["sos_incidents_per_fix"] if n > 1),
        "database": "postgresql" if scratch.pg_name else "sqlite",
        "cpus": os.cpu_count(),
    }
    out.write(json.dumps(result))


def _serve(scratch: Scratch) -> int:
    """The server as in production, on a free loopback port; -> the port once it answers."""
    port = _free_port()
    scratch.start(
        sys.executable,
        "-m",
        "uvicorn",
        "egide.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--workers",
        # SQLite serialises writers: a second process only adds lock waits.
        str(SERVER_PROCESSES if scratch.pg_name else 1),
    )
    _wait_ready(port)
    return port


def abuse(attacks: int, out) -> None:
    """`egide monitor loadtest --abuse`: anonymous 10,000-fix batches (made-up device ids)
    sent back to back while authenticated devices keep reporting one fix at a time. Prints
    how long each refusal took, the devices' latency before and during the attack, and how
    many refusal counter rows the attack added (JSON on the last line)."""
    scratch = Scratch()
    try:
        egide = str(Path(sys.executable).with_name("egide"))
        out.write(f"abuse: scratch database {urlparse(scratch.url).scheme}, migrating…")
        scratch.call(egide, "migrate", "-v0")
        seeded = json.loads(scratch.python("from egide.tools.loadtest import seed; seed(20)"))
        ids = [d for couple in seeded["couples"] for d in couple]
        port = _serve(scratch)
        rows = "from egide.monitoring.models import IntakeRefusal as R; print(R.objects.count())"
        clock = Clock()
        baseline = _device_latencies(port, ids, clock, 200)
        before = int(scratch.python(rows))
        refusals: list[float] = []
        attacking = threading.Thread(target=_attack, args=(port, attacks, clock, refusals))
        attacking.start()
        during = []
        while attacking.is_alive():
            during += _device_latencies(port, ids, clock, 10)
        attacking.join()
        result = {
            "anonymous_batch_fixes": BATCH_ATTACK_FIXES,
            "anonymous_batches": len(refusals),
            "anonymous_refusal_s_max": round(max(refusals), 3),
            "anonymous_refusal_s_p50": round(_percentile(refusals, 0.5), 3),
            "device_latency_ms_p50_before": _rounded(_percentile(baseline, 0.5)),
            "device_latency_ms_p99_before": _rounded(_percentile(baseline, 0.99)),
            "device_latency_ms_p50_during": _rounded(_percentile(during, 0.5)),
            "device_latency_ms_p99_during": _rounded(_percentile(during, 0.99)),
            "device_requests_during": len(during),
            "refusal_rows_added": int(scratch.python(rows)) - before,
            "database": "postgresql" if scratch.pg_name else "sqlite",
            "cpus": os.cpu_count(),
        }
        out.write(json.dumps(result))
    finally:
        scratch.close()


BATCH_ATTACK_FIXES = 10_000


def _attack(port, attacks: int, clock: Clock, refusals: list[float]) -> None:
    ts = clock.take(1)
    fixes = [
        {"id": f"made-up-{n:06d}", "ts": ts, "lat": 49.44, "lon": 1.09, "accuracy_m": 5.0}
        for n in range(BATCH_ATTACK_FIXES)
    ]
    body = orjson.dumps({"fixes": fixes})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    for _ in range(attacks):
        started = time.perf_counter()
        status = _post(connection, f"{PREFIX}/lot/", body)
        refusals.append(time.perf_counter() - started)
        if status not in (401, 429):
            raise RuntimeError(f"an anonymous batch was answered {status}")


def _device_latencies(port, devices, clock: Clock, count: int) -> list[float]:
    """`count` authenticated single-fix requests in turn; -> their latencies (ms)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    latencies = []
    for n in range(count):
        device = devices[n % len(devices)]
        query = f"id={device}&secret={SECRET}&timestamp={clock.take(1)}&lat=49.44&lon=1.09"
        started = time.perf_counter()
        connection.request("POST", f"{PREFIX}/osmand/?{query}")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"an authenticated fix was answered {response.status}")
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _drain(scratch: Scratch, timeout_s: float = 300) -> None:
    code = (
        "from egide.monitoring.models import Fix, Event; "
        "print(Fix.objects.filter(batch__isnull=True).count() + "
        "Event.objects.filter(published_at__isnull=True).count())"
    )
    deadline = time.monotonic() + timeout_s
    while int(scratch.python(code)) and time.monotonic() < deadline:
        time.sleep(1)
