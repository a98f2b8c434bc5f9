"""Our robots.txt downloader middleware: one fetch per origin, every request waits for it.

Scrapy 2.14–2.19's own ``RobotsTxtMiddleware`` lets disallowed requests through when several
of them wait for the same robots.txt at once. Here each origin (scheme, host and port) gets one
shared asyncio task that fetches and parses its robots.txt; every request to that origin awaits
that same task, so no request reaches the downloader before the rules are known.

What the answer means follows RFC 9309 (section 2.3.1):

* 2xx: the file is parsed with protego and its rules apply;
* 4xx (401 and 403 included) or a redirect loop: "unavailable", every path is allowed;
* 5xx, 429, a network error or no answer: "unreachable", every path is disallowed, with an
  ERROR log line naming the origin.

A disallowed request is dropped with :class:`~scrapy.exceptions.IgnoreRequest` and counted in
the crawler stats as ``robots/forbidden``. Scrapy's ``dont_obey_robotstxt`` meta key is not
honoured: a spider cannot opt out. Needs the asyncio event loop (reactorless mode or Twisted's
asyncio reactor, Scrapy's default).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from protego import Protego
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

ROBOTS_META = "familienpunkt_robots_txt"
"""Meta key marking our own robots.txt requests (they are not checked against themselves)."""

ALLOW_ALL = Protego.parse("")
DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /\n")


def product_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: ``Familienpunkt/0.1 (…)`` ->
    ``Familienpunkt``."""
    return user_agent.strip().split("/", 1)[0].split(" ", 1)[0] or user_agent


class RobotsTxtMiddleware:
    """Checks every http(s) request against its origin's robots.txt (see the module docs)."""

    DOWNLOAD_PRIORITY = 1000

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.agent: str = settings.get("ROBOTSTXT_USER_AGENT") or product_token(
            settings.get("USER_AGENT") or ""
        )
        self._rules: dict[str, Protego] = {}
        self._fetches: dict[str, asyncio.Task[Protego]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        url = urlparse_cached(request)
        if url.scheme not in ("http", "https"):
            return None
        if request.meta.get(ROBOTS_META) and url.path == "/robots.txt":
            return None
        origin = f"{url.scheme}://{url.netloc}"
        rules = self._rules.get(origin)
        if rules is None:
            rules = await self._rules_for(origin)
        if not rules.can_fetch(request.url, self.agent):
            self.crawler.stats.inc_value("robots/forbidden")
            logger.debug("forbidden by robots.txt: %s", request.url)
            raise IgnoreRequest(f"forbidden by robots.txt: {request.url}")
        return None

    async def _rules_for(self, origin: str) -> Protego:
        task = self._fetches.get(origin)
        if task is None:
            task = asyncio.ensure_future(self._fetch(origin))
            self._fetches[origin] = task
        # shield: a waiting request that gets cancelled must not cancel the shared fetch
        return await asyncio.shield(task)

    async def _fetch(self, origin: str) -> Protego:
        url = f"{origin}/robots.txt"
        request = Request(
            url,
            priority=self.DOWNLOAD_PRIORITY,
            meta={ROBOTS_META: True},
            callback=NO_CALLBACK,
            dont_filter=True,
        )
        stats = self.crawler.stats
        stats.inc_value("robots/fetched")
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # DNS, refused, timeout, dropped by a middleware, …
            stats.inc_value("robots/unreachable")
            logger.error(
                "robots.txt of %s unreachable (%s: %s): treating every path as disallowed "
                "(RFC 9309, 2.3.1.4)",
                origin,
                type(exc).__name__,
                exc,
            )
            rules = DISALLOW_ALL
        else:
            rules = self._rules_from(origin, response.status, response.body)
        self._rules[origin] = rules
        return rules

    def _rules_from(self, origin: str, status: int, body: bytes) -> Protego:
        stats = self.crawler.stats
        stats.inc_value(f"robots/status/{status}")
        if 200 <= status < 300:
            text = body.decode("utf-8", errors="replace").lstrip("\ufeff")
            delay = (rules := Protego.parse(text)).crawl_delay(self.agent)
            if delay:
                logger.info("robots.txt of %s asks for a crawl delay of %s s", origin, delay)
            return rules
        if status == 429 or status >= 500:
            stats.inc_value("robots/unreachable")
            logger.error(
                "robots.txt of %s answered HTTP %s: treating every path as disallowed "
                "(RFC 9309, 2.3.1.4)",
                origin,
                status,
            )
            return DISALLOW_ALL
        logger.info(
            "robots.txt of %s answered HTTP %s: no rules, every path is allowed "
            "(RFC 9309, 2.3.1.3)",
            origin,
            status,
        )
        return ALLOW_ALL
