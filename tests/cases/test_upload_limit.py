"""Uploads are refused on their declared length before being read, and reading stops past the
limit: through the real ASGI application `egide serve` runs."""

import asyncio

import pytest

from egide.asgi import application
from egide.cases.uploads import MAX_REQUEST_BYTES

pytestmark = pytest.mark.django_db(transaction=True)
MB = 1024 * 1024
UPLOAD_PATH = "/dossiers/1/pieces/ajouter/"


def post(path, headers, chunks):
    """Sends a POST whose body is `chunks` (a generator); returns (status, body, chunks read)."""
    read, sent, ended = 0, [], False

    async def receive():
        nonlocal read, ended
        if ended:  # the client waits for the answer
            await asyncio.Event().wait()
        chunk = next(chunks, None)
        if chunk is None:
            ended = True
            return {"type": "http.request", "body": b"", "more_body": False}
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(application(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, read


def megabytes(count=150):
    for _ in range(count):
        yield b"x" * MB


def test_a_declared_150_mb_upload_is_refused_before_any_byte_is_read():
    headers = [(b"content-length", str(150 * MB).encode())]
    status, body, read = post(UPLOAD_PATH, headers, megabytes())
    assert status == 413
    assert "10 Mo" in body.decode()
    assert read == 0


def test_an_undeclared_upload_stops_being_read_past_the_limit():
    status, _body, read = post(UPLOAD_PATH, [(b"transfer-encoding", b"chunked")], megabytes())
    assert status == 413
    assert read * MB <= MAX_REQUEST_BYTES + MB


def test_the_api_refuses_in_json():
    headers = [(b"content-length", str(150 * MB).encode())]
    status, body, _read = post("/api/v1/cases/", headers, megabytes())
    assert status == 413 and body.startswith(b'{"detail": ')


def test_a_body_under_the_limit_reaches_django():
    status, _body, read = post("/api/v1/cases/", [], iter([b"{}"]))
    assert status == 401 and read == 1  # Django answered (no session), after reading it
