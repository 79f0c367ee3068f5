"""`egide monitor worker|loadtest`: the live pipeline's commands (next to the engine's
`replay` and `bench` in the same `monitor` command)."""

import signal
import threading

WORKER_HELP = "engine worker: intake log → engine → events → incidents (runs until stopped)"
LOADTEST_HELP = "bounded loopback load test of intake and pipeline; JSON on the last line"
MQTT_HELP = "MQTT intake: subscribe to egide/fixes/# (QoS 1, persistent) and store the fixes"
COMMANDS = ("worker", "loadtest", "mqtt")


def add_arguments(commands) -> None:
    worker = commands.add_parser("worker", help=WORKER_HELP)
    worker.add_argument("--batch-size", type=int, default=5000, help="fixes per transaction")
    worker.add_argument(
        "--until-idle", action="store_true", help="stop once nothing is left to process"
    )
    worker.add_argument(
        "--metrics-port",
        type=int,
        help="serve this process's /metrics on this port (default EGIDE_METRICS_PORT; 0: none)",
    )
    worker.add_argument(
        "--metrics-host", default="127.0.0.1", help="address of /metrics (default 127.0.0.1)"
    )
    mqtt = commands.add_parser("mqtt", help=MQTT_HELP)
    mqtt.add_argument("--host", default="127.0.0.1", help="broker host (default 127.0.0.1)")
    mqtt.add_argument("--port", type=int, default=1883, help="broker port (default 1883)")
    loadtest = commands.add_parser("loadtest", help=LOADTEST_HELP)
    loadtest.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    loadtest.add_argument("--devices", type=int, default=200, help="simulated devices")
    loadtest.add_argument(
        "--cluster",
        action="store_true",
        help="instead: the drills on the local highly available cluster (faults under load)",
    )
    loadtest.add_argument(
        "--partition-s", type=float, default=30.0, help="with --cluster: NATS partition length"
    )
    loadtest.add_argument(
        "--abuse",
        type=int,
        metavar="BATCHES",
        help="instead: BATCHES anonymous 10,000-fix batches against authenticated devices",
    )


def run(command: str, options: dict, out) -> None:
    if command == "worker":
        run_worker(options, out)
    elif command == "mqtt":
        run_mqtt(options, out)
    elif options.get("cluster"):
        import json

        from egide.tools.drills import run_drills

        out.write(json.dumps(run_drills(options["devices"], out, options["partition_s"])))
    elif options.get("abuse"):
        from egide.tools.loadtest import abuse

        abuse(options["abuse"], out)
    else:
        from egide.tools.loadtest import loadtest

        loadtest(options["seconds"], options["devices"], out)


def _stopping() -> threading.Event:
    stopping = threading.Event()

    def stop(*_):
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return stopping


def run_mqtt(options: dict, out) -> None:
    from .mqtt import bridge

    out.write(f"monitor mqtt: {options['host']}:{options['port']}, topic egide/fixes/#")
    bridge(options["host"], options["port"], stop=_stopping().is_set)


def run_worker(options: dict, out) -> None:
    from . import jetstream
    from .pipeline import Worker, run

    stopping = _stopping()
    on_idle = stopping.set if options["until_idle"] else None
    _serve_metrics(options, out)
    if jetstream.enabled():
        run_partitions(options, out, stopping, on_idle)
        return
    worker = Worker(batch_size=options["batch_size"])
    out.write(f"monitor worker: partition {worker.partition}, batch {worker.batch}")
    run(worker, stop=stopping.is_set, on_idle=on_idle)
    out.write(f"monitor worker: stopped after batch {worker.batch}")


def _serve_metrics(options: dict, out) -> None:
    from django.conf import settings

    from egide.operations.metrics_server import serve_metrics

    port = options.get("metrics_port")
    port = settings.EGIDE_METRICS_PORT if port is None else port
    if port:
        server = serve_metrics(options["metrics_host"], port)
        out.write(f"monitor worker: metrics on {options['metrics_host']}:{server.server_port}")


def run_partitions(options: dict, out, stopping, on_idle) -> None:
    """Scale-out mode: this process runs its fair share of the stream's partitions."""
    from .partitions import Partitions
    from .pipeline import run

    partitions = Partitions(batch_size=options["batch_size"], out=out)
    out.write(f"monitor worker: stream {partitions.count} partitions, member {partitions.member}")
    try:
        run(partitions, stop=stopping.is_set, on_idle=on_idle)
    finally:
        partitions.stop()
    out.write("monitor worker: stopped")
