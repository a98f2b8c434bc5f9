"""A culture venue: monthly programme pages linking event pages with JSON-LD Events."""

from scrapers.spiders.base import StructuredDataSpider


class KulturhausSpider(StructuredDataSpider):
    name = "kulturhaus"
    wanted_types = frozenset({"Event"})
    detail_links = "article.termin h2.termin__titel a"
    next_page = "nav.monatsnavigation a.monat-weiter"
