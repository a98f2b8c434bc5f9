"""How a faulty provider answers: server errors, cut-off bodies, garbage, lost and slow pages.

Fault modes (set per provider, see :class:`demo.state.WorldState`):

``500``            every request answers 500 with an Apache error page
``timeout``        every request hangs (until the world stops or ``timeout_fault_s``)
``truncate``       bodies cut at ~55 %; ``truncate:NN`` cuts at NN % (10, 50, 90, …)
``empty``          valid listings without a single offer (a relaunched site)
``garbage``        200 OK with the right content type and bytes that mean nothing
``lose``           a third of the pages (by their path) answer 503, the rest as usual: a
                   crawl loses some of its detail pages, as when a site is overloaded
``slow``           every answer waits ``SLOW_S`` seconds first (longer than a test's timeout)
"""

from __future__ import annotations

import hashlib
import zlib

from demo.exchange import DemoResponse

TRUNCATE_AT = 0.55
"""Fraction of the body that a truncated response keeps."""
SLOW_S = 3.0


def truncate_share(mode: str | None) -> float | None:
    """The share a ``truncate``/``truncate:NN`` mode keeps, else None."""
    if mode == "truncate":
        return TRUNCATE_AT
    if mode and mode.startswith("truncate:"):
        return int(mode.split(":", 1)[1]) / 100
    return None


def server_error(status: int = 500) -> DemoResponse:
    body = (
        f"<!DOCTYPE html><html><head><title>{status} Internal Server Error</title></head><body>"
        "<h1>Internal Server Error</h1><p>The server encountered an internal error or "
        "misconfiguration and was unable to complete your request.</p></body></html>"
    )
    return DemoResponse(status, body.encode("utf-8"), "text/html; charset=iso-8859-1")


def truncate(response: DemoResponse, share: float = TRUNCATE_AT) -> DemoResponse:
    """The same response with its body cut at ``share``, never right after a line break or a
    closing bracket, tag or comma, so the cut falls inside a record. ``Content-Length`` will
    match the shortened body: the HTTP exchange is well-formed, only the content is broken."""
    body = response.body
    if len(body) < 2:
        return response
    cut = max(1, int(len(body) * share))
    while cut > 1 and body[cut - 1 : cut] in (b"\n", b"\r", b">", b"}", b"]", b","):
        cut -= 1
    return DemoResponse(response.status, body[:cut], response.content_type, response.headers)


def garbage(response: DemoResponse) -> DemoResponse:
    """As many bytes as the real body, deterministic noise, same status and content type."""
    size = max(64, len(response.body))
    noise = b"".join(
        hashlib.sha256(f"garbage-{i}".encode()).digest() for i in range(size // 32 + 1)
    )[:size]
    return DemoResponse(response.status, noise, response.content_type, response.headers)


def is_lost(path: str) -> bool:
    """A third of a provider's paths (never its first page) are lost under ``lose``."""
    parts = [p for p in path.split("?")[0].split("/") if p]
    if len(parts) <= 2 and path.endswith("/"):
        return False  # the start page of a site stays reachable
    return zlib.crc32(path.encode()) % 3 == 0
