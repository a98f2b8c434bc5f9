"""The art museum's holiday workshops, found only through its sitemap."""

from scrapers.spiders.base.sitemap import SitemapDetailSpider


class KunstmuseumSpider(SitemapDetailSpider):
    name = "kunstmuseum"
    detail_urls = [r"/ferienwerkstatt/[\w-]+-\d+\.html$"]
    wanted_types = frozenset({"Event"})
