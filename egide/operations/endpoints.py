"""`/health/live`, `/health/ready` and `/metrics`, answered in front of every other path of the
ASGI application (`egide.asgi`), so that the web processes and the device intake processes,
which run the same application, answer them alike, without Django's middleware (no session, no
sign-in, no host check: a load balancer probes by address).

Readiness runs its checks in one thread of its own and waits at most READY_TIMEOUT_S: a database
that hangs makes the process unready (503), never a probe that hangs.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import orjson
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from . import probes
from .access import metrics_refusal

READY_TIMEOUT_S = 5.0  # above NATS's first connection timeout (jetstream.CONNECT_TIMEOUT_S)
PATHS = ("/health/live", "/health/ready", "/metrics")


class OperationsEndpoints:
    def __init__(self, app):
        self.app = app
        self._checker = ThreadPoolExecutor(1, thread_name_prefix="readiness")

    async def __call__(self, scope, receive, send):
        path = scope["path"].rstrip("/") if scope["type"] == "http" else None
        if path not in PATHS:
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            await _json(send, 405, {"error": "method not allowed"}, {"Allow": "GET, HEAD"})
        elif path == "/health/live":
            await _json(send, *probes.liveness())
        elif path == "/health/ready":
            await _json(send, *await self._readiness())
        else:
            await self._metrics(scope, send)

    async def _readiness(self) -> tuple[int, dict]:
        checking = asyncio.get_running_loop().run_in_executor(self._checker, probes.readiness)
        try:
            return await asyncio.wait_for(asyncio.shield(checking), READY_TIMEOUT_S)
        except TimeoutError:
            return 503, {"status": "unready", "reasons": ["checks did not answer in time"]}

    async def _metrics(self, scope, send) -> None:
        headers = dict(scope["headers"])
        refusal = metrics_refusal(headers.get(b"authorization", b"").decode("latin-1"))
        if refusal is not None:
            await _json(send, *refusal)
            return
        await _respond(send, 200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST, {})


async def _json(send, status: int, document: dict, headers: dict | None = None) -> None:
    await _respond(send, status, orjson.dumps(document), "application/json", headers or {})


async def _respond(send, status: int, body: bytes, content_type: str, headers: dict) -> None:
    head = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
    ]
    head += [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})
