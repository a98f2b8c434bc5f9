"""A tiny HTTP site on 127.0.0.1 for crawl tests: fixed pages, optional delays, a request log."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Page:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    drop: bool = False  # close the connection without answering


class LoopbackSite:
    """Serves ``pages`` (path -> Page); unknown paths answer 404. ``hits`` logs every path,
    ``on_request`` (if given) is called with each path before the answer."""

    def __init__(self, pages: dict[str, Page], on_request: Callable[[str], None] | None = None):
        self.pages = pages
        self.on_request = on_request
        self.hits: list[str] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with site._lock:
                    site.hits.append(self.path)
                if site.on_request is not None:
                    site.on_request(self.path)
                page = site.pages.get(self.path, Page(b"<h1>Nicht gefunden</h1>", status=404))
                if page.delay:
                    time.sleep(page.delay)
                if page.drop:
                    self.close_connection = True
                    return
                body = page.body.encode("utf-8") if isinstance(page.body, str) else page.body
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def hits_of(self, prefix: str) -> list[str]:
        with self._lock:
            return [path for path in self.hits if path.startswith(prefix)]

    def start(self) -> LoopbackSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
