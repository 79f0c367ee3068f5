"""`/metrics` of a process that serves no HTTP otherwise (`egide monitor worker
--metrics-port`): a small threaded server with the same access rule as the web processes'."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import orjson
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from .access import metrics_refusal


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path.rstrip("/") != "/metrics":
            self._answer(404, orjson.dumps({"error": "not found"}), "application/json", {})
            return
        refusal = metrics_refusal(self.headers.get("Authorization", ""))
        if refusal is not None:
            status, document, headers = refusal
            self._answer(status, orjson.dumps(document), "application/json", headers)
            return
        self._answer(200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST, {})

    def _answer(self, status: int, body: bytes, content_type: str, headers: dict) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        """Scrapes are not logged."""


def serve_metrics(host: str, port: int) -> ThreadingHTTPServer:
    """Serves until the process ends; -> the server (its port, if `port` was 0)."""
    server = ThreadingHTTPServer((host, port), _Handler)
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()
    return server
