"""How a faulty provider answers: server error page and a body cut in the middle of a record."""

from __future__ import annotations

from demo.exchange import DemoResponse

TRUNCATE_AT = 0.55
"""Fraction of the body that a truncated response keeps."""


def server_error() -> DemoResponse:
    body = (
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>"
        "<h1>Internal Server Error</h1><p>The server encountered an internal error or "
        "misconfiguration and was unable to complete your request.</p></body></html>"
    )
    return DemoResponse(500, body.encode("utf-8"), "text/html; charset=iso-8859-1")


def truncate(response: DemoResponse) -> DemoResponse:
    """The same response with its body cut at ~55 %, never right after a line break or a closing
    bracket, tag or comma, so the
    cut falls inside a record. ``Content-Length`` will match the shortened body: the HTTP
    exchange is well-formed, only the content is broken."""
    body = response.body
    if len(body) < 2:
        return response
    cut = max(1, int(len(body) * TRUNCATE_AT))
    while cut > 1 and body[cut - 1 : cut] in (b"\n", b"\r", b">", b"}", b"]", b","):
        cut -= 1
    return DemoResponse(response.status, body[:cut], response.content_type, response.headers)
