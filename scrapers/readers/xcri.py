"""XCRI-CAP 1.1/1.2 course catalogues: one raw record per presentation, shape XCRI_CAP.

Each record's ``fields`` hold three plain values built from the XML (see
:func:`scrapers.readers._xml_tree.element_value`): ``provider`` (without its courses),
``course`` (without its presentations) and ``presentation``. Elements are matched by local name
in XCRI's namespaces of both versions (or none, for fragments).

Key: the presentation's first ``dc:identifier``; presentations without one, or whose identifier
another presentation of the file also uses, get ``<course id>/<identifier or position>``
(position counted from 1 within the course). A course without presentations becomes one record
with an empty ``presentation`` keyed by the course id (option
``courses_without_presentations``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from lxml import etree
from pydantic import Field

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers import _xml_tree as xml
from scrapers.readers.base import ReaderError
from scrapers.readers.parsing import (
    ReaderOptions,
    item_records,
    parse_options,
    register_file_reader,
    register_parser,
)
from scrapers.readers.problems import ProblemLog

XCRI_NAMESPACES = frozenset(uri for uri, prefix in xml.PREFIXES.items() if prefix == "")
DC = "http://purl.org/dc/elements/1.1/"
XCRI_ROOTS = frozenset({"catalog", "provider", "course"})


class XcriOptions(ReaderOptions):
    courses_without_presentations: bool = Field(
        True, description="Yield a course that lists no presentation as a record of its own"
    )


def _is_xcri(element: etree._Element, name: str) -> bool:
    ns = xml.namespace(element)
    return xml.local(element) == name and (ns is None or ns in XCRI_NAMESPACES)


def _identifier(element: etree._Element) -> str | None:
    for child in xml.children(element):
        if xml.local(child) == "identifier" and xml.namespace(child) in (DC, None):
            value = (child.text or "").strip()
            if value:
                return value
    return None


Item = tuple[str | None, dict[str, Any], str]
"""Key (None without one), fields, position in the file."""


def presentation_items(content: bytes, options: XcriOptions) -> list[Item]:
    """``(key, fields, where)`` for each presentation of an XCRI-CAP file's bytes."""
    root = xml.load(content)
    courses = [el for el in root.iter() if isinstance(el.tag, str) and _is_xcri(el, "course")]
    if not courses and not xml.is_fragment(root) and xml.local(root) not in XCRI_ROOTS:
        raise ValueError(f"no XCRI-CAP course found (root element <{xml.local(root)}>)")
    by_course = [
        (course, [c for c in xml.children(course) if _is_xcri(c, "presentation")])
        for course in courses
    ]
    used = Counter(
        identifier for _, presentations in by_course for p in presentations
        if (identifier := _identifier(p))
    )
    items: list[Item] = []
    for number, (course, presentations) in enumerate(by_course, 1):
        course_id = _identifier(course)
        if not presentations and options.courses_without_presentations:
            items.append((course_id, _fields(course, None), f"course {number}"))
        for index, presentation in enumerate(presentations, 1):
            own = _identifier(presentation)
            if own and used[own] == 1:
                key: str | None = own
            else:
                key = f"{course_id}/{own or index}" if course_id else None
            items.append((key, _fields(course, presentation),
                          f"course {number}, presentation {index}"))
    return items


def _fields(course: etree._Element, presentation: etree._Element | None) -> dict[str, Any]:
    provider = next((a for a in course.iterancestors() if _is_xcri(a, "provider")), None)
    return {
        "provider": {} if provider is None
        else xml.element_value(provider, skip=lambda e: _is_xcri(e, "course")),
        "course": xml.element_value(course, skip=lambda e: _is_xcri(e, "presentation")),
        "presentation": {} if presentation is None else xml.element_value(presentation),
    }


@register_parser("xcri_cap")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of an XCRI-CAP file's bytes (pure: no fetching)."""
    options = parse_options(XcriOptions, source)
    problems = problems if problems is not None else ProblemLog()
    try:
        items = presentation_items(content, options)
    except ValueError as exc:
        raise ReaderError(f"source {source.id!r}: {exc}") from None
    yield from item_records(items, source, url=url, fetched_at=fetched_at, problems=problems,
                            shape=RawShape.XCRI_CAP)


read = register_file_reader("xcri_cap", XcriOptions, parse)
