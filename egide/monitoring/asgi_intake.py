"""Device intake as a lean ASGI app in front of Django, with group commit.

Devices send many tiny requests; through Django each one paid for the middleware stack, a thread
hop and a transaction of its own. Here the intake paths are answered without Django's request
machinery (every other path goes on to Django). Each request is parsed and checked (`admit`:
reads only) in a small pool of checker threads, so a big anonymous batch never sits in front of
authenticated devices; one writer thread per process then settles the admissions waiting at that
moment together: their refusals counted and their fixes committed in one `intake.store` per
source, after which every waiting request hears its own answer. A request is still answered 200
only once its own fixes are committed. The protocol itself (parsing, checks, answers) is
`intake_views`, shared with the Django views.

Paths are matched with or without their trailing slash: a client POSTing to `…/osmand` must not
get a redirect that loses its body. Slowloris: uvicorn holds an incomplete request open, so the
reverse proxy in front must bound header and body read times (docs/device-compatibility.md).
"""

import asyncio
import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.http.request import split_domain_port, validate_host
from django.urls import reverse
from django.utils.http import parse_header_parameters

from .intake_views import Admission, Answer, DeviceRequest, admit, settle

logger = logging.getLogger(__name__)

# One settling round takes at most this many requests and this much body (about 10,000 fixes
# of a gateway's batch), so a transaction stays short; the first request is always taken.
ROUND_MAX_REQUESTS = 1000
ROUND_MAX_FIXES = 10_000
CHECKER_THREADS = 4


@dataclass(slots=True)
class _Waiting:
    admission: Admission
    answered: asyncio.Future


class GroupCommitter:
    """One writer thread settling whatever requests are waiting, round after round."""

    def __init__(self):
        self._queue: queue.SimpleQueue[_Waiting | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._checkers = ThreadPoolExecutor(CHECKER_THREADS, thread_name_prefix="intake-check")

    async def answer(self, endpoint: str, request: DeviceRequest, received_ns: int) -> Answer:
        loop = asyncio.get_running_loop()
        admission = await loop.run_in_executor(
            self._checkers, _admit, endpoint, request, received_ns
        )
        if not admission.fixes and not admission.refusals and not admission.statuses:
            return admission.answer  # nothing to write: no wait for the writer
        answered = loop.create_future()
        self._ensure_started()
        self._queue.put(_Waiting(admission, answered))
        return await answered

    def _ensure_started(self) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="intake-writer", daemon=True
                    )
                    self._thread.start()

    def stop(self) -> None:
        """Settle what is waiting, then end the writer and close its database connection."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()
        closing = [self._checkers.submit(connections.close_all) for _ in range(CHECKER_THREADS)]
        for done in closing:
            done.result()

    def _run(self) -> None:
        try:
            while (waiting := self._next_round()) is not None:
                self._settle(waiting)
        finally:
            connections.close_all()

    def _next_round(self) -> list[_Waiting] | None:
        """Blocks for the first request, then takes every request already waiting."""
        first = self._queue.get()
        if first is None:
            return None
        waiting, size = [first], len(first.admission.fixes)
        while len(waiting) < ROUND_MAX_REQUESTS and size < ROUND_MAX_FIXES:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:  # stop after this round
                self._queue.put(None)
                break
            waiting.append(item)
            size += len(item.admission.fixes)
        return waiting

    def _settle(self, waiting: list[_Waiting]) -> None:
        try:
            answers = settle([w.admission for w in waiting])
        except Exception:  # a bug must not stop the writer: these requests hear 500
            logger.exception("intake round failed")
            answers = [Answer(500, {"error": "internal error"})] * len(waiting)
        if any(answer.status == 503 for answer in answers):
            connections.close_all()  # the database went away: reconnect on the next round
        _deliver(waiting, answers)


def _admit(endpoint: str, request: DeviceRequest, received_ns: int) -> Admission:
    try:
        admission = admit(endpoint, request, received_ns)
    except Exception:  # a bug must not stop the checker: this request hears 500
        logger.exception("intake check failed")
        return Admission(Answer(500, {"error": "internal error"}))
    if admission.answer.status == 503:
        connections.close_all()  # the database went away: this checker reconnects next time
    return admission


def _deliver(waiting: list[_Waiting], answers: list[Answer]) -> None:
    by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future, Answer]]] = {}
    for item, answer in zip(waiting, answers, strict=True):
        by_loop.setdefault(item.answered.get_loop(), []).append((item.answered, answer))
    for loop, pairs in by_loop.items():
        loop.call_soon_threadsafe(_resolve, pairs)


def _resolve(pairs: list[tuple[asyncio.Future, Answer]]) -> None:
    for answered, answer in pairs:
        if not answered.done():  # the device may have hung up
            answered.set_result(answer)


class DeviceIntake:
    """ASGI app: intake paths answered here, everything else by `django_app`."""

    def __init__(self, django_app):
        self.django_app = django_app
        self.committer = GroupCommitter()
        self._routes: dict[str, str] | None = None
        self._hosts: dict[str, bool] = {}

    def routes(self) -> dict[str, str]:
        if self._routes is None:  # from the URLconf, the one place that names these paths
            names = ("osmand", "traccar", "batch")
            self._routes = {reverse(f"monitoring:intake_{n}"): n for n in names}
            self._routes.update({path.rstrip("/"): n for path, n in list(self._routes.items())})
        return self._routes

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        endpoint = self.routes().get(scope["path"]) if scope["type"] == "http" else None
        if endpoint is None:
            await self.django_app(scope, receive, send)
            return
        received_ns = time.time_ns()
        headers = dict(scope["headers"])
        if not self._allowed_host(headers.get(b"host", b"").decode("latin-1")):
            await _send(send, Answer(400, {"error": "host not allowed"}))
            return
        body = await _body(receive)
        if body is None:
            answer = Answer(400, {"error": "body: too large"})
        elif body is _DISCONNECTED:
            return
        else:
            request = DeviceRequest(
                method=scope["method"],
                content_type=parse_header_parameters(
                    headers.get(b"content-type", b"").decode("latin-1")
                )[0],
                query_string=scope["query_string"].decode("latin-1"),
                body=body,
                authorization=headers.get(b"authorization", b"").decode("latin-1"),
                source=(scope.get("client") or ("",))[0],
            )
            answer = await self.committer.answer(endpoint, request, received_ns)
        await _send(send, answer)

    def _allowed_host(self, host: str) -> bool:
        """Django's ALLOWED_HOSTS check, which these paths would otherwise skip."""
        allowed = self._hosts.get(host)
        if allowed is None:
            domain, _port = split_domain_port(host)
            patterns = settings.ALLOWED_HOSTS
            if settings.DEBUG and not patterns:
                patterns = [".localhost", "127.0.0.1", "[::1]"]
            allowed = bool(domain) and validate_host(domain, patterns)
            if len(self._hosts) < 1000:
                self._hosts[host] = allowed
        return allowed

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await asyncio.get_running_loop().run_in_executor(None, self.committer.stop)
                await send({"type": "lifespan.shutdown.complete"})
                return


_DISCONNECTED = object()


async def _body(receive):
    """The request body; None past Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE);
    `_DISCONNECTED` if the device hung up first."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return _DISCONNECTED
        chunk = message.get("body", b"")
        size += len(chunk)
        if limit is not None and size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send(send, answer: Answer) -> None:
    content = answer.content()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(content)).encode()),
        (b"x-content-type-options", b"nosniff"),
    ]
    headers += [(name.lower().encode(), value.encode()) for name, value in answer.headers.items()]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
