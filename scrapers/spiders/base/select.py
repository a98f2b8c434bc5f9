"""Selector helpers for spiders: one expression string that is either CSS or XPath.

An expression starting with ``/``, ``./`` or ``(`` is XPath, anything else is CSS, so a spider
writes ``detail_links = "a.kurs-titel"`` or ``detail_links = "//h2/a"`` alike. Text comes out
as a browser shows it: whitespace collapsed to single spaces, a line break only where a block
element or ``<br>`` ends a line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree
from parsel import Selector, SelectorList
from scrapy.http import TextResponse

from schemas.draft import LIST_SLOTS

Node = TextResponse | Selector

_BLOCK = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_SKIP = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"[^\S\n]+")
_WHITESPACE = re.compile(r"\s+")


def is_xpath(expression: str) -> bool:
    return expression.lstrip().startswith(("/", "./", "("))


def select(node: Node, expression: str) -> SelectorList[Selector]:
    """Matches of a CSS or XPath expression below ``node`` (a response or a selector)."""
    return node.xpath(expression) if is_xpath(expression) else node.css(expression)


def text_of(selector: Selector) -> str:
    """Text of a match: an attribute or text node as it is, an element's text tidied."""
    root = selector.root
    if not isinstance(root, etree._Element):
        return " ".join(str(root).split())
    parts: list[str] = []
    _walk(root, parts)
    return tidy("".join(parts))


def first_text(node: Node, expression: str) -> str | None:
    """Text of the first non-empty match, or None."""
    for match in select(node, expression):
        if value := text_of(match):
            return value
    return None


def all_texts(node: Node, expression: str) -> list[str]:
    """Texts of all non-empty matches, in document order."""
    return [value for match in select(node, expression) if (value := text_of(match))]


def extract_fields(node: Node, expressions: Mapping[str, str]) -> dict[str, str | list[str] | None]:
    """Slot -> text for each ``slot: expression``; list slots (``categories``, …) get all
    matches."""
    return {
        slot: all_texts(node, expression) if slot in LIST_SLOTS else first_text(node, expression)
        for slot, expression in expressions.items()
    }


def dd(label: str) -> str:
    """XPath of the value labelled ``label`` in a fact list: the ``<dd>`` after a ``<dt>`` or
    the ``<td>`` after a ``<th>`` reading ``label`` (German fact lists love both)."""
    quoted = f"'{label}'" if "'" not in label else f'"{label}"'
    return (
        f"//*[self::dt or self::th][normalize-space()={quoted}]"
        f"/following-sibling::*[self::dd or self::td][1]"
    )


def links(node: Node, expression: str) -> list[str]:
    """Link targets of the matches: an element's ``href`` (or ``src``), an attribute's value."""
    found: list[str] = []
    for match in select(node, expression):
        root = match.root
        if isinstance(root, str):
            target = root.strip()
        elif isinstance(root, etree._Element):
            target = (root.get("href") or root.get("src") or "").strip()
        else:
            continue
        skip = not target or target.startswith(("#", "javascript:", "mailto:", "tel:"))
        if not skip and target not in found:
            found.append(target)
    return found


def tidy(text: str) -> str:
    """Spaces collapsed, blank lines removed, each line stripped."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        return
    block = tag.lower() in _BLOCK
    if block:
        parts.append("\n")
    if tag and element.text:
        parts.append(_WHITESPACE.sub(" ", element.text))
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(_WHITESPACE.sub(" ", child.tail))
    if block:
        parts.append("\n")
