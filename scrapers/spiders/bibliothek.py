"""The city library's events: a paged listing of event pages with schema.org microdata."""

from scrapers.spiders.base import StructuredDataSpider


class BibliothekSpider(StructuredDataSpider):
    name = "bibliothek"
    wanted_types = frozenset({"Event"})
    detail_links = "li[data-event-id] a"
    next_page = "a.pager__next"
    key_from_url = r"-(\d+)/?$"  # the microdata carries no id; the page address does
