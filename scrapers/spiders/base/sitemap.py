"""Sitemap-driven detail crawls: the site's sitemaps list the offer pages, each is read alone.

Scrapy's own :class:`~scrapy.spiders.SitemapSpider` reads the sitemaps (sitemap indexes,
gzipped sitemaps, ``Sitemap:`` lines of a robots.txt); this base decides which listed URLs are
offer pages and reads each like the listing bases read their detail pages
(:mod:`scrapers.spiders.base.pages`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from scrapy.http import Response, TextResponse
from scrapy.spiders import SitemapSpider

from core.clock import Clock
from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.spiders.base.pages import DetailPageReader, StructuredPageReader


class SitemapDetailSpider(DetailPageReader, StructuredPageReader, SitemapSpider):
    """Reads every offer page listed in the site's sitemaps.

    The crawl starts at the source's ``url``: a sitemap, a sitemap index or a robots.txt
    (whose ``Sitemap:`` lines are followed); a bare site root means its robots.txt.

    * ``detail_urls`` – regexes (searched, not matched) of the offer pages; a listed URL that
      matches none is not fetched. Required: a sitemap lists imprint and blog posts, too;
    * ``skip_urls`` – regexes of URLs never fetched, pages and child sitemaps alike
      (``r"/en/"``, ``r"/archiv/"``); counted as ``sitemap/skipped``;
    * ``sitemap_follow`` – Scrapy's own: regexes of the child sitemaps of an index to follow
      (default: all).

    A page is read by the spider's :meth:`parse_detail` when it defines one (with ``key`` or
    ``key_from_url`` for the provider's id: one ``FLAT`` record), else as schema.org data of
    ``wanted_types`` (one ``SCHEMA_ORG`` record per object, :meth:`process_object` as hook).
    """

    detail_urls: ClassVar[Sequence[str]] = ()
    skip_urls: ClassVar[Sequence[str]] = ()

    def __init__(
        self,
        source: Source | Mapping[str, Any] | str | None = None,
        *,
        clock: Clock | None = None,
        **kwargs: Any,
    ):
        # SitemapSpider.__init__ compiles sitemap_rules: every offer page goes to parse_page
        self.sitemap_rules = [(pattern, "parse_page") for pattern in self.detail_urls]
        super().__init__(source, clock=clock, **kwargs)
        if not self.detail_urls:
            raise ValueError(f"spider {self.name!r} needs detail_urls (regexes of offer pages)")
        if self.defines_parse_detail() and not (self.key or self.key_from_url):
            raise ValueError(f"spider {self.name!r} reads pages by parse_detail: it needs key or "
                             "key_from_url (the provider's id)")
        self.sitemap_urls = [sitemap_entry(self.source.url)]
        self._skip = [re.compile(pattern) for pattern in self.skip_urls]

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        for entry in entries:
            if any(pattern.search(entry.get("loc") or "") for pattern in self._skip):
                self.count("sitemap/skipped")
                continue
            yield entry

    def parse_page(self, response: Response) -> Iterator[RawRecord]:
        if not isinstance(response, TextResponse):  # a PDF or image listed as a page
            self.count("sitemap/not_a_page")
            return
        if self.defines_parse_detail():
            yield from self.detail_records(response)
        else:
            yield from self.structured_records(response)


def sitemap_entry(url: str) -> str:
    """Where a sitemap crawl starts: the URL itself, or the robots.txt of a bare site root."""
    parts = urlsplit(url)
    if parts.path in ("", "/") and not parts.query:
        return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
    return url
