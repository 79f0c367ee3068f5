"""`egide serve` writes an access line per request without the device's position, the words
searched or the client's address: the URL pattern, the method and the status only.

A real server process on a scratch SQLite file, since the line is uvicorn's own.
"""

import http.client
import os
import subprocess
import sys
import time

from tests.conftest import _free_port, _listening

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EGIDE = os.path.join(os.path.dirname(sys.executable), "egide")
LATITUDE, LONGITUDE, NAME = "49.024117", "1.151328", "Dupont-Marie"


def _status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def _wait_listening(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not _listening(port):
        assert server.poll() is None, "the server stopped"
        assert time.monotonic() < deadline, "the server never listened"
        time.sleep(0.2)


def test_the_access_log_keeps_the_route_and_drops_positions_and_searches(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/access.sqlite3",
        "DJANGO_SETTINGS_MODULE": "egide.settings",
        "EGIDE_DEBUG": "0",
        "EGIDE_LOG_LEVEL": "INFO",
    }
    subprocess.run([EGIDE, "migrate", "-v0"], cwd=REPO, env=env, check=True, timeout=300)
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [EGIDE, "serve", "--port", str(port)], cwd=REPO, env=env, stdout=sink, stderr=sink
        )
        try:
            _wait_listening(port, server)
            position = f"id=inconnu&lat={LATITUDE}&lon={LONGITUDE}"
            assert _status(port, f"/surveillance/reception/osmand/?{position}") == 401
            assert _status(port, f"/dossiers/?q={NAME}") == 302
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert '"GET /surveillance/reception/osmand/ HTTP/1.1" 401' in text
    assert '"GET /dossiers/ HTTP/1.1" 302' in text
    for secret in (LATITUDE, LONGITUDE, NAME, "127.0.0.1:"):
        assert secret not in text.replace(f"http://127.0.0.1:{port}", "")


def test_unmatched_and_static_paths_read_as_fixed_placeholders(settings):
    import logging

    from egide.web.errors import AccessLogFilter

    settings.DEBUG = False
    lines = {}
    for path in (f"/{NAME}/?q=Évreux", "/static/web/egide.css?v=3", "/dossiers/?q=Dupont"):
        args = ("10.0.0.1:5000", "GET", path, "1.1", 200)
        record = logging.LogRecord(
            "uvicorn.access", 20, "", 0, '%s - "%s %s HTTP/%s" %d', args, None
        )
        AccessLogFilter().filter(record)
        lines[path] = record.getMessage()
    assert lines[f"/{NAME}/?q=Évreux"] == '- - "GET /* (no matching route) HTTP/1.1" 200'
    assert lines["/static/web/egide.css?v=3"] == '- - "GET /static/* HTTP/1.1" 200'
    assert lines["/dossiers/?q=Dupont"] == '- - "GET /dossiers/ HTTP/1.1" 200'
    assert not any(secret in line for line in lines.values() for secret in (NAME, "Dupont", "10.0"))
