"""Base spiders by access pattern; a provider spider is a few class attributes on one of them."""

from scrapers.spiders.base.listing import ListingDetailSpider, ListingSpider
from scrapers.spiders.base.select import all_texts, dd, extract_fields, first_text, links, select
from scrapers.spiders.base.source import SourceSpider
from scrapers.spiders.base.structured import StructuredDataSpider, object_key

__all__ = [
    "ListingDetailSpider",
    "ListingSpider",
    "SourceSpider",
    "StructuredDataSpider",
    "all_texts",
    "dd",
    "extract_fields",
    "first_text",
    "links",
    "object_key",
    "select",
]
