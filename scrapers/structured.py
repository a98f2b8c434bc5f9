"""Lenient schema.org extraction from HTML: JSON-LD blocks and microdata as JSON-LD-like dicts.

Real pages break their JSON-LD in a handful of recurring ways: template comments (``<!---->``)
between properties, trailing commas, postcodes written as numbers with a leading zero, raw tabs
and line breaks inside strings, several values in one block, empty blocks. Each block goes
through the cheapest step that parses it:

1. ``json`` as is (control characters inside strings are accepted);
2. targeted fixes applied outside strings only: HTML comments removed, trailing commas
   dropped, numbers with a leading zero (``04109``) turned into strings;
3. the ``json-repair`` library as the last resort.

Microdata is read with extruct and turned into the same shape: ``@type`` (schema.org prefix
removed), ``@id`` from ``itemid``, properties as keys, a property repeated with the same value
collapsed to one value. Values are never parsed: dates, prices and postcodes stay as found.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import json_repair
import lxml.html
from extruct.w3cmicrodata import MicrodataExtractor

from scrapers.schemaorg import expand_types, type_family, type_names

logger = logging.getLogger(__name__)

_MICRODATA = MicrodataExtractor()
_DECODER = json.JSONDecoder(strict=False)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_CDATA_OPEN = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[")
_CDATA_CLOSE = re.compile(r"(?://\s*)?\]\]>\s*$")
_LOG_SNIPPET = 80


@dataclass
class StructuredReport:
    """What one or more pages held: JSON-LD blocks by outcome, microdata items, objects kept."""

    jsonld_blocks: int = 0
    jsonld_empty: int = 0
    jsonld_valid: int = 0
    jsonld_repaired: int = 0
    jsonld_unrecoverable: int = 0
    microdata_items: int = 0
    microdata_failed: int = 0
    objects: int = 0

    @property
    def jsonld_broken(self) -> int:
        """Blocks that were not valid JSON: repaired plus unrecoverable."""
        return self.jsonld_repaired + self.jsonld_unrecoverable

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def extract_schema_org(
    html: str | bytes | lxml.html.HtmlElement,
    base_url: str,
    types: set[str] | None = None,
    *,
    report: StructuredReport | None = None,
    prefer_json_ld: bool = True,
) -> list[dict[str, Any]]:
    """All schema.org objects of a page, JSON-LD first, then microdata, in document order.

    ``types`` keeps objects of those ``@type``s (and their subtypes, see
    :data:`scrapers.schemaorg.SUBTYPES`); an
    object of another type is searched for nested wanted objects (``ItemList`` entries, a
    ``WebPage``'s ``mainEntity``), a wanted object is returned whole with its nested objects.
    Without ``types`` every top-level object (``@graph`` entries, list members) is returned.
    With ``prefer_json_ld`` a microdata object is dropped when the page's JSON-LD already
    yielded an object of the same broad type (``Event``, ``Place``, ``Organization`` or the type
    itself, see :func:`~scrapers.schemaorg.type_family`): sites that publish both describe the
    same things twice, often with a more specific type in JSON-LD.
    Pass a :class:`StructuredReport` to count blocks by outcome; it adds up over calls.
    """
    report = report if report is not None else StructuredReport()
    tree = html if isinstance(html, lxml.html.HtmlElement) else _parse(html)
    if tree is None:
        return []
    wanted = expand_types(types) if types else None
    from_json_ld = [
        obj
        for value in _json_ld_values(tree, base_url, report)
        for top in _top_objects(value)
        for obj in _wanted(top, wanted)
    ]
    from_microdata = [
        obj for item in _microdata_items(tree, base_url, report) for obj in _wanted(item, wanted)
    ]
    if prefer_json_ld and from_json_ld:
        seen = {type_family(name) for obj in from_json_ld for name in type_names(obj)}
        from_microdata = [
            obj for obj in from_microdata if not seen & {type_family(n) for n in type_names(obj)}
        ]
    objects = from_json_ld + from_microdata
    report.objects += len(objects)
    return objects


def parse_json_ld(text: str) -> tuple[Any, str]:
    """One JSON-LD block's value and its outcome: ``empty``, ``valid``, ``repaired`` or
    ``unrecoverable`` (value ``None`` for the first and the last)."""
    text = _unwrap(text)
    if not text.strip():
        return None, "empty"
    try:
        return _decode_all(text), "valid"
    except ValueError:
        pass
    fixed = _targeted_fixes(text)
    try:
        return _decode_all(fixed), "repaired"
    except ValueError:
        pass
    repaired = json_repair.loads(fixed, skip_json_loads=True)
    if isinstance(repaired, dict | list) and repaired:
        return repaired, "repaired"
    return None, "unrecoverable"


def _parse(html: str | bytes) -> lxml.html.HtmlElement | None:
    if isinstance(html, str):
        html = html.encode("utf-8")
        parser = lxml.html.HTMLParser(encoding="utf-8")
    else:
        parser = lxml.html.HTMLParser()
    if not html.strip():
        return None
    try:
        return lxml.html.fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def _json_ld_values(
    tree: lxml.html.HtmlElement, base_url: str, report: StructuredReport
) -> Iterator[Any]:
    for script in tree.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json":
            continue
        report.jsonld_blocks += 1
        value, outcome = parse_json_ld(script.text or "")
        setattr(report, f"jsonld_{outcome}", getattr(report, f"jsonld_{outcome}") + 1)
        if outcome == "unrecoverable":
            snippet = " ".join((script.text or "").split())[:_LOG_SNIPPET]
            logger.warning("unrecoverable JSON-LD block on %s: %s", base_url, snippet)
        if value is not None:
            yield value


def _unwrap(text: str) -> str:
    """Removes a BOM, CDATA markers and an HTML comment wrapping the whole block."""
    text = text.strip().lstrip("\ufeff")
    text = _CDATA_CLOSE.sub("", _CDATA_OPEN.sub("", text))
    if text.startswith("<!--") and text.endswith("-->") and text.find("-->") == len(text) - 3:
        text = text[4:-3]
    return text


def _decode_all(text: str) -> Any:
    """One JSON value, or a list when the block holds several values one after another."""
    values = []
    index, end = 0, len(text)
    while True:
        while index < end and text[index] in " \t\r\n;":
            index += 1
        if index >= end:
            break
        value, index = _DECODER.raw_decode(text, index)
        values.append(value)
    if not values:
        raise ValueError("no JSON value")
    return values[0] if len(values) == 1 else values


def _targeted_fixes(text: str) -> str:
    """Fixes outside strings: HTML comments, trailing commas, numbers with a leading zero."""
    out: list[str] = []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char == '"':
            stop = _string_end(text, index)
            out.append(text[index:stop])
            index = stop
        elif char == "<" and text.startswith("<!--", index):
            close = text.find("-->", index + 4)
            index = end if close < 0 else close + 3
        elif char == ",":
            ahead = index + 1
            while ahead < end and text[ahead] in " \t\r\n":
                ahead += 1
            if ahead >= end or text[ahead] not in "}]":
                out.append(char)
            index += 1
        elif char == "-" or char.isdigit():
            match = _NUMBER.match(text, index)
            if match is None:
                out.append(char)
                index += 1
                continue
            number = match.group()
            digits = number.lstrip("-")
            leading_zero = len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()
            out.append(f'"{number}"' if leading_zero else number)
            index = match.end()
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    """Index just after the string that opens at ``start`` (end of text when unterminated)."""
    index = start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == '"':
            return index + 1
        index += 1
    return len(text)


def _top_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Top-level objects of a block: list members and ``@graph`` entries (with the context)."""
    if isinstance(value, list):
        for member in value:
            yield from _top_objects(member)
    elif isinstance(value, dict):
        graph = value.get("@graph")
        if isinstance(graph, list | dict):
            context = value.get("@context")
            for entry in graph if isinstance(graph, list) else [graph]:
                if isinstance(entry, dict):
                    yield (
                        {"@context": context, **entry}
                        if context and "@context" not in entry
                        else entry
                    )
        else:
            yield value


def _wanted(obj: dict[str, Any], wanted: frozenset[str] | None) -> Iterator[dict[str, Any]]:
    if wanted is None or wanted & set(type_names(obj)):
        yield obj
        return
    for value in obj.values():
        for nested in value if isinstance(value, list) else [value]:
            if isinstance(nested, dict):
                yield from _wanted(nested, wanted)


def _microdata_items(
    tree: lxml.html.HtmlElement, base_url: str, report: StructuredReport
) -> list[dict[str, Any]]:
    if not tree.xpath("boolean(//*[@itemscope])"):
        return []
    try:
        items = _MICRODATA.extract_items(tree, base_url)
    except Exception:  # extruct on hostile markup: count it, the page's JSON-LD still counts
        logger.warning("microdata of %s could not be read", base_url, exc_info=True)
        report.microdata_failed += 1
        return []
    report.microdata_items += len(items)
    return [_from_microdata(item, top=True) for item in items if isinstance(item, dict)]


def _from_microdata(item: dict[str, Any], *, top: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    types = item.get("type")
    type_list = types if isinstance(types, list) else [types] if types else []
    if type_list:
        short = [_schema_short(t) for t in type_list]
        out["@type"] = short[0] if len(short) == 1 else short
        if top and type_list[0].rsplit("/", 1)[0] not in ("", type_list[0]):
            out["@context"] = type_list[0].rsplit("/", 1)[0]
    if item.get("id"):
        out["@id"] = item["id"]
    for name, value in (item.get("properties") or {}).items():
        out[name] = _collapse(value)
    return out


def _schema_short(type_url: str) -> str:
    match = re.match(r"^https?://schema\.org/(.+)$", type_url.strip())
    return match.group(1) if match else type_url


def _collapse(value: Any) -> Any:
    """Nested items converted; a list of repeats of one value becomes that value."""
    if isinstance(value, dict):
        return _from_microdata(value) if "properties" in value or "type" in value else value
    if isinstance(value, list):
        unique: list[Any] = []
        for member in (_collapse(v) for v in value):
            if member not in unique:
                unique.append(member)
        return unique[0] if len(unique) == 1 else unique
    return value
