"""fetch.py: every request bounded in time, size and redirects; every failure one FetchError.

Servers run on 127.0.0.1 in threads (tests/servers.py); nothing reaches the internet.
"""

from __future__ import annotations

import gzip
import time
import zlib

import pytest

from briefing import __version__
from briefing.dailyconfig import NetworkConfig
from briefing.fetch import FetchError, Response, fetch_all, fetch_url, user_agent
from tests.servers import (
    drip,
    endless,
    gzipped,
    serve,
    silent_server,
    slow,
    stall,
    text,
)

FAST = NetworkConfig(
    connect_timeout=0.5, read_timeout=0.5, deadline=1.0, max_bytes=100_000, max_redirects=3
)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


def failure(url: str, network: NetworkConfig = FAST) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_url(url, network)
    assert caught.value.url == url
    assert str(caught.value).startswith(url + ": ")
    return caught.value.reason, time.monotonic() - started


def test_fetches_a_page_and_says_who_it_is() -> None:
    seen: list[str] = []

    def echo(handler):  # type: ignore[no-untyped-def]
        seen.append(handler.headers["User-Agent"])
        handler.reply(b"hello")

    network = FAST.model_copy(update={"contact": "https://newsroom.example/briefing"})
    with serve({"/": echo}) as base:
        response = fetch_url(base + "/", network)
    assert response.body == b"hello"
    assert response.status == 200
    assert seen == [f"briefing/{__version__} (+https://newsroom.example/briefing)"]
    assert user_agent(NetworkConfig()) == f"briefing/{__version__}"
    assert user_agent(NetworkConfig(user_agent="Desk/1.0")) == "Desk/1.0"


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "//host/x", "http:///x"],
)
def test_refuses_other_schemes_without_any_io(url: str) -> None:
    reason, elapsed = failure(url)
    assert "not fetched" in reason
    assert elapsed < 0.1


def test_a_server_that_never_answers_is_cut_at_the_read_timeout() -> None:
    with silent_server() as base:
        reason, elapsed = failure(base + "/feed")
    assert "read timeout" in reason
    assert 0.4 < elapsed < 0.9


def test_a_dripping_server_is_cut_at_the_deadline() -> None:
    # One byte a second never trips a 2 s read timeout; the 1 s deadline stops it.
    network = FAST.model_copy(update={"read_timeout": 2.0, "deadline": 1.0})
    with serve({"/drip": drip(1.0)}) as base:
        reason, elapsed = failure(base + "/drip", network)
    assert "deadline" in reason
    # Well before the drip would end; the margin is for a loaded 2-core CI machine.
    assert 0.9 < elapsed < 1.8


def test_the_deadline_wakes_a_read_blocked_longer_than_it() -> None:
    # Headers, then silence: only the watchdog (read timeout 5 s) can stop this at 0.6 s.
    network = FAST.model_copy(update={"read_timeout": 5.0, "deadline": 0.6})
    with serve({"/stall": stall(10)}) as base:
        reason, elapsed = failure(base + "/stall", network)
    assert "0.6 s deadline" in reason
    assert 0.5 < elapsed < 2.0  # far below the 5 s read timeout, with margin for a loaded machine


def test_a_huge_body_is_cut_past_max_bytes() -> None:
    with serve({"/huge": endless()}) as base:
        reason, elapsed = failure(base + "/huge")
    assert "larger than the 100,000 byte limit" in reason
    assert elapsed < 0.9


def test_a_declared_huge_body_is_refused_before_reading() -> None:
    def declared(handler):  # type: ignore[no-untyped-def]
        handler.send_response(200)
        handler.send_header("Content-Length", str(10**9))
        handler.end_headers()

    with serve({"/big": declared}) as base:
        reason, _ = failure(base + "/big")
    assert "Content-Length is 1,000,000,000" in reason


def test_a_gzip_bomb_stops_at_max_bytes_of_inflated_data() -> None:
    bomb = b"\0" * 50_000_000  # 50 MB of zeros: about 50 KB once compressed
    with serve({"/bomb": gzipped(bomb)}) as base:
        reason, elapsed = failure(base + "/bomb")
    assert "inflates to more than the 100,000 byte limit" in reason
    assert elapsed < 0.9


