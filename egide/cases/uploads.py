"""The size limit on request bodies, enforced before Django reads them.

Django's ASGI handler reads the whole body before any view or middleware runs, so a 150 MB
upload would be received in full before the 10 MB evidence limit refused it. This ASGI wrapper
refuses a body whose declared length is over the limit without reading it (413), and stops
reading one that grows past the limit (chunked or under-declared), answering 413 as well.
The largest body Égide accepts is an evidence file (documents.MAX_DOCUMENT_BYTES) and its form.
A reverse proxy in front should refuse earlier still (README, "Production").
"""

import json

from .documents import MAX_DOCUMENT_BYTES

# Room for the multipart envelope and the form's other fields around the largest evidence file.
FORM_OVERHEAD_BYTES = 256 * 1024
MAX_REQUEST_BYTES = MAX_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES


class BodyTooLarge(Exception):
    """The body went past the limit while being read."""


def declared_length(scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def refusal(scope) -> tuple[bytes, bytes]:
    """(content type, body): JSON for the API, a sentence for a person otherwise."""
    megabytes = MAX_DOCUMENT_BYTES // (1024 * 1024)
    if scope.get("path", "").startswith("/api/"):
        detail = f"Requête trop volumineuse ({megabytes} Mo au plus)."
        return b"application/json", json.dumps({"detail": detail, "errors": {}}).encode()
    text = f"Le fichier dépasse {megabytes} Mo : la pièce n'a pas été ajoutée."
    return b"text/plain; charset=utf-8", text.encode()


async def refuse(scope, send) -> None:
    content_type, body = refusal(scope)
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestSizeLimit:
    """ASGI app: `app` with request bodies limited to `max_bytes` (MAX_REQUEST_BYTES)."""

    def __init__(self, app, max_bytes: int = MAX_REQUEST_BYTES):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await refuse(scope, send)
            return
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except BodyTooLarge:
            await refuse(scope, send)
