"""How one offer page becomes raw records, whichever way the spider found the page.

Two readers, shared by the bases that find pages (listing pages, sitemaps):

* :class:`DetailPageReader` – the spider's own :meth:`~DetailPageReader.parse_detail` gives
  slot texts, the provider's key comes from ``key`` or ``key_from_url``: one ``FLAT`` record;
* :class:`StructuredPageReader` – every schema.org object of a ``wanted_types`` type on the
  page (JSON-LD and microdata, see :mod:`scrapers.structured`): one ``SCHEMA_ORG`` record each.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from scrapy.http import HtmlResponse, Response

from schemas.raw import RawRecord, RawShape
from scrapers.spiders.base.select import Node, first_text
from scrapers.spiders.base.source import SourceSpider
from scrapers.structured import StructuredReport, extract_schema_org

logger = logging.getLogger(__name__)

Fields = dict[str, Any]


class DetailPageReader(SourceSpider):
    """Reads a detail page with :meth:`parse_detail` into one ``FLAT`` record.

    * ``key`` – CSS or XPath of the provider's id on the page, e.g. ``"./@data-id"``;
    * ``key_from_url`` – a regex whose first group takes the id from the page URL.

    The key is the provider's own id, never a title: a record without one is skipped and
    counted as ``records/without_key``.
    """

    key: ClassVar[str | None] = None
    key_from_url: ClassVar[str | None] = None

    def parse_detail(self, response: Response) -> Fields:
        """Slot name -> text of one detail page (see :class:`schemas.draft.Draft`)."""
        raise NotImplementedError(f"{type(self).__name__}.parse_detail")

    def defines_parse_detail(self) -> bool:
        """True when the spider class (not a base) provides :meth:`parse_detail`."""
        return type(self).parse_detail is not DetailPageReader.parse_detail

    def detail_records(
        self, response: Response, card: Fields | None = None, card_key: str | None = None
    ) -> Iterator[RawRecord]:
        """The record of a detail page; ``card`` holds values found before (the page's win)."""
        fields = {"url": response.url, **(card or {}), **_filled(self.parse_detail(response))}
        key = card_key or self.record_key(response, response.url)
        if record := self._record(response, key, fields, response.url):
            yield record

    def record_key(self, node: Node, url: str | None) -> str | None:
        """The provider's id: ``key`` below ``node``, else ``key_from_url`` on ``url``."""
        if self.key and (value := first_text(node, self.key)):
            return value
        if self.key_from_url and url and (match := re.search(self.key_from_url, url)):
            return match.group(1) if match.groups() else match.group(0)
        return None

    def _record(
        self, response: Response, key: str | None, fields: Fields, url: str
    ) -> RawRecord | None:
        if not key:
            self.count("records/without_key")
            logger.warning("no provider key for a record on %s: skipped", url)
            return None
        return self.raw(response, key=key, fields=fields, url=url)


class StructuredPageReader(SourceSpider):
    """Reads the schema.org objects of ``wanted_types`` on a page, one ``SCHEMA_ORG`` record each.

    Objects come from JSON-LD (repaired when broken) and microdata; block outcomes are counted
    in the crawler stats as ``structured/*``. :meth:`process_object` may adjust or drop an
    object. The record key is :func:`object_key`, or — when the markup carries no id but the
    page address does — ``key_from_url``, a regex whose first group is the provider's id.
    """

    wanted_types: ClassVar[frozenset[str]] = frozenset({"Event"})
    prefer_json_ld: ClassVar[bool] = True
    key_from_url: ClassVar[str | None] = None

    def structured_records(self, response: Response) -> Iterator[RawRecord]:
        report = StructuredReport()
        page = response.selector.root if isinstance(response, HtmlResponse) else response.body
        objects = extract_schema_org(
            page,
            response.url,
            set(self.wanted_types),
            report=report,
            prefer_json_ld=self.prefer_json_ld,
        )
        for name, value in report.as_dict().items():
            self.count(f"structured/{name}", value)
        seen: dict[str, int] = {}
        for found in objects:
            obj = self.process_object(found, response)
            if obj is None:
                continue
            key = self._url_key(response.url) or object_key(obj, response.url)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}#{seen[key]}"
            yield self.raw(response, key=key, fields=obj, shape=RawShape.SCHEMA_ORG)

    def _url_key(self, url: str) -> str | None:
        if self.key_from_url and (match := re.search(self.key_from_url, url)):
            return match.group(1) if match.groups() else match.group(0)
        return None

    def process_object(self, obj: dict[str, Any], response: Response) -> dict[str, Any] | None:
        """Hook for a provider's quirks: return the object (changed or not), or None to drop it."""
        return obj


def object_key(obj: dict[str, Any], page_url: str) -> str:
    """The provider's key of a schema.org object, first of:

    1. ``@id`` (not a blank node ``_:…``);
    2. ``identifier`` (text, number, or a ``PropertyValue``'s ``value``);
    3. the object's ``url``, with ``#startDate`` appended when it has a start
       (one page may describe several dates of one offer);
    4. the page URL with ``#startDate``;
    5. the page URL.

    Two objects of one page that end up with the same key get ``#2``, ``#3``, … in page order:
    stable only while the page keeps its order, so steps 1–3 are what a good source provides.
    """
    node_id = _text(obj.get("@id"))
    if node_id and not node_id.startswith("_:"):
        return node_id
    identifier = obj.get("identifier")
    for candidate in identifier if isinstance(identifier, list) else [identifier]:
        value = _text(candidate.get("value") if isinstance(candidate, dict) else candidate)
        if value:
            return value
    start = _text(obj.get("startDate"))
    url = obj.get("url")
    url = _text(url[0] if isinstance(url, list) and url else url)
    base = url or page_url
    return f"{base}#{start}" if start else base


def _filled(fields: Fields) -> Fields:
    return {name: value for name, value in fields.items() if value not in (None, "", [])}


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None
