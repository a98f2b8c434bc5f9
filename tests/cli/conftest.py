"""Fixtures of the command tests: a loopback site with fixed answers, a temporary project copy."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from core.settings import PROJECT_ROOT

Answer = tuple[int, str, bytes]
"""Status, content type and body of one path."""


@pytest.fixture
def site() -> Iterator[Callable[[dict[str, Answer]], str]]:
    """``site({path: (status, content_type, body)})`` serves those paths on 127.0.0.1 (404 for
    any other, robots.txt included) and returns the base URL; stopped after the test."""
    servers: list[ThreadingHTTPServer] = []

    def start(answers: dict[str, Answer]) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, content_type, body = answers.get(self.path, (404, "text/plain", b""))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away copy of the project layout the scaffold writes into: the demo registry, the
    spider package (so new spiders import from the copy), the shared test conftest and the
    pytest settings. The real tree is never written."""
    root = tmp_path / "project"
    (root / "config").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "config" / "sources.demo.toml", root / "config")
    shutil.copytree(PROJECT_ROOT / "scrapers", root / "scrapers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "tests").mkdir()
    shutil.copy(PROJECT_ROOT / "tests" / "conftest.py", root / "tests")
    shutil.copy(PROJECT_ROOT / "pyproject.toml", root)
    return root
