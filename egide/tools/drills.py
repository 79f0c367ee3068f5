"""Drills on the local highly available cluster (`cluster.Cluster`), under a steady load of
simulated devices: each fault is injected while a gateway keeps sending every device's fix every
TICK_S (some victims' units pressing SOS each time) through the intake balancer, retrying until
it hears 200 as a device does. After the drills, every acknowledged fix must be stored once, and
every acknowledged SOS must have reached the console (its event published) once.

Figures per drill (`egide monitor loadtest --cluster` prints them as JSON):
- first_alert_s: from the fault to the first alert raised after it reaching the console;
- worst_alert_s: the longest an alert raised in the drill's window took to reach the console;
- refused_requests: requests of the gateway not answered 200 (retried) during the drill.
"""

import http.client
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

from .cluster import Cluster
from .loadtest import SECRET

TICK_S = 0.5
SOS_PER_TICK = 2
WINDOW_S = 8.0  # alerts raised this long after a fault (or its end) count in worst_alert_s
SETTLE_TIMEOUT_S = 90.0
NODE_DOWN_S = 10.0  # a killed NATS node stays down this long before it is started again


@dataclass
class Drill:
    name: str
    fault: Callable[[Cluster], None]
    repair: Callable[[Cluster], None]
    target_s: float
    hold_s: float = 0.0  # how long the fault lasts before its repair


def drills(partition_s: float = 30.0) -> list[Drill]:
    return [
        # The supervisor starts a killed worker or intake process again (systemd's
        # Restart=always); the other one carries on meanwhile.
        Drill("worker_killed", lambda c: c.kill("worker-1"), _nothing, 5),
        Drill("intake_killed", lambda c: c.kill("intake-1"), _nothing, 5),
        Drill(
            "nats_node_killed",
            lambda c: c.kill("nats-0"),
            lambda c: c.restart("nats-0"),
            30,
            hold_s=NODE_DOWN_S,
        ),
        Drill("postgresql_restarted", lambda c: c.restart_postgres(), _nothing, 30),
        Drill(
            "nats_node_partitioned",
            lambda c: c.partition(1),
            lambda c: c.heal(1),
            30,
            hold_s=partition_s,
        ),
    ]


def _nothing(cluster: Cluster) -> None:
    """No repair: the cluster heals by itself."""


@dataclass
class Gateway:
    """Simulated devices reporting through the intake balancer, as one gateway sending batches."""

    port: int
    devices: list[str]
    victims: list[str]
    acknowledged: list[tuple[str, int, str]] = field(default_factory=list)
    sos_sent: list[tuple[str, int]] = field(default_factory=list)
    failures: int = 0
    stopping: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="gateway", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._thread.join(timeout=120)

    def _run(self) -> None:
        tick = 0
        while not self.stopping.is_set():
            started = time.monotonic()
            fixes = self._fixes(tick)
            self._send(fixes)
            tick += 1
            time.sleep(max(0.0, TICK_S - (time.monotonic() - started)))

    def _fixes(self, tick: int) -> list[dict]:
        ts_ms = int(time.time() * 1000)
        sos = {self.victims[(tick * SOS_PER_TICK + n) % len(self.victims)] for n in range(2)}
        fixes = []
        for device in self.devices:
            lat = 49.44 if device in self.victims else 49.54  # 11 km apart: no zone alert
            fix = {"id": device, "secret": SECRET, "ts": ts_ms, "lat": lat, "lon": 1.09}
            if device in sos:
                fix["alarm"] = "sos"
            fixes.append(fix)
        return fixes

    def _send(self, fixes: list[dict]) -> None:
        body = orjson.dumps({"fixes": fixes})
        while True:  # a device keeps its fixes until it hears 200
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
                connection.request(
                    "POST",
                    "/surveillance/reception/lot/",
                    body,
                    {"Content-Type": "application/json"},
                )
                status = connection.getresponse().status
                connection.close()
            except OSError:
                status = None
            if status == 200:
                break
            self.failures += 1
            time.sleep(0.2)
        for fix in fixes:
            ts_ns = fix["ts"] * 1_000_000
            self.acknowledged.append((fix["id"], ts_ns, fix.get("alarm", "")))
            if fix.get("alarm"):
                self.sos_sent.append((fix["id"], ts_ns))


