"""Listing pages that link to detail pages (or carry the offers as cards), with pagination."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from parsel import Selector
from scrapy import Request
from scrapy.http import Response

from schemas.raw import RawRecord
from scrapers.spiders.base.pages import DetailPageReader, Fields
from scrapers.spiders.base.select import links, select
from scrapers.spiders.base.source import SourceSpider


class ListingSpider(SourceSpider):
    """Walks listing pages: ``detail_links`` are followed to :meth:`parse_page`, the link of
    ``next_page`` to the next listing page. Without ``detail_links`` each listing page itself
    goes to :meth:`parse_page`. Expressions are CSS or XPath (see ``select.py``)."""

    detail_links: ClassVar[str | None] = None
    next_page: ClassVar[str | None] = None

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Request | RawRecord]:
        yield from self.parse_listing(response)
        if self.next_page:
            for target in links(response, self.next_page)[:1]:
                yield response.follow(target, callback=self.parse)

    def parse_listing(self, response: Response) -> Iterator[Request | RawRecord]:
        if self.detail_links:
            for target in links(response, self.detail_links):
                yield response.follow(target, callback=self.parse_page)
        else:
            yield from self.parse_page(response)

    def parse_page(self, response: Response) -> Iterator[Request | RawRecord]:
        raise NotImplementedError(f"{type(self).__name__}.parse_page")


class ListingDetailSpider(DetailPageReader, ListingSpider):
    """One record per detail page (:meth:`parse_detail`) or per card on a listing page.

    Class attributes (CSS or XPath):

    * ``detail_links`` – links to detail pages; inside each card when ``item_cards`` is set;
    * ``next_page`` – the link to the next listing page;
    * ``item_cards`` – one offer per match on the listing page, read by :meth:`parse_card`;
      a card with a detail link is completed by :meth:`parse_detail` (detail values win);
    * ``key`` – the provider's id on the detail page (or in the card), e.g. ``"./@data-id"``;
    * ``key_from_url`` – a regex whose first group takes the id from the detail URL.

    The key is the provider's own id, never a title: a record without one is skipped and
    counted as ``records/without_key``. Detail pages are read by
    :class:`~scrapers.spiders.base.pages.DetailPageReader`.
    """

    item_cards: ClassVar[str | None] = None

    def parse_card(self, card: Selector, response: Response) -> Fields:
        """Slot name -> text of one card on a listing page."""
        raise NotImplementedError(f"{type(self).__name__}.parse_card")

    def parse_listing(self, response: Response) -> Iterator[Request | RawRecord]:
        if not self.item_cards:
            yield from super().parse_listing(response)
            return
        for card in select(response, self.item_cards):
            yield from self._card(card, response)

    def parse_page(
        self, response: Response, card: Fields | None = None, card_key: str | None = None
    ) -> Iterator[RawRecord]:
        yield from self.detail_records(response, card, card_key)

    def _card(self, card: Selector, response: Response) -> Iterator[Request | RawRecord]:
        fields = self.parse_card(card, response)
        targets = links(card, self.detail_links) if self.detail_links else []
        url = response.urljoin(targets[0]) if targets else None
        key = self.record_key(card, url)
        if url:
            yield response.follow(
                url, callback=self.parse_page, cb_kwargs={"card": fields, "card_key": key}
            )
        elif record := self._record(response, key, fields, response.url):
            yield record
