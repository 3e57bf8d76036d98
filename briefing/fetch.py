"""Fetching over HTTP for the daily briefing: bounded in time, size and redirects.

Sits before the ingest stage of ``briefing daily``: ``feeds.py`` fetches feeds and the pages of
teaser entries through :func:`fetch_all`. Every request

- goes to ``http://`` or ``https://`` only, and so does every redirect it follows;
- has a connect timeout, a read timeout *and* a total deadline. httpx's timeouts are per
  operation, so a server dripping a byte a second would never trip them; a watchdog timer shuts
  the connection's socket at the deadline, which wakes a read blocked on it, and the body loop
  checks the clock between chunks;
- stops reading past ``max_bytes`` of *decoded* body: the body is read raw and inflated here
  with a bounded ``zlib`` output size, so a gzip bomb costs at most ``max_bytes`` of memory;
- follows at most ``max_redirects`` redirects by hand (so that each hop's scheme is checked and
  a loop is named as one);
- says who it is: ``briefing/<version> (+contact)``.

A failure is a :class:`FetchError` naming the URL and the reason, never anything else; callers
turn it into one warning and go on.

What the deadline does not cover: the host name lookup (``getaddrinfo`` cannot be interrupted;
it is bounded by the system resolver's own timeouts) and the TCP connect, bounded by the
connect timeout, itself capped at the deadline.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
import zlib
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from .dailyconfig import NetworkConfig

log = logging.getLogger(__name__)

SCHEMES = ("http", "https")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.8, */*;q=0.5"
)


class FetchError(Exception):
    """One URL could not be fetched; ``str()`` is ``"<url>: <reason>"``."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Response:
    """A successful fetch: the URL asked for, the URL that answered (after redirects), the
    status, the Content-Type header and the decoded body."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes


def user_agent(network: NetworkConfig) -> str:
    """``briefing/<version> (+contact)``, or the configured header."""
    if network.user_agent:
        return network.user_agent
    contact = f" (+{network.contact})" if network.contact else ""
    return f"briefing/{__version__}{contact}"


def check_url(url: str) -> None:
    """Raise FetchError unless ``url`` is an absolute http:// or https:// address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise FetchError(url, f"not fetched: {shown} addresses are refused, only http and https")
    if not parts.hostname:
        raise FetchError(url, "not fetched: the address has no host name")


def open_client(network: NetworkConfig) -> httpx.Client:
    """An httpx client for :func:`fetch_url`, shareable between threads. Close it after use.

    Redirects are followed by :func:`fetch_url`, not by httpx; connections are not kept alive,
    so every request opens its own connection and the watchdog can always reach its socket.
    """
    return httpx.Client(
        headers={
            "User-Agent": user_agent(network),
            "Accept": _ACCEPT,
            # Only what _Inflater decodes with a bounded output size.
            "Accept-Encoding": "gzip, deflate",
        },
        follow_redirects=False,
        limits=httpx.Limits(max_connections=network.max_parallel, max_keepalive_connections=0),
    )


def fetch_url(url: str, network: NetworkConfig, *, client: httpx.Client | None = None) -> Response:
    """GET ``url`` within ``network``'s limits, following redirects by hand.

    Returns the decoded body of a 2xx answer. Raises FetchError (naming ``url``) for a refused
    scheme, a timeout or the deadline, an HTTP error status, a body over ``max_bytes``, an
    unsupported or corrupt Content-Encoding, a redirect loop or too many redirects.
    """
    check_url(url)
    deadline = time.monotonic() + network.deadline
    own_client = client is None
    http = open_client(network) if client is None else client
    try:
        chain = [url]
        current = url
        while True:
            answer = _get(http, url, current, network, deadline)
            if isinstance(answer, Response):
                return answer
            target = urljoin(current, answer)
            if urlsplit(target).scheme.lower() not in SCHEMES:
                raise FetchError(
                    url, f"redirected to {target}: only http and https addresses are followed"
                )
            if target in chain:
                loop = " -> ".join([*chain[chain.index(target) :], target])
                raise FetchError(url, f"redirect loop: {loop}")
            if len(chain) > network.max_redirects:
                raise FetchError(url, f"more than {network.max_redirects} redirects")
            chain.append(target)
            current = target
    finally:
        if own_client:
            http.close()


