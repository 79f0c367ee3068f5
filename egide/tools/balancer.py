"""A small round-robin TCP load balancer that health-checks its backends (the local cluster's
stand-in for HAProxy, which is not installed on the development machines).

Each new client connection goes to the next backend whose `GET /health/ready` answered 200 at
the last check (every CHECK_EVERY_S); a connection that cannot reach its backend is tried on the
next one. Like HAProxy in `mode tcp`, a kept-alive connection stays on its backend until either
side closes it: a device or browser reconnecting after a backend died lands on a live one.
"""

import asyncio
import contextlib
import threading

CHECK_EVERY_S = 0.5
CHECK_TIMEOUT_S = 2.0
PROBE = b"GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


class Balancer:
    def __init__(self, backends: list[int], port: int = 0):
        self.backends = backends  # loopback ports
        self.port = port
        self.ready: set[int] = set()
        self._turn = 0
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._run, name="balancer", daemon=True).start()
        self._started.wait(10)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", self.port)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._loop.create_task(self._check_forever())
        self._started.set()
        self._loop.run_forever()
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        server.close()
        self._loop.close()

    async def _check_forever(self) -> None:
        while True:
            results = await asyncio.gather(*(self._is_ready(port) for port in self.backends))
            self.ready = {port for port, ok in zip(self.backends, results, strict=True) if ok}
            await asyncio.sleep(CHECK_EVERY_S)

    @staticmethod
    async def _is_ready(port: int) -> bool:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port), CHECK_TIMEOUT_S
            )
            writer.write(
                b"GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            )
            status = await asyncio.wait_for(reader.readline(), CHECK_TIMEOUT_S)
            writer.close()
            return status.split(b" ")[1:2] == [b"200"]
        except (OSError, TimeoutError, IndexError):
            return False

    def _candidates(self) -> list[int]:
        live = [port for port in self.backends if port in self.ready] or list(self.backends)
        self._turn += 1
        start = self._turn % len(live)
        return live[start:] + live[:start]

    async def _serve(self, client_reader, client_writer) -> None:
        for port in self._candidates():
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                continue
            await asyncio.gather(
                _pump(client_reader, writer), _pump(reader, client_writer), return_exceptions=True
            )
            return
        client_writer.close()


async def _pump(reader, writer) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        with contextlib.suppress(Exception):
            writer.close()