def alerts_published(cluster: Cluster, since_ns: int) -> list[tuple[int, float]]:
    """(ts ns, published at, Unix s) of SOS events raised since `since_ns` and published."""
    code = (
        "from egide.monitoring.models import Event; import json; print(json.dumps(["
        "(e, p.timestamp()) for e, p in Event.objects.filter(type='sos', ts_ns__gte="
        f"{since_ns}, published_at__isnull=False).values_list('ts_ns', 'published_at')]))"
    )
    return [tuple(row) for row in json.loads(cluster.python(code))]


def measure(cluster: Cluster, drill: Drill, gateway: Gateway, out) -> dict:
    failures = gateway.failures
    fault_at = time.time()
    drill.fault(cluster)
    if drill.hold_s:
        time.sleep(drill.hold_s)
    drill.repair(cluster)
    repaired_at = time.time()
    fault_ns = int(fault_at * 1e9)
    window_end = repaired_at + WINDOW_S
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while True:
        time.sleep(1)
        raised = [ts for _, ts in gateway.sos_sent if fault_ns <= ts <= window_end * 1e9]
        published = dict(alerts_published(cluster, fault_ns))
        if time.time() > window_end and raised and all(ts in published for ts in raised):
            break
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{drill.name}: alerts raised after the fault never reached the console"
            )
    first = min(published[ts] for ts in raised) if raised else None
    worst = max(published[ts] - ts / 1e9 for ts in raised)
    cluster.wait_ready()
    result = {
        "drill": drill.name,
        "first_alert_s": round(first - fault_at, 2),
        "worst_alert_s": round(worst, 2),
        "fault_held_s": round(repaired_at - fault_at, 1),
        "alerts_in_window": len(raised),
        "refused_requests": gateway.failures - failures,
        "target_s": drill.target_s,
    }
    out.write(json.dumps(result))
    return result


def verify(cluster: Cluster, gateway: Gateway) -> dict:
    """Every acknowledged fix stored once, every acknowledged SOS published once."""
    ids = sorted({device for device, _, _ in gateway.acknowledged})
    code = (
        "from egide.monitoring.models import Event, Fix; import json; print(json.dumps({"
        f"'fixes': list(Fix.objects.filter(device_id__in={ids!r}).values_list("
        "'device_id', 'ts', 'alarm')), "
        "'sos': list(Event.objects.filter(type='sos').values_list('device_id', 'ts_ns', "
        "'published_at'))}, default=str))"
    )
    stored = json.loads(cluster.python(code))
    fixes: dict[tuple, int] = {}
    for device, ts, alarm in stored["fixes"]:
        fixes[(device, ts, alarm)] = fixes.get((device, ts, alarm), 0) + 1
    sos: dict[tuple, list] = {}
    for device, ts, published in stored["sos"]:
        sos.setdefault((device, ts), []).append(published)
    acknowledged = set(gateway.acknowledged)
    return {
        "fixes_acknowledged": len(acknowledged),
        "fixes_lost": sum(1 for key in acknowledged if key not in fixes),
        "fixes_duplicated": sum(n - 1 for n in fixes.values()),
        "alerts_sent": len(set(gateway.sos_sent)),
        "alerts_not_on_console": sum(
            1 for key in set(gateway.sos_sent) if not any(sos.get(key, []))
        ),
        "alerts_duplicated": sum(len(p) - 1 for p in sos.values()),
    }


def run_drills(devices: int, out, partition_s: float = 30.0, only=None) -> dict:
    """Start the cluster, run the drills in turn under load, check, stop. -> the figures."""
    cluster = Cluster()
    try:
        cluster.start(out)
        seeded = json.loads(
            cluster.python(f"from egide.tools.loadtest import seed; seed({max(devices, 4)})")
        )
        couples = seeded["couples"]
        gateway = Gateway(
            cluster.balancers["intake"].port,
            [d for couple in couples for d in couple],
            [victim for _, victim in couples],
        )
        time.sleep(3)  # the intake processes re-read the pairings every 2 s
        started = time.monotonic()
        gateway.start()
        time.sleep(5)
        results = [
            measure(cluster, drill, gateway, out)
            for drill in drills(partition_s)
            if only is None or drill.name in only
        ]
        time.sleep(2)
        gateway.stop()
        load = len(gateway.acknowledged) / (time.monotonic() - started)
        checks = verify(cluster, gateway)
        return {
            "drills": results,
            **checks,
            "devices": len(gateway.devices),
            "fixes_per_s": round(load, 1),
        }
    finally:
        cluster.stop()