def test_gzip_and_deflate_bodies_are_decoded() -> None:
    body = b"<rss>" + b"news " * 1000 + b"</rss>"

    def deflated(handler):  # type: ignore[no-untyped-def]
        handler.reply(zlib.compress(body), "application/xml", Content_Encoding="deflate")

    def raw_deflated(handler):  # type: ignore[no-untyped-def]
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        data = packer.compress(body) + packer.flush()
        handler.reply(data, "application/xml", Content_Encoding="deflate")

    def two_members(handler):  # type: ignore[no-untyped-def]
        data = gzip.compress(body[:100]) + gzip.compress(body[100:])
        handler.reply(data, "application/xml", Content_Encoding="gzip")

    routes = {"/gz": gzipped(body), "/z": deflated, "/raw": raw_deflated, "/two": two_members}
    with serve(routes) as base:
        for path in routes:
            assert fetch_url(base + path, FAST).body == body, path


def test_a_corrupt_or_unknown_encoding_is_one_failure() -> None:
    def corrupt(handler):  # type: ignore[no-untyped-def]
        handler.reply(b"\x1f\x8b not gzip at all", "application/xml", Content_Encoding="gzip")

    def brotli(handler):  # type: ignore[no-untyped-def]
        handler.reply(b"...", "application/xml", Content_Encoding="br")

    with serve({"/corrupt": corrupt, "/br": brotli}) as base:
        assert "corrupt compressed body" in failure(base + "/corrupt")[0]
        assert "unsupported Content-Encoding 'br'" in failure(base + "/br")[0]


def test_redirects_are_followed_and_bounded() -> None:
    def hop(n: int):  # type: ignore[no-untyped-def]
        return lambda h: h.redirect(f"/hop/{n - 1}") if n else h.reply(b"arrived")

    routes = {f"/hop/{n}": hop(n) for n in range(6)}
    routes["/loop"] = lambda h: h.redirect("/loop")
    routes["/a"] = lambda h: h.redirect("/b")
    routes["/b"] = lambda h: h.redirect("/a")
    routes["/to-file"] = lambda h: h.redirect("file:///etc/passwd")
    with serve(routes) as base:
        response = fetch_url(base + "/hop/3", FAST)
        assert response.body == b"arrived"
        assert response.final_url == base + "/hop/0"
        assert "more than 3 redirects" in failure(base + "/hop/5")[0]
        assert failure(base + "/loop")[0] == f"redirect loop: {base}/loop -> {base}/loop"
        reason, _ = failure(base + "/a")
        assert reason == f"redirect loop: {base}/a -> {base}/b -> {base}/a"
        reason, _ = failure(base + "/to-file")
        assert reason.startswith("redirected to file:///etc/passwd")


def test_http_errors_name_the_status() -> None:
    def broken(handler):  # type: ignore[no-untyped-def]
        handler.send_error(503, "Service Unavailable")

    with serve({"/down": broken}) as base:
        assert failure(base + "/missing")[0] == "HTTP 404 Not Found"
        assert failure(base + "/down")[0] == "HTTP 503 Service Unavailable"


def test_a_refused_connection_is_one_failure() -> None:
    with silent_server() as base:
        pass  # the port is closed again: nothing listens there now
    reason, elapsed = failure(base + "/")
    assert reason.startswith("cannot connect")
    assert elapsed < 0.5


def test_fetch_all_runs_a_bounded_pool_and_keeps_the_order() -> None:
    gauge, peak = [0], [0]
    routes = {f"/s{n}": slow(0.3, f"page {n}".encode(), gauge, peak) for n in range(4)}
    network = FAST.model_copy(update={"max_parallel": 2})
    with serve(routes) as base:
        urls = [base + f"/s{n}" for n in (3, 1, 0, 2)] + [base + "/missing", "file:///etc/passwd"]
        started = time.monotonic()
        results = fetch_all(urls, network)
        elapsed = time.monotonic() - started
    assert list(results) == urls
    bodies = [r.body for r in results.values() if isinstance(r, Response)]
    assert bodies == [b"page 3", b"page 1", b"page 0", b"page 2"]
    assert [type(r).__name__ for r in results.values()][-2:] == ["FetchError", "FetchError"]
    assert peak[0] == 2
    assert 0.55 < elapsed < 1.2


def test_many_bad_servers_at_once_finish_within_their_deadlines() -> None:
    network = FAST.model_copy(update={"max_parallel": 4})
    routes = {"/drip": drip(0.2), "/stall": stall(10), "/huge": endless(), "/ok": text("fine")}
    with serve(routes) as base, silent_server() as silent:
        urls = [base + p for p in routes] + [silent + "/"]
        started = time.monotonic()
        results = fetch_all(urls, network)
        elapsed = time.monotonic() - started
    failures = {url: r for url, r in results.items() if isinstance(r, FetchError)}
    assert set(failures) == set(urls) - {base + "/ok"}
    assert elapsed < 2.0  # five requests, four at a time, each within its 1 s deadline
