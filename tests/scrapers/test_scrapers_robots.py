"""Our robots.txt middleware on a loopback site: one fetch, no race, RFC 9309 status rules."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from scrapers_loopback import Page
from scrapers_testkit import FAST_SETTINGS, make_source

from scrapers.crawl import run_spider_in_process
from scrapers.middlewares.robots import product_token

DISALLOWED = [f"/privat/seite-{i}.html" for i in range(40)]
ALLOWED = [f"/offen/seite-{i}.html" for i in range(5)]
CONCURRENT = {"CONCURRENT_REQUESTS": 64, "CONCURRENT_REQUESTS_PER_DOMAIN": 64}


def _pages(robots: Page) -> dict[str, Page]:
    pages = {"/robots.txt": robots}
    pages.update({path: Page(f"<h1>{path}</h1>") for path in DISALLOWED + ALLOWED})
    return pages


def _probe(site_url: str, tmp_path: Path, paths: list[str]):
    source = make_source("test_robots_probe", site_url, options={"paths": paths})
    return run_spider_in_process(
        source, tmp_path / "raw.jsonl", tmp_path / "stats.json", {**FAST_SETTINGS, **CONCURRENT}
    )


def test_many_concurrent_requests_to_disallowed_paths_fetch_none(loopback, tmp_path):
    # robots.txt answers slowly, so that all 45 requests wait for it at the same moment;
    # the group for our product token disallows /privat/, the catch-all group allows all
    robots = "User-agent: *\nDisallow:\n\nUser-agent: Familienpunkt\nDisallow: /privat/\n"
    site = loopback(_pages(Page(robots, content_type="text/plain", delay=0.3)))
    result = _probe(site.url, tmp_path, DISALLOWED + ALLOWED)

    assert site.hits_of("/privat/") == []
    assert site.hits_of("/robots.txt") == ["/robots.txt"]
    assert sorted(site.hits_of("/offen/")) == sorted(ALLOWED)
    assert result.complete
    assert result.stats["robots_forbidden"] == len(DISALLOWED)
    assert result.stats["robots_fetched"] == 1
    assert result.stats["records"] == len(ALLOWED)
    assert result.stats["pages_fetched"] == len(ALLOWED)  # robots.txt is not a page


def test_robots_server_error_disallows_every_path(loopback, tmp_path, caplog):
    site = loopback(_pages(Page("Wartungsarbeiten", status=503, content_type="text/plain")))

    with caplog.at_level(logging.ERROR, logger="scrapers.middlewares.robots"):
        result = _probe(site.url, tmp_path, ALLOWED)

    assert site.hits_of("/offen/") == []
    assert result.stats["robots_forbidden"] == len(ALLOWED)
    assert result.stats["robots_unreachable"] == 1
    assert any("answered HTTP 503: treating every path as disallowed" in m for m in caplog.messages)
    # nothing could be fetched: the crawl is not complete and leaves no raw file
    assert not result.complete
    assert result.stats["error"] == "finished without fetching a single page"
    assert not (tmp_path / "raw.jsonl").exists()


def test_robots_connection_dropped_disallows_every_path(loopback, tmp_path, caplog):
    site = loopback(_pages(Page(drop=True)))

    with caplog.at_level(logging.ERROR, logger="scrapers.middlewares.robots"):
        result = _probe(site.url, tmp_path, ALLOWED)

    assert site.hits_of("/offen/") == []
    assert result.stats["robots_unreachable"] == 1
    assert any("unreachable" in m and "every path as disallowed" in m for m in caplog.messages)


@pytest.mark.parametrize("status", [404, 403])
def test_robots_client_error_allows_every_path(loopback, tmp_path, status):
    site = loopback(_pages(Page("nicht hier", status=status, content_type="text/plain")))

    result = _probe(site.url, tmp_path, DISALLOWED[:3])

    assert len(site.hits_of("/privat/")) == 3
    assert result.complete
    assert result.stats["robots_forbidden"] == 0


def test_product_token_is_the_name_before_the_version():
    assert product_token("Familienpunkt/0.1 (+https://example.org; open data)") == "Familienpunkt"
    assert product_token("Familienpunkt") == "Familienpunkt"
