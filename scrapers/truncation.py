"""Signs that a document was cut off in transfer: a structure that is opened and never closed.

A cut-off file read leniently looks like a provider that lists fewer offers; treating it as
complete would withdraw the rest. These checks are deliberately structural (is the root
element closed? does the JSON end?), not a validation of the content.
"""

from __future__ import annotations

import re

import orjson

_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")
_NOISE = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", re.S | re.I)


def xml_cut_off(content: bytes) -> bool:
    """The XML does not end with the end tag of its root element."""
    head = _NOISE.sub(b"", content[:4096].lstrip(b"\xef\xbb\xbf"))
    root = _ROOT.search(head)
    if root is None:
        return False
    tail = re.sub(rb"<!--.*?-->", b"", content[-4096:], flags=re.S)
    return re.search(rb"</\s*" + re.escape(root.group(1)) + rb"\s*>\s*\Z", tail) is None


def html_cut_off(content: bytes) -> bool:
    """A whole HTML document (it opens with a doctype or ``<html>``) without its closing
    ``</html>`` or ``</body>`` near the end. Fragments are not judged."""
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith((b"<!doctype html", b"<html")):
        return False
    tail = content[-2048:].lower()
    return b"</html" not in tail and b"</body" not in tail


def json_cut_off(content: bytes) -> bool:
    body = content.strip().removeprefix(b"\xef\xbb\xbf")
    if not body:
        return False
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError:
        return True
    return False


def cut_off(content: bytes, content_type: str) -> bool:
    """The check that fits the content type (unknown types: not judged)."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return html_cut_off(content)
    if kind.endswith(("/xml", "+xml")):
        return xml_cut_off(content)
    if kind.endswith(("/json", "+json")):
        return json_cut_off(content)
    return False