def fetch_all(urls: Sequence[str], network: NetworkConfig) -> dict[str, Response | FetchError]:
    """Fetch every URL, at most ``network.max_parallel`` at a time.

    Returns URL -> Response or FetchError, in the order of ``urls`` (duplicates fetched once),
    whatever order the answers arrive in. Never raises for one URL's failure.
    """
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}

    with open_client(network) as http:

        def one(url: str) -> Response | FetchError:
            started = time.monotonic()
            try:
                response = fetch_url(url, network, client=http)
            except FetchError as error:
                log.info("%s (%.2f s)", error, time.monotonic() - started)
                return error
            except Exception as exc:  # a bug or an exception httpx does not wrap: one URL's
                log.exception("fetching %s failed unexpectedly", url)  # problem all the same
                return FetchError(url, f"unexpected error: {type(exc).__name__}: {exc}")
            log.info(
                "fetched %s: %d bytes in %.2f s",
                url,
                len(response.body),
                time.monotonic() - started,
            )
            return response

        workers = min(network.max_parallel, len(unique))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            results = list(pool.map(one, unique))
    return dict(zip(unique, results, strict=True))


# --- one request -------------------------------------------------------------------------------


class _Watchdog:
    """Shuts the sockets of one request down when its deadline passes.

    httpcore reports each new connection through the documented ``trace`` request extension;
    ``shutdown`` (not ``close``) is what reliably wakes a thread blocked in ``recv`` on Linux.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: Mapping[str, Any]) -> None:
        if event.endswith((".connect_tcp.complete", ".start_tls.complete")):
            self.watch(info.get("return_value"))

    def watch(self, stream: Any) -> None:
        """Watch the socket of an httpcore network stream (ignored if it has none)."""
        get = getattr(stream, "get_extra_info", None)
        sock = get("socket") if get is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired.is_set()
        if fired:
            self._shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired.set()
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed: nothing left to wake
            sock.shutdown(socket.SHUT_RDWR)


def _get(
    http: httpx.Client, url: str, current: str, network: NetworkConfig, deadline: float
) -> Response | str:
    """One GET of ``current`` (a hop of ``url``): a Response, or the Location to go to next."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(url, f"gave up at the {network.deadline:g} s deadline")
    timeout = httpx.Timeout(
        connect=min(network.connect_timeout, remaining),
        read=min(network.read_timeout, remaining),
        write=min(network.read_timeout, remaining),
        pool=remaining,
    )
    with _Watchdog(remaining) as watchdog, _errors(url, current, network, watchdog):
        request = http.build_request(
            "GET", current, timeout=timeout, extensions={"trace": watchdog.trace}
        )
        response = http.send(request, stream=True)
        try:
            watchdog.watch(response.extensions.get("network_stream"))
            if response.status_code in _REDIRECTS and "location" in response.headers:
                return response.headers["location"]
            if not 200 <= response.status_code < 300:
                reason = response.reason_phrase or "error"
                raise FetchError(url, f"HTTP {response.status_code} {reason}".rstrip())
            body = _read_body(response, url, network, deadline, watchdog)
        finally:
            response.close()
    final = str(response.url)
    if final != url:
        log.debug("%s answered from %s", url, final)
    return Response(
        url=url,
        final_url=final,
        status=response.status_code,
        content_type=response.headers.get("content-type", ""),
        body=body,
    )


