"""Pages that publish their offers as schema.org JSON-LD or microdata."""

from __future__ import annotations

from collections.abc import Iterator

from scrapy.http import Response

from schemas.raw import RawRecord
from scrapers.spiders.base.listing import ListingSpider
from scrapers.spiders.base.pages import StructuredPageReader, object_key

__all__ = ["StructuredDataSpider", "object_key"]


class StructuredDataSpider(StructuredPageReader, ListingSpider):
    """One ``SCHEMA_ORG`` raw record per schema.org object of a ``wanted_types`` type.

    With ``detail_links`` the objects are read from the linked pages, without it from the
    listing pages themselves; ``next_page`` follows the pagination. Objects come from JSON-LD
    (repaired when broken) and microdata (see :mod:`scrapers.structured`); block outcomes are
    counted in the crawler stats as ``structured/*``. :meth:`process_object` may adjust or drop
    an object. The record key is :func:`object_key`.
    """

    def parse_page(self, response: Response) -> Iterator[RawRecord]:
        yield from self.structured_records(response)
