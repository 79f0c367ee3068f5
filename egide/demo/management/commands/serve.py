"""`egide serve`: the production ASGI server."""

import uvicorn
from django.core.management.base import BaseCommand

ASGI_APP = "egide.asgi:application"


class Command(BaseCommand):
    help = "Serves Égide with uvicorn (put a TLS-terminating reverse proxy in front)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, host, port, workers, **options):
        uvicorn.run(
            ASGI_APP,
            host=host,
            port=port,
            workers=workers,
            lifespan="off",
            log_config=None,
            proxy_headers=True,
            server_header=False,
        )
