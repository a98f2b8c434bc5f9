"""openQ-cat course catalogues (PAS 1045 family, KURSNET exports): shape OPENQCAT.

A full document is ``<OPENQCAT><HEADER>…<SUPPLIER>…</HEADER><NEW_CATALOG><SERVICE>…``; a
fragment whose root is ``<SERVICE>`` (or several of them) is read as well. Each record's
``fields`` hold ``SERVICE`` (the service as a plain value, without its MODULE_COURSE elements),
``MODULE_COURSE`` (the course instance this record stands for: place, participants, its own
dates if any; ``{}`` when the service has none) and ``SUPPLIER`` (from the header, if present).

One record per MODULE_COURSE, because each is an instance with its own place and times (as a
presentation is in XCRI); a service with one or no module is one record. Key: the service's
``PRODUCT_ID`` (openQ-cat's id of a service; ``SERVICE_ID`` where a producer uses that), with
``/<n>`` (n = position of the module, from 1) when the service has several modules — a module
has no id of its own. Option ``split_modules = false`` keeps one record per service with all
modules as a list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


class OpenqcatOptions(ReaderOptions):
    split_modules: bool = Field(
        True, description="One record per MODULE_COURSE when a service has several"
    )


def _named(name: str) -> Callable[[etree._Element], bool]:
    return lambda element: xml.local(element) == name


Item = tuple[str | None, dict[str, Any], str]
"""Key (None without one), fields, position in the file."""


def service_items(content: bytes, options: OpenqcatOptions) -> list[Item]:
    """``(key, fields, where)`` for each service (module) of an openQ-cat file's bytes."""
    root = xml.load(content)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    supplier = next((el for el in elements if xml.local(el) == "SUPPLIER"
                     and any(xml.local(a) == "HEADER" for a in el.iterancestors())), None)
    services = [el for el in elements if xml.local(el) == "SERVICE"]
    if not services and not xml.is_fragment(root) and xml.local(root) != "OPENQCAT":
        raise ValueError(f"no openQ-cat SERVICE found (root element <{xml.local(root)}>)")
    items: list[Item] = []
    for number, service in enumerate(services, 1):
        service_id = xml.first_text(service, "PRODUCT_ID") or xml.first_text(service, "SERVICE_ID")
        modules = [el for el in service.iter() if isinstance(el.tag, str)
                   and xml.local(el) == "MODULE_COURSE"]
        base: dict[str, Any] = {"SERVICE": xml.element_value(service, skip=_named("MODULE_COURSE"))}
        if supplier is not None:
            base["SUPPLIER"] = xml.element_value(supplier)
        where = f"SERVICE {number}"
        if len(modules) <= 1 or not options.split_modules:
            module_values: Any = [xml.element_value(m) for m in modules]
            if len(module_values) <= 1:
                module_values = module_values[0] if module_values else {}
            items.append((service_id, {**base, "MODULE_COURSE": module_values}, where))
            continue
        for index, module in enumerate(modules, 1):
            key = f"{service_id}/{index}" if service_id else None
            items.append((key, {**base, "MODULE_COURSE": xml.element_value(module)},
                          f"{where}, MODULE_COURSE {index}"))
    return items


@register_parser("openqcat")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of an openQ-cat file's bytes (pure: no fetching)."""
    options = parse_options(OpenqcatOptions, source)
    problems = problems if problems is not None else ProblemLog()
    try:
        items = service_items(content, options)
    except ValueError as exc:
        raise ReaderError(f"source {source.id!r}: {exc}") from None
    yield from item_records(items, source, url=url, fetched_at=fetched_at, problems=problems,
                            shape=RawShape.OPENQCAT)


read = register_file_reader("openqcat", OpenqcatOptions, parse)
