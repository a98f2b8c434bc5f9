"""Spiders used only by the tests: small provider-like spiders on the base classes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector
from scrapy import Request
from scrapy.http import Response

from schemas.raw import RawRecord
from scrapers.spiders.base import (
    ListingDetailSpider,
    SitemapDetailSpider,
    SourceSpider,
    StructuredDataSpider,
    TribeEventsSpider,
    dd,
    extract_fields,
)


class FamilienbildungKurseSpider(ListingDetailSpider):
    """A family education centre's course catalogue: listing pages, one detail page per course."""

    name = "test_fbs_kurse"
    detail_links = "ul.kursliste h2 a"
    next_page = "a[rel=next]"
    key_from_url = r"/kurse/(\d+)-"

    def parse_detail(self, response: Response) -> dict[str, Any]:
        return extract_fields(
            response,
            {
                "title": "h1",
                "subtitle": "p.untertitel",
                "description": "div.beschreibung",
                "date_text": dd("Termine"),
                "time_text": dd("Uhrzeit"),
                "age_text": dd("Alter"),
                "price_text": dd("Gebühr"),
                "address": dd("Ort"),
                "free_places": dd("Freie Plätze"),
                "categories": "ul.stichworte li",
                "booking_url": "a.anmelden::attr(href)",
            },
        )


class FerienspieleSpider(ListingDetailSpider):
    """A holiday programme page with one card per offer; some cards link to a detail page."""

    name = "test_ferienspiele"
    item_cards = "article.angebot"
    detail_links = "a.mehr"
    key = "./@data-angebot-id"

    def parse_card(self, card: Selector, response: Response) -> dict[str, Any]:
        return extract_fields(
            card,
            {
                "title": "h3",
                "date_text": ".zeitraum",
                "time_text": ".uhrzeit",
                "age_text": ".alter",
                "location_name": ".ort",
                "price_text": ".preis",
                "free_places": ".plaetze",
                "status": ".status",
            },
        )

    def parse_detail(self, response: Response) -> dict[str, Any]:
        return extract_fields(
            response,
            {
                "description": "div.text",
                "address": "p.ort",
                "booking_url": "a.buchen::attr(href)",
            },
        )


class BibliothekVeranstaltungenSpider(StructuredDataSpider):
    """Events and courses published as JSON-LD on the listing page itself."""

    name = "test_bibliothek"
    wanted_types = frozenset({"Event", "Course"})


class RobotsProbeSpider(SourceSpider):
    """Requests every path of ``source.options["paths"]`` at once; one record per page."""

    name = "test_robots_probe"

    async def start(self) -> AsyncIterator[Request]:
        base = self.source.url.rstrip("/")
        for path in self.source.options["paths"]:
            yield Request(base + path, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[RawRecord]:
        yield self.raw(
            response,
            key=urlsplit(response.url).path,
            fields={"title": response.css("h1::text").get()},
        )


class BrokenSpider(SourceSpider):
    """Fails while starting: the crawl must report a crash, not a success."""

    name = "test_broken"

    def __init__(self, *args: Any, **kwargs: Any):
        raise RuntimeError("spider cannot start")


class FamilienzentrumTermineSpider(SitemapDetailSpider):
    """A family centre's event pages, found through its sitemaps, read as JSON-LD."""

    name = "test_fz_termine"
    detail_urls = [r"/veranstaltungen/[\w-]+/$"]
    skip_urls = [r"/en/"]


class FamilienzentrumKurseSpider(SitemapDetailSpider):
    """The same centre's course pages, from the course sitemap only, read by parse_detail."""

    name = "test_fz_kurse"
    sitemap_follow = [r"/sitemap-kurse"]
    detail_urls = [r"/kurse/\d+-"]
    key_from_url = r"/kurse/(\d+)-"

    def parse_detail(self, response: Response) -> dict[str, Any]:
        return extract_fields(
            response,
            {
                "title": "h1",
                "description": "div.kurstext",
                "date_text": dd("Beginn"),
                "time_text": dd("Uhrzeit"),
                "age_text": dd("Für"),
                "price_text": dd("Kosten"),
                "booking_url": "p.anmeldung a::attr(href)",
            },
        )


class FamilienvereinSpider(TribeEventsSpider):
    """A club's WordPress site with The Events Calendar, three events per REST page."""

    name = "test_tribe"
    per_page = 3
