"""A TCP proxy that can be cut and restored: a database or a NATS route "going away" for real
(the database outage test, the local cluster's network partitions)."""

import contextlib
import random
import socket
import threading

# The proxy listens below the kernel's ephemeral ports (32768-60999 on Linux): a port the
# kernel hands out could be taken, while the proxy is cut, as the source port of some outgoing
# connection, and the proxy could not listen on it again.
LISTEN_PORTS = range(20000, 32768)


class Proxy:
    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = 0
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        """Listens on its port again after `stop`; the first time, on a free one of
        `LISTEN_PORTS`."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        candidates = [self.port] if self.port else random.sample(LISTEN_PORTS, 50)
        for port in candidates:
            try:
                listener.bind(("127.0.0.1", port))
                break
            except OSError:
                if port == candidates[-1]:
                    listener.close()
                    raise
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut the open ones."""
        with self._lock:
            if self._listener is not None:
                # Closing alone leaves a thread blocked in accept() holding the socket: one
                # more connection would still get through.
                with contextlib.suppress(OSError):
                    self._listener.shutdown(socket.SHUT_RDWR)
                self._listener.close()
                self._listener = None
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()
