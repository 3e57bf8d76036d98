"""Local HTTP servers for the fetch, feeds and daily tests: 127.0.0.1 only, bounded, stoppable.

``serve(routes)`` runs a threaded ``http.server`` on a free port of 127.0.0.1 and yields its base
URL; each route is a function of the request handler. Slow routes sleep on the server's stop
event, so the server always shuts down at once. ``silent_server()`` accepts TCP connections (the
kernel does, from the listen backlog) and never answers.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path.split("?", 1)[0])
        try:
            if route is None:
                self.send_error(404, "Not Found")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: that is what several tests want

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def reply(
        self, body: bytes, content_type: str = "text/plain; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def pause(self, seconds: float) -> bool:
        """Sleep unless the server stops; True if it is stopping."""
        return self.server.stopping.wait(seconds)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    requests: list[str]
    stopping: threading.Event


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[str]:
    server = Server(("127.0.0.1", 0), Handler)
    server.routes = routes
    server.requests = []
    server.stopping = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def silent_server() -> Iterator[str]:
    """A port that accepts connections (kernel backlog) and never sends a byte."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


# --- common routes ------------------------------------------------------------------------------


def text(body: str | bytes, content_type: str = "text/plain; charset=utf-8") -> Route:
    data = body.encode() if isinstance(body, str) else body
    return lambda handler: handler.reply(data, content_type)


def drip(interval: float, total: int = 10_000) -> Route:
    """Headers at once, then one byte every ``interval`` seconds."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        for _ in range(total):
            if handler.pause(interval):
                return
            handler.wfile.write(b"<")
            handler.wfile.flush()

    return route


def stall(seconds: float) -> Route:
    """Headers at once, then nothing for ``seconds``."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.flush()
        handler.pause(seconds)

    return route


def endless(chunk: int = 65536, limit: int = 200_000_000) -> Route:
    """A body without Content-Length that goes on until the client hangs up (or ``limit``)."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/xml")
        handler.end_headers()
        block = b"x" * chunk
        sent = 0
        while sent < limit and not handler.server.stopping.is_set():
            handler.wfile.write(block)
            sent += chunk

    return route


def gzipped(body: bytes, content_type: str = "application/xml") -> Route:
    packed = gzip.compress(body, compresslevel=9)
    return lambda handler: handler.reply(packed, content_type, Content_Encoding="gzip")


def slow(seconds: float, body: bytes, gauge: list[int], peak: list[int]) -> Route:
    """Answers after ``seconds``; counts how many requests are under way at once."""
    lock = threading.Lock()

    def route(handler: Handler) -> None:
        with lock:
            gauge[0] += 1
            peak[0] = max(peak[0], gauge[0])
        try:
            time.sleep(seconds)
            handler.reply(body)
        finally:
            with lock:
                gauge[0] -= 1

    return route
