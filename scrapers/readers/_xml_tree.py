"""Provider XML for the course-catalogue readers: lenient loading and elements as plain values.

:func:`load` accepts a UTF-8 byte-order mark or whitespace before ``<?xml``, and a fragment
without its usual root (several top-level elements, or undeclared ``dc:``/``mlo:`` prefixes): it
is then parsed inside a synthetic ``<fragment>`` root. Entities are not resolved and nothing is
fetched from the network.

:func:`element_value` turns an element into what a raw record keeps: text for a leaf, a dict for
an element with children or attributes (``@attr`` keys, ``#text`` for its text), lists for
repeated children. Names of well-known namespaces get their usual prefix (``dc:identifier``,
``mlo:start``), whatever prefix the file chose; XCRI's own and un-namespaced elements have none.
XHTML content is kept as an HTML string.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
PREFIXES: dict[str, str] = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/net/mlo": "mlo",
    "http://purl.org/net/cm": "credit",
    XHTML: "xhtml",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://xcri.org/profiles/catalog": "",
    "http://xcri.org/profiles/1.2/catalog": "",
    "http://xcri.org/profiles/catalog/1.2": "",
    "http://xcri.org/profiles/1.2/catalog/terms": "xcriTerms",
}
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.IGNORECASE)
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*>", re.IGNORECASE)
_FRAGMENT_ROOT = "fragment"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           remove_comments=True, remove_pis=True)


def load(content: bytes) -> etree._Element:
    """The root element of a document or fragment (ValueError when it is not XML at all)."""
    body = content.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not body:
        raise ValueError("the file is empty")
    try:
        return etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        first_error = exc
    try:
        root = etree.fromstring(_wrapped(body), _parser())
    except (etree.XMLSyntaxError, LookupError):
        root = None
    if root is None or not children(root):
        raise ValueError(f"not well-formed XML: {first_error}")
    return root


def _wrapped(body: bytes) -> bytes:
    declaration = _DECLARATION.match(body)
    encoding = "utf-8"
    if declaration:
        named = _ENCODING.search(declaration.group(0))
        encoding = named.group(1).decode("ascii") if named else encoding
        body = body[declaration.end():]
    text = _DOCTYPE.sub("", body.decode(encoding))
    namespaces = " ".join(
        f'xmlns:{prefix}="{uri}"' for uri, prefix in PREFIXES.items()
        if prefix and prefix != "xml"
    )
    return f"<{_FRAGMENT_ROOT} {namespaces}>{text}</{_FRAGMENT_ROOT}>".encode()


def is_fragment(root: etree._Element) -> bool:
    """True for the synthetic root :func:`load` puts around a fragment."""
    return root.tag == _FRAGMENT_ROOT


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace


def name_of(qualified: str, element_prefix: str | None = None) -> str:
    """``dc:identifier`` for ``{http://purl.org/dc/elements/1.1/}identifier`` (see module)."""
    qname = etree.QName(qualified)
    if qname.namespace is None:
        return qname.localname
    prefix = PREFIXES.get(qname.namespace)
    if prefix is None:
        prefix = element_prefix or "ns"
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def children(element: etree._Element) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str)]


def element_value(
    element: etree._Element, skip: Callable[[etree._Element], bool] | None = None
) -> Any:
    """The element as text, dict or list-bearing dict (see module); ``skip`` leaves children out."""
    kids = [c for c in children(element) if skip is None or not skip(c)]
    attributes = {f"@{name_of(k)}": v for k, v in element.attrib.items()}
    own_text = (element.text or "").strip()
    if kids and all(namespace(c) == XHTML for c in kids):
        html = "".join(_html(c) for c in kids)
        return {**attributes, "#text": html} if attributes else html
    if not kids:
        if attributes:
            return {**attributes, "#text": own_text} if own_text else attributes
        return own_text
    value: dict[str, Any] = dict(attributes)
    if own_text:
        value["#text"] = own_text
    for child in kids:
        key = name_of(child.tag, child.prefix)
        item = element_value(child, skip)
        if key not in value:
            value[key] = item
        elif isinstance(value[key], list):
            value[key].append(item)
        else:
            value[key] = [value[key], item]
    return value


def _html(element: etree._Element) -> str:
    clean = copy.deepcopy(element)
    for node in clean.iter():
        if isinstance(node.tag, str):
            node.tag = etree.QName(node).localname
    etree.cleanup_namespaces(clean)
    return etree.tostring(clean, encoding="unicode", method="html", with_tail=False).strip()


def first_text(element: etree._Element, name: str) -> str | None:
    """Text of the first child with local name ``name`` (stripped), else None."""
    for child in children(element):
        if local(child) == name and (child.text or "").strip():
            return (child.text or "").strip()
    return None
