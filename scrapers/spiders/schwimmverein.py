"""A swimming club's WordPress site with "The Events Calendar" (REST API, iCal fallback)."""

from scrapers.spiders.base.tribe import TribeEventsSpider


class SchwimmvereinSpider(TribeEventsSpider):
    name = "schwimmverein"
