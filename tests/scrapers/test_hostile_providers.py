"""Hostile or broken providers, on loopback only: links to local files, redirects off the
registry's hosts or into robots.txt-disallowed paths, robots.txt answering 503, endless and
compressed-bomb answers, Retry-After games. Each ends in one clear error, within the limits,
with nothing read or published that should not be."""

from __future__ import annotations

import gzip
import threading
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import orjson
import pytest

from schemas.source import Source
from scrapers.extract import extract_feed
from scrapers.fetch import Fetcher, FetchError, FetchPolicy, FetchRefused, retry_after_seconds
from scrapers.politeness import HostGate, Limits

Handler = Callable[[BaseHTTPRequestHandler], None]


class Site:
    """A loopback web server whose paths answer with handler functions."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: list[str] = []
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site.hits.append(self.path)
                handler = site.routes.get(self.path.split("?")[0])
                if handler is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                handler(self)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def json(self, path: str, body, status: int = 200, headers: dict | None = None) -> None:
        data = orjson.dumps(body)

        def answer(request: BaseHTTPRequestHandler) -> None:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(data)

        self.routes[path] = answer

    def redirect(self, path: str, target: str) -> None:
        def answer(request: BaseHTTPRequestHandler) -> None:
            request.send_response(302)
            request.send_header("Location", target)
            request.send_header("Content-Length", "0")
            request.end_headers()

        self.routes[path] = answer

    def text(self, path: str, body: str, status: int = 200) -> None:
        data = body.encode()

        def answer(request: BaseHTTPRequestHandler) -> None:
            request.send_response(status)
            request.send_header("Content-Type", "text/plain")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)

        self.routes[path] = answer

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.text("/robots.txt", "User-agent: *\nDisallow: /intern/\n")
    yield s
    s.close()


def source(adapter: str, url: str, **fields) -> Source:
    return Source(id="hostile", provider="test", adapter=adapter, url=url, licence="dl-by-de/2.0",
                  key="id", **fields)


def fetcher_for(src: Source, **kwargs) -> Fetcher:
    gate = HostGate(Path("/tmp") / "fp-test-hosts", Limits(4, 0), Limits(8, 0))
    return Fetcher(FetchPolicy.for_source(src), retries=0, gate=gate, **kwargs)


def run(src: Source, tmp_path: Path, fetcher: Fetcher | None = None) -> dict:
    return extract_feed(src, tmp_path / "raw.jsonl", tmp_path / "stats.json",
                        fetcher=fetcher or fetcher_for(src))


def test_a_next_link_to_a_local_file_is_refused_and_nothing_is_read(site, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text('{"items": [{"id": "geheim", "title": "aus einer lokalen Datei"}]}')
    site.json("/rpde", {"items": [{"state": "updated", "kind": "Event", "id": "1", "modified": 1,
                                   "data": {"@type": "Event", "name": "Kinderturnen"}}],
                        "next": secret.as_uri()})
    stats = run(source("rpde", site.base + "/rpde"), tmp_path)
    assert "file URLs are read only where the registry names them" in stats["error"]
    assert not (tmp_path / "raw.jsonl").exists() and stats["refused"] == 1
    site.json("/api", {"items": [{"id": "1", "title": "x"}], "next": secret.as_uri()})
    api = source("json_api", site.base + "/api", options={"items": "items",
                                                          "paging": {"style": "next",
                                                                     "next_path": "next"}})
    stats = run(api, tmp_path)
    assert "file URLs" in stats["error"] and not (tmp_path / "raw.jsonl").exists()


def test_the_registry_may_name_a_file_but_a_link_may_not(tmp_path):
    feed = tmp_path / "kurse.json"
    feed.write_text('[{"id": "1", "title": "Babymassage"}]')
    stats = run(source("json_api", feed.as_uri()), tmp_path)
    assert stats["error"] is None and stats["records"] == 1


def test_redirects_off_the_registry_and_into_disallowed_paths_are_refused(site, tmp_path):
    other = Site()
    try:
        other.json("/steal", [{"id": "1", "title": "fremd"}])
        site.redirect("/feed", other.base + "/steal")
        stats = run(source("json_api", site.base + "/feed"), tmp_path)
        assert "is not the source's port" in stats["error"] and other.hits == []
        site.redirect("/feed2", "http://evil.example/steal")
        stats = run(source("json_api", site.base + "/feed2"), tmp_path)
        assert "host 'evil.example' is not among the source's hosts" in stats["error"]
        site.json("/intern/feed", [{"id": "1", "title": "intern"}])
        site.redirect("/feed3", "/intern/feed")
        stats = run(source("json_api", site.base + "/feed3"), tmp_path)
        assert "disallowed by robots.txt" in stats["error"]
        assert "/intern/feed" not in site.hits
    finally:
        other.close()


def test_robots_txt_answering_503_means_disallow(site, tmp_path):
    site.text("/robots.txt", "Service Unavailable", status=503)
    site.json("/feed", [{"id": "1", "title": "x"}])
    stats = run(source("json_api", site.base + "/feed"), tmp_path)
    assert "robots.txt answered HTTP 503: treated as disallow" in stats["error"]
    assert "/feed" not in site.hits


def test_an_endless_answer_stops_at_the_size_limit(site, tmp_path):
    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.end_headers()  # no length: the body goes on until the connection closes
        chunk = b"[" + b'{"id": "1", "title": "x"},' * 4000
        try:
            for _ in range(100_000):  # up to ~1 GB, far beyond the limit
                request.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        request.close_connection = True

    site.routes["/big"] = endless
    stats = run(source("json_api", site.base + "/big", max_bytes=2 * 1024 * 1024), tmp_path)
    assert "larger than the source's max_bytes (2097152)" in stats["error"]
    assert stats["bytes"] == 0


def test_a_decompression_bomb_stops_at_the_size_limit(site, tmp_path):
    bomb = gzip.compress(b"[" + b" " * (200 * 1024 * 1024) + b"]", compresslevel=9)
    assert len(bomb) < 300_000

    def answer(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(bomb)))
        request.end_headers()
        request.wfile.write(bomb)

    site.routes["/bomb"] = answer
    stats = run(source("json_api", site.base + "/bomb", max_bytes=4 * 1024 * 1024), tmp_path)
    assert "larger than the source's max_bytes (4194304) once decompressed" in stats["error"]


def test_a_body_shorter_than_its_content_length_is_cut_off(site, tmp_path):
    def answer(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", "5000")
        request.end_headers()
        request.wfile.write(b'[{"id": "1", "title": "x"}]')
        request.close_connection = True

    site.routes["/short"] = answer
    stats = run(source("json_api", site.base + "/short"), tmp_path)
    assert "the answer was cut off" in stats["error"]


def test_retry_after_as_seconds_or_http_date_is_honoured_up_to_the_ceiling(site, tmp_path,
                                                                           frozen_now):
    assert retry_after_seconds("7", frozen_now) == 7.0
    later = format_datetime((frozen_now + timedelta(seconds=90)).astimezone(UTC), usegmt=True)
    assert retry_after_seconds(later, frozen_now) == pytest.approx(90, abs=1)
    assert retry_after_seconds("bald", frozen_now) is None

    calls = {"n": 0}
    slept: list[float] = []

    def busy_then_ok(request: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            request.send_response(503)
            request.send_header("Retry-After", format_datetime(
                (frozen_now + timedelta(seconds=42)).astimezone(UTC), usegmt=True))
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        data = b'[{"id": "1", "title": "x"}]'
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    site.routes["/busy"] = busy_then_ok
    src = source("json_api", site.base + "/busy")
    fetcher = fetcher_for(src, clock=lambda: frozen_now, sleep=slept.append)
    fetcher.retries = 1
    assert run(src, tmp_path, fetcher)["records"] == 1
    assert slept == [pytest.approx(42, abs=1)]

    site.json("/never", [], status=503, headers={"Retry-After": "86400"})
    src = source("json_api", site.base + "/never")
    fetcher = fetcher_for(src, sleep=slept.append, retry_after_max_s=120)
    fetcher.retries = 3
    stats = run(src, tmp_path, fetcher)
    assert "asks to retry after 86400 s, more than the ceiling of 120 s" in stats["error"]


def test_policy_rules():
    src = source("json_api", "http://127.0.0.1:4711/api", allowed_hosts=["cdn.example.org"])
    policy = FetchPolicy.for_source(src)
    policy.check("http://127.0.0.1:4711/api?page=2", followed=True)
    policy.check("https://cdn.example.org/files/x.json", followed=True)
    for bad, reason in [
        ("file:///etc/passwd", "file URLs"),
        ("http://127.0.0.1:22/", "port 22"),
        ("http://169.254.169.254/latest/meta-data", "host '169.254.169.254'"),
        ("ftp://127.0.0.1:4711/x", "scheme 'ftp'"),
        ("gopher://127.0.0.1:4711/", "scheme 'gopher'"),
    ]:
        with pytest.raises(FetchRefused, match=reason):
            policy.check(bad, followed=True)
    with pytest.raises(FetchError):
        FetchPolicy.for_source(source("json_api", "file:///tmp/a.json")).check(
            "file:///etc/passwd", followed=False)


def test_host_gate_limits_requests_across_fetchers(tmp_path):
    gate = HostGate(tmp_path / "hosts", Limits(2, 0), Limits(2, 0))
    held = [gate.try_acquire("127.0.0.1:9"), gate.try_acquire("127.0.0.1:9")]
    assert all(fd is not None for fd in held)
    assert gate.try_acquire("127.0.0.1:9") is None  # a third request waits
    other = HostGate(tmp_path / "hosts", Limits(2, 0), Limits(2, 0))  # another process's view
    assert other.try_acquire("127.0.0.1:9") is None
    gate.release(held.pop())
    fd = other.try_acquire("127.0.0.1:9")
    assert fd is not None
    for f in (fd, *held):
        gate.release(f)
    spaced = HostGate(tmp_path / "hosts2", Limits(4, 0), Limits(4, 60.0))
    first = spaced.try_acquire("127.0.0.1:9")
    assert first is not None and spaced.try_acquire("127.0.0.1:9") is None  # the delay holds
    spaced.release(first)


def test_zlib_bomb_in_deflate_encoding_too(site, tmp_path):
    compressor = zlib.compressobj(9)
    bomb = compressor.compress(b"[" + b" " * (100 * 1024 * 1024) + b"]") + compressor.flush()

    def answer(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Encoding", "deflate")
        request.send_header("Content-Length", str(len(bomb)))
        request.end_headers()
        request.wfile.write(bomb)

    site.routes["/deflate"] = answer
    stats = run(source("json_api", site.base + "/deflate", max_bytes=1024 * 1024), tmp_path)
    assert "once decompressed" in stats["error"]
