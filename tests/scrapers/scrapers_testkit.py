"""Helpers of the scraper tests: saved pages as responses, sources, fast crawl settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapers_loopback import Page
from scrapy.http import HtmlResponse, Request

from schemas.source import Source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "scrapers"
TEST_SPIDERS = "scrapers_test_spiders"

FAST_SETTINGS: dict[str, Any] = {
    "SPIDER_MODULES": ["scrapers.spiders", TEST_SPIDERS],
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_TIMES": 1,
    "DOWNLOAD_TIMEOUT": 5,
    "LOG_LEVEL": "WARNING",
}
"""Loopback crawls: no politeness delays (the server is ours), test spiders loadable."""


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def html_response(name: str, url: str, **cb_kwargs: Any) -> HtmlResponse:
    """A saved page as the response to a GET of ``url``."""
    request = Request(url, cb_kwargs=cb_kwargs)
    return HtmlResponse(url, body=fixture_bytes(name), encoding="utf-8", request=request)


def make_source(spider: str, url: str, **extra: Any) -> Source:
    return Source.model_validate(
        {
            "id": extra.pop("id", "test-source"),
            "provider": "test-provider",
            "adapter": "spider",
            "spider": spider,
            "url": url,
            "licence": "dl-by-de/2.0",
            **extra,
        }
    )


COURSE_SITE: dict[str, str] = {
    "/kurse/": "kurse_seite1.html",
    "/kurse/?seite=2": "kurse_seite2.html",
    "/kurse/1041-pekip.html": "kurs_1041.html",
    "/kurse/1057-eltern-kind-turnen.html": "kurs_1057.html",
    "/kurse/1063-babymassage.html": "kurs_1063.html",
}
"""The family education centre's course catalogue, served from the saved pages."""


def course_pages(
    robots: str = "User-agent: *\nDisallow: /intern/\n", **delays: float
) -> dict[str, Page]:
    pages = {"/robots.txt": Page(robots, content_type="text/plain")}
    for path, name in COURSE_SITE.items():
        pages[path] = Page(fixture_bytes(name), delay=delays.get(name, 0.0))
    return pages
