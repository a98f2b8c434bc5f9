"""Pages that publish their offers as schema.org JSON-LD or microdata."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from scrapy.http import HtmlResponse, Response

from schemas.raw import RawRecord, RawShape
from scrapers.spiders.base.listing import ListingSpider
from scrapers.structured import StructuredReport, extract_schema_org


class StructuredDataSpider(ListingSpider):
    """One ``SCHEMA_ORG`` raw record per schema.org object of a ``wanted_types`` type.

    With ``detail_links`` the objects are read from the linked pages, without it from the
    listing pages themselves; ``next_page`` follows the pagination. Objects come from JSON-LD
    (repaired when broken) and microdata (see :mod:`scrapers.structured`); block outcomes are
    counted in the crawler stats as ``structured/*``. :meth:`process_object` may adjust or drop
    an object. The record key is :func:`object_key`.
    """

    wanted_types: ClassVar[frozenset[str]] = frozenset({"Event"})
    prefer_json_ld: ClassVar[bool] = True

    def parse_page(self, response: Response) -> Iterator[RawRecord]:
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
            key = object_key(obj, response.url)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}#{seen[key]}"
            yield self.raw(response, key=key, fields=obj, shape=RawShape.SCHEMA_ORG)

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


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None
