"""The request a provider sees and the response it returns: plain data, no sockets."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs


@dataclass(frozen=True)
class DemoRequest:
    """One GET/HEAD request, already routed to a provider.

    ``path`` is the full request path (``/vhs/api/kurse``), ``sub_path`` the part after the
    provider prefix (``/api/kurse``), ``query`` the parsed query string, ``host`` the ``Host``
    header (empty when the client sent none).
    """

    method: str
    path: str
    sub_path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    host: str = ""

    @classmethod
    def parse(cls, method: str, target: str, prefix: str = "", host: str = "") -> DemoRequest:
        path, _, query = target.partition("?")
        sub_path = path[len(prefix) :] if prefix and path.startswith(prefix) else path
        return cls(method, path, sub_path or "/", parse_qs(query, keep_blank_values=True), host)

    def absolute(self, target: str) -> str:
        """``http://<host><target>`` for formats whose specification demands absolute URLs
        (sitemaps, RPDE ``next``, REST ``rest_url``); root-relative when the host is unknown."""
        return f"http://{self.host}{target}" if self.host else target

    def arg(self, name: str, default: str | None = None) -> str | None:
        """First value of a query parameter, or ``default``."""
        values = self.query.get(name)
        return values[0] if values else default


@dataclass(frozen=True)
class DemoResponse:
    """Status, body and headers of one answer; ``Content-Length`` is added by the server.

    ``stall_after``: send the headers (with the full ``Content-Length``) and this many body
    bytes, then hang until the world stops or its timeout-fault time passes.
    """

    status: int
    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()
    stall_after: int | None = None


def html_response(markup: str, status: int = 200) -> DemoResponse:
    return DemoResponse(status, markup.encode("utf-8"), "text/html; charset=utf-8")


def json_response(
    data: Any, status: int = 200, content_type: str = "application/json"
) -> DemoResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    return DemoResponse(status, body, f"{content_type}; charset=utf-8")


def text_response(text: str, status: int = 200, content_type: str = "text/plain") -> DemoResponse:
    return DemoResponse(status, text.encode("utf-8"), f"{content_type}; charset=utf-8")


def redirect(location: str, status: int = 302) -> DemoResponse:
    return DemoResponse(status, b"", "text/html; charset=utf-8", (("Location", location),))


def not_found(what: str = "Seite") -> DemoResponse:
    return html_response(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>404 – nicht gefunden'
        f"</title></head><body><h1>Nicht gefunden</h1><p>{what} existiert nicht (mehr).</p>"
        "</body></html>",
        status=404,
    )
