"""Helpers for the feed-reader tests: sources, a frozen-clock fetcher, a loopback JSON API."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import orjson
import pytest

from schemas.source import Source
from scrapers.fetch import Fetcher

READER_FIXTURES = Path(__file__).parent.parent / "fixtures" / "readers"


def _make_source(adapter: str, url: str = "file:///dev/null", *, key: Any = None,
                 **options: Any) -> Source:
    return Source(id=f"test-{adapter.replace('_', '-')}", provider="test", adapter=adapter,
                  url=url, licence="dl-by-de/2.0", key=key, options=options)


@pytest.fixture
def make_source() -> Callable[..., Source]:
    """``make_source(adapter, url, key=…, **options)``: a source validated like a registry entry."""
    return _make_source


@pytest.fixture
def fetcher(frozen_now: datetime) -> Iterator[Fetcher]:
    """A fetcher whose clock stands at the frozen test time; no retries, no robots.txt."""
    with Fetcher(clock=lambda: frozen_now, retries=0, obey_robots=False) as f:
        yield f


@pytest.fixture
def reader_fixtures() -> Path:
    return READER_FIXTURES


Reply = tuple[int, dict[str, str], Any]
"""Status, headers and a JSON-able body (or bytes)."""


@dataclass
class JsonApi:
    """Routes of the loopback API: path -> handler(query) -> reply; every request is logged."""

    base: str = ""
    routes: dict[str, Callable[[dict[str, str]], Reply]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def route(self, path: str) -> Callable[[Callable[[dict[str, str]], Reply]], None]:
        def add(handler: Callable[[dict[str, str]], Reply]) -> None:
            self.routes[path] = handler

        return add

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="session")
def _json_api_server() -> Iterator[JsonApi]:
    api = JsonApi()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            with lock:
                api.requests.append((parts.path, query))
            handler = api.routes.get(parts.path)
            status, headers, body = handler(query) if handler else (404, {}, {"error": "nope"})
            payload = body if isinstance(body, bytes) else orjson.dumps(body)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    api.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def json_api(_json_api_server: JsonApi) -> JsonApi:
    """An HTTP server on 127.0.0.1 at a free port (one per session), answering with the routes
    a test adds; routes and the request log start empty for every test."""
    _json_api_server.routes.clear()
    _json_api_server.requests.clear()
    return _json_api_server
