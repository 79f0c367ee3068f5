"""The production deployment in `deploy/` cannot drift from the code: every systemd unit runs a
real `egide` command with options its parser accepts, HAProxy and Prometheus reach exactly the
ports the units listen on, and the three NATS configurations form one cluster with JetStream."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SYSTEMD = DEPLOY / "systemd"
EGIDE = "/opt/egide/.venv/bin/egide"
NATS_SERVER = shutil.which("nats-server") or str(Path(sys.executable).parent / "nats-server")


def unit(path: Path) -> dict[str, list[str]]:
    """A systemd unit's settings, each key with all its values (ExecStart, Wants may repeat)."""
    settings: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def environment_example() -> dict[str, str]:
    pairs = [
        line.split("=", 1)
        for line in (SYSTEMD / "egide.env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    ]
    return dict(pairs)


def instances() -> dict[str, list[str]]:
    """Template name (egide-web@) -> the instances egide.target starts."""
    found: dict[str, list[str]] = {}
    for wants in unit(SYSTEMD / "egide.target")["Wants"]:
        for name in wants.split():
            template, instance = name.removesuffix(".service").split("@")
            found.setdefault(f"{template}@", []).append(instance)
    return found


def egide_commands():
    for path in sorted(SYSTEMD.glob("*.service")):
        for command in unit(path).get("ExecStart", []):
            if command.startswith(EGIDE):
                yield path.name, command


def expanded(command: str, instance: str) -> list[str]:
    env = environment_example()
    command = command.replace("%i", instance)
    command = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], command)
    return shlex.split(command)[1:]


@pytest.mark.parametrize(("unit_name", "command"), list(egide_commands()))
def test_every_unit_runs_a_real_egide_command_with_accepted_options(unit_name, command):
    template = unit_name.removesuffix(".service")
    instance = (instances().get(template) or ["1"])[0]
    name, *arguments = expanded(command, instance)
    app = get_commands().get(name)
    assert app is not None, f"{unit_name}: `egide {name}` does not exist"
    parser = load_command_class(app, name).create_parser("egide", name)
    try:
        parser.parse_args(arguments)
    except SystemExit:
        pytest.fail(f"{unit_name}: `egide {name}` refuses {arguments}")


def test_the_units_read_only_variables_the_environment_file_defines():
    defined = environment_example()
    for path in SYSTEMD.glob("*.service"):
        used = set(re.findall(r"\$\{(\w+)\}", path.read_text()))
        assert used <= defined.keys(), f"{path.name} uses {used - defined.keys()}"


def test_each_process_kind_runs_twice_or_more_and_every_template_is_started():
    started = instances()
    templates = {path.name.removesuffix(".service") for path in SYSTEMD.glob("*@.service")}
    assert set(started) == templates
    for template in ("egide-web@", "egide-intake@", "egide-worker@"):
        assert len(started[template]) >= 2, template


def haproxy_backends() -> dict[str, list[str]]:
    backends: dict[str, list[str]] = {}
    current = None
    for line in (DEPLOY / "haproxy" / "haproxy.cfg").read_text().splitlines():
        words = line.split()
        if line and not line[0].isspace():
            current = words[1] if words[0] == "backend" else None
            if current:
                backends[current] = []
        elif current and words:
            backends[current].append(line.strip())
    return backends


def server_addresses(lines: list[str]) -> list[tuple[str, str]]:
    return [tuple(line.split()[2].split(":")) for line in lines if line.startswith("server ")]


@pytest.mark.parametrize(
    ("backend", "template"), [("web", "egide-web@"), ("intake", "egide-intake@")]
)
def test_haproxy_sends_to_the_ports_the_units_listen_on_and_checks_readiness(backend, template):
    lines = haproxy_backends()[backend]
    servers = server_addresses(lines)
    hosts = {host for host, _ in servers}
    assert len(hosts) >= 2, "two application hosts"
    for host in hosts:
        assert sorted(port for h, port in servers if h == host) == sorted(instances()[template])
    assert any("uri /health/ready" in line for line in lines)
    assert all(line.endswith(" check") for line in lines if line.startswith("server "))


