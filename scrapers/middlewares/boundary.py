"""The fetch boundary for spiders, and an honest count of the pages a crawl lost.

:class:`FetchBoundaryMiddleware` checks every request (links, sitemap entries and each hop of a
redirect, which Scrapy schedules as a new request) against the source's
:class:`~scrapers.fetch.FetchPolicy`: only the registry's hosts, ``file://`` only as the
registry's own start URL. A refused request is dropped and counted (``boundary/refused``).

:class:`LostPagesMiddleware` sits behind the retry middleware: it sees what is left when retries
gave up (a timeout, a connection error, a 5xx) or a page answered with an error (404 of a
detail page the listing named). Each is a lost page; a crawl that lost pages is never taken as
complete evidence of what the provider lists, so nothing is withdrawn on it.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest

from scrapers.fetch import FetchPolicy, FetchRefused
from scrapers.middlewares.robots import ROBOTS_META
from scrapers.truncation import cut_off

logger = logging.getLogger(__name__)
KEEP_LOST = 20


class FetchBoundaryMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        source = getattr(spider, "source", None)
        if source is None or request.meta.get(ROBOTS_META):
            return None
        try:
            FetchPolicy.for_source(source).check(request.url, followed=request.url != source.url)
        except FetchRefused as exc:
            self.crawler.stats.inc_value("boundary/refused")
            logger.warning("refused: %s", exc)
            raise IgnoreRequest(str(exc)) from None
        return None


class LostPagesMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.lost: list[str] = []

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        middleware = cls(crawler)
        crawler.lost_pages = middleware.lost  # read by the raw-record exporter at close
        crawler.signals.connect(middleware.spider_error, signal=signals.spider_error)
        return middleware

    def spider_error(self, failure, response, spider=None) -> None:
        """A page the spider could not read (its callback failed) is lost as well."""
        self._lose(response.request if response is not None else None,
                   f"the page could not be read ({failure.type.__name__})",
                   url=getattr(response, "url", "?"))

    def _lose(self, request, reason: str, *, url: str | None = None) -> None:
        self.crawler.stats.inc_value("pages/lost")
        if len(self.lost) < KEEP_LOST:
            self.lost.append(f"{url or request.url}: {reason}")

    def process_response(self, request, response, spider=None):
        if request.meta.get(ROBOTS_META):
            return response
        if response.status >= 400:
            self._lose(request, f"HTTP {response.status}")
        elif response.status == 200:
            kind = response.headers.get(b"Content-Type", b"").decode("latin-1")
            if cut_off(response.body, kind):
                self._lose(request, "the page looks cut off (its document is not closed)")
                raise IgnoreRequest(f"{request.url}: cut off, not read")  # no half records
        return response

    def process_exception(self, request, exception, spider=None):
        if not request.meta.get(ROBOTS_META) and not isinstance(exception, IgnoreRequest):
            self._lose(request, type(exception).__name__)
        return None


class RetryAfterMiddleware:
    """Honour ``Retry-After`` (seconds or an HTTP date) on 429 and 503 before Scrapy's retry
    middleware (which ignores it) sends the request again; up to the configured ceiling —
    a provider asking for longer is not retried at all and the page is lost."""

    def __init__(self, crawler):
        from core.settings import get_settings

        self.crawler = crawler
        self.ceiling = get_settings().retry_after_max_s

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response, spider=None):
        import asyncio

        from core.clock import now_berlin
        from scrapers.fetch import retry_after_seconds

        if response.status not in (429, 503):
            return response
        header = response.headers.get(b"Retry-After")
        wait = retry_after_seconds(header.decode("latin-1") if header else None, now_berlin())
        if wait is None:
            return response
        if wait > self.ceiling:
            self.crawler.stats.inc_value("retry_after/refused")
            request.meta["dont_retry"] = True
            logger.warning("%s asks to retry after %.0f s (ceiling %g s): not retried",
                           request.url, wait, self.ceiling)
            return response
        self.crawler.stats.inc_value("retry_after/waited")
        await asyncio.sleep(wait)
        return response
