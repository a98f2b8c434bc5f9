"""A family-education centre: course pages carrying schema.org JSON-LD (Course, Event)."""

from scrapers.spiders.base import StructuredDataSpider


class FamilienbildungSpider(StructuredDataSpider):
    name = "familienbildung"
    wanted_types = frozenset({"Course", "Event"})
    detail_links = "div.kurs-teaser h3 a"