def test_device_intake_goes_to_the_intake_processes():
    config = (DEPLOY / "haproxy" / "haproxy.cfg").read_text()
    assert "use_backend intake if { path_beg /surveillance/reception/ }" in config
    assert "default_backend web" in config


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy is not installed")
def test_the_haproxy_configuration_is_valid(tmp_path):
    pem = tmp_path / "egide.pem"
    subprocess.run(  # noqa: S603
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=egide", "-keyout", str(pem), "-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    pem.write_text((tmp_path / "cert.pem").read_text() + pem.read_text())
    config = tmp_path / "haproxy.cfg"
    text = (DEPLOY / "haproxy" / "haproxy.cfg").read_text()
    config.write_text(text.replace("/etc/haproxy/certs/egide.pem", str(pem)))
    done = subprocess.run(  # noqa: S603
        [shutil.which("haproxy"), "-c", "-f", str(config)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def scrape_targets(job: str) -> list[str]:
    text = (DEPLOY / "prometheus" / "prometheus.yml").read_text()
    block = text.split(f"- job_name: {job}\n", 1)[1].split("- job_name:", 1)[0]
    return re.findall(r'"([\w.-]+:\d+)"', block)


def test_prometheus_scrapes_every_process_the_units_start():
    for job, template, port in [
        ("egide-web", "egide-web@", "{}"),
        ("egide-intake", "egide-intake@", "{}"),
        ("egide-worker", "egide-worker@", "920{}"),
    ]:
        targets = scrape_targets(job)
        hosts = {target.split(":")[0] for target in targets}
        expected = {f"{host}:{port.format(i)}" for host in hosts for i in instances()[template]}
        assert len(hosts) >= 2 and set(targets) == expected, job
    worker = unit(SYSTEMD / "egide-worker@.service")
    assert "EGIDE_METRICS_PORT=920%i" in worker["Environment"]


def nats_setting(text: str, name: str) -> str:
    return re.search(rf"^\s*{name}:\s*(\S+)", text, flags=re.MULTILINE).group(1)


def test_the_three_nats_nodes_form_one_cluster_with_jetstream():
    configs = [(DEPLOY / "nats" / f"nats-{n}.conf").read_text() for n in (1, 2, 3)]
    names = [nats_setting(text, "server_name") for text in configs]
    assert names == ["nats-1", "nats-2", "nats-3"]
    routes = [sorted(re.findall(r"nats-route://([\w.-]+):(\d+)", text)) for text in configs]
    assert routes[0] == routes[1] == routes[2]
    assert [host.split(".")[0] for host, _ in routes[0]] == names, "every node routes to all"
    for text in configs:
        cluster = text.split("cluster {", 1)[1]
        assert nats_setting(cluster, "name") == "egide"
        assert nats_setting(cluster, "listen").rsplit(":", 1)[1] == routes[0][0][1]
        assert re.search(r"^jetstream \{", text, flags=re.MULTILINE)
    assert "EGIDE_NATS_REPLICAS=3" in (SYSTEMD / "egide.env.example").read_text()


@pytest.mark.skipif(not Path(NATS_SERVER).exists(), reason="nats-server is not installed")
@pytest.mark.parametrize("node", [1, 2, 3])
def test_nats_server_accepts_each_configuration(node):
    done = subprocess.run(  # noqa: S603
        [NATS_SERVER, "-t", "-c", str(DEPLOY / "nats" / f"nats-{node}.conf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_every_alert_points_to_a_section_of_the_runbook():
    runbook = (DEPLOY.parent / "docs/runbook.md").read_text()
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", runbook, flags=re.MULTILINE)
    }
    alerts = (DEPLOY / "prometheus" / "alerts.yml").read_text()
    pointed = re.findall(r'runbook: "docs/runbook.md#([\w-]+)"', alerts)
    assert len(pointed) == alerts.count("- alert:")
    assert set(pointed) <= anchors, set(pointed) - anchors
