"""Base spiders by access pattern; a provider spider is a few class attributes on one of them."""

from scrapers.spiders.base.listing import ListingDetailSpider, ListingSpider
from scrapers.spiders.base.pages import DetailPageReader, StructuredPageReader
from scrapers.spiders.base.select import all_texts, dd, extract_fields, first_text, links, select
from scrapers.spiders.base.sitemap import SitemapDetailSpider
from scrapers.spiders.base.source import SourceSpider
from scrapers.spiders.base.structured import StructuredDataSpider, object_key
from scrapers.spiders.base.tribe import TribeEventsSpider

__all__ = [
    "DetailPageReader",
    "ListingDetailSpider",
    "ListingSpider",
    "SitemapDetailSpider",
    "SourceSpider",
    "StructuredDataSpider",
    "StructuredPageReader",
    "TribeEventsSpider",
    "all_texts",
    "dd",
    "extract_fields",
    "first_text",
    "links",
    "object_key",
    "select",
]
