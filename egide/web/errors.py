"""Error logs without personal data.

Django logs a failing request as "Internal Server Error: <path>" with the traceback; the path
may carry a name and the exception message may quote user input ("invalid literal for int():
'Dupont'"). This filter keeps what an engineer needs — the URL pattern, the exception type and
the stack of code lines — and drops the rest, including the request attached to the record.
uvicorn's access log is filtered the same way: a device's query string carries its position and
a search its words, so each line keeps the method, the URL pattern and the status only.
With DEBUG on (a developer's machine, synthetic data) records are left whole.
"""

import logging
import traceback

from django.conf import settings
from django.urls import Resolver404, resolve

REDACTED = "[redacted]"


# Paths no URL pattern matches: a fixed placeholder (the path itself may carry a name). Static
# files are served before URL resolution: their prefix is shown, never the file asked for.
UNRESOLVED = "/* (no matching route)"


def static_placeholder() -> str:
    return f"{settings.STATIC_URL}*"


def route_of(request) -> str:
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None else UNRESOLVED


def route_of_path(full_path: str) -> str:
    """The URL pattern a path (with or without its query string) resolves to."""
    path = full_path.partition("?")[0]
    if path.startswith(settings.STATIC_URL):
        return static_placeholder()
    try:
        return f"/{resolve(path).route}"
    except Resolver404:
        return UNRESOLVED


def stack_without_messages(exc: BaseException) -> str:
    """The traceback of `exc` and its causes, with each message replaced by REDACTED."""
    parts = []
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        frames = "".join(traceback.format_tb(exc.__traceback__))
        parts.append(f"Traceback:\n{frames}{type(exc).__qualname__}: {REDACTED}")
        exc = exc.__cause__ or exc.__context__
    return "\n\nwhile handling:\n".join(reversed(parts))


class PersonalDataFilter(logging.Filter):
    """Rewrites records about a request: path → URL pattern, exception message → redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if settings.DEBUG:
            return True
        request = getattr(record, "request", None)
        if request is not None:
            record.args = self.without_path(record.args, request)
            del record.request
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = stack_without_messages(record.exc_info[1])
            record.exc_info = None
        return True

    @staticmethod
    def without_path(args, request):
        if not isinstance(args, tuple):
            return args
        path = request.path
        # log_response escapes non-ASCII characters in its arguments.
        forms = {path, path.encode("unicode_escape").decode("ascii")}
        return tuple(
            route_of(request) if isinstance(arg, str) and arg in forms else arg for arg in args
        )


class AccessLogFilter(logging.Filter):
    """Rewrites uvicorn's access line: no client address, path and query → URL pattern."""

    def filter(self, record: logging.LogRecord) -> bool:
        if settings.DEBUG or not isinstance(record.args, tuple) or len(record.args) != 5:
            return True
        _client, method, full_path, http_version, status = record.args
        record.args = ("-", method, route_of_path(full_path), http_version, status)
        return True