@contextmanager
def _errors(url: str, current: str, network: NetworkConfig, watchdog: _Watchdog) -> Iterator[None]:
    """httpx's exceptions as FetchError with a reason a newsroom can act on."""
    via = "" if current == url else f" (redirected to {current})"
    try:
        yield
    except FetchError:
        raise
    except httpx.HTTPError as exc:
        if watchdog.fired.is_set():
            raise FetchError(url, f"gave up at the {network.deadline:g} s deadline{via}") from None
        if isinstance(exc, httpx.ConnectTimeout):
            reason = f"no connection within {network.connect_timeout:g} s (connect timeout)"
        elif isinstance(exc, httpx.TimeoutException):
            reason = f"no data for {network.read_timeout:g} s (read timeout)"
        elif isinstance(exc, httpx.ConnectError):
            reason = f"cannot connect: {exc or 'connection refused'}"
        elif isinstance(exc, httpx.RemoteProtocolError):
            reason = f"the server broke the HTTP protocol: {exc}"
        else:
            reason = f"{type(exc).__name__}: {exc}"
        raise FetchError(url, reason + via) from None
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid address: {exc}{via}") from None


def _read_body(
    response: httpx.Response,
    url: str,
    network: NetworkConfig,
    deadline: float,
    watchdog: _Watchdog,
) -> bytes:
    limit = network.max_bytes
    too_big = f"larger than the {limit:,} byte limit (max_bytes)"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"{too_big}: Content-Length is {int(declared):,}")
    inflater = _Inflater(url, response.headers.get("content-encoding", ""))
    body = bytearray()
    received = 0
    for chunk in response.iter_raw():
        if watchdog.fired.is_set() or time.monotonic() > deadline:
            raise FetchError(url, f"gave up at the {network.deadline:g} s deadline")
        received += len(chunk)
        if received > limit:
            raise FetchError(url, too_big)
        body += inflater.feed(chunk, limit + 1 - len(body))
        if len(body) > limit:
            kind = "compressed body inflates to more" if inflater.compressed else "larger"
            raise FetchError(url, f"{kind} than the {limit:,} byte limit (max_bytes)")
    body += inflater.finish()
    if len(body) > limit:
        raise FetchError(url, f"compressed body inflates to more than the {limit:,} byte limit")
    return bytes(body)


class _Inflater:
    """Decodes gzip or deflate content with a cap on the output of every call."""

    def __init__(self, url: str, encoding: str) -> None:
        self.url = url
        coding = encoding.strip().lower()
        if coding in {"", "identity"}:
            self._wbits: int | None = None
        elif coding in {"gzip", "x-gzip"}:
            self._wbits = 16 + zlib.MAX_WBITS
        elif coding == "deflate":
            self._wbits = 0  # decided on the first bytes: zlib-wrapped or raw (both exist)
        else:
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
        self.compressed = self._wbits is not None
        self._inflate: Any = None

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded bytes of ``data``, at most ``room`` of them (more would exceed the limit)."""
        if self._wbits is None:
            return data
        if self._inflate is None:
            wbits = self._wbits
            if wbits == 0:
                raw = len(data) >= 2 and (data[0] & 0x0F != 8 or ((data[0] << 8) | data[1]) % 31)
                wbits = -zlib.MAX_WBITS if raw else zlib.MAX_WBITS
            self._inflate = zlib.decompressobj(wbits)
            self._wbits = wbits
        out = bytearray()
        try:
            while data and room > 0:
                piece = self._inflate.decompress(data, room)
                out += piece
                room -= len(piece)
                if self._inflate.unconsumed_tail:
                    # Output stopped at ``room``: the caller sees the limit exceeded.
                    data = self._inflate.unconsumed_tail
                elif self._inflate.eof and self._inflate.unused_data:
                    data = self._inflate.unused_data  # next gzip member
                    self._inflate = zlib.decompressobj(self._wbits)
                else:
                    data = b""
        except zlib.error as exc:
            raise FetchError(self.url, f"corrupt compressed body: {exc}") from None
        return bytes(out)

    def finish(self) -> bytes:
        if self._inflate is None:
            return b""
        try:
            return bytes(self._inflate.flush())
        except zlib.error as exc:
            raise FetchError(self.url, f"corrupt compressed body: {exc}") from None
