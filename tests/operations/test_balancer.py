"""The local cluster's balancer sends new connections only to backends whose /health/ready
answers 200, in turn, and a backend that stopped listening is skipped at once."""

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from egide.tools.balancer import Balancer


def backend(name: str, ready: bool) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            status = 200 if ready or self.path != "/health/ready" else 503
            body = name.encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def answered_by(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/")
    name = connection.getresponse().read().decode()
    connection.close()
    return name


def test_only_ready_backends_get_connections_in_turn():
    servers = [backend("a", True), backend("b", True), backend("unready", False)]
    balancer = Balancer([s.server_address[1] for s in servers])
    balancer.start()
    try:
        deadline = time.monotonic() + 10
        while len(balancer.ready) < 2:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert {answered_by(balancer.port) for _ in range(6)} == {"a", "b"}
        servers[0].shutdown()
        servers[0].server_close()
        assert {answered_by(balancer.port) for _ in range(4)} == {"b"}
    finally:
        balancer.stop()
        for server in servers[1:]:
            server.shutdown()
            server.server_close()
