"""Fixtures of the scraper tests (helpers live in ``scrapers_testkit``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from scrapers_loopback import LoopbackSite, Page


@pytest.fixture
def loopback() -> Iterator[Callable[..., LoopbackSite]]:
    """Starts loopback sites on free ports; all are stopped after the test."""
    sites: list[LoopbackSite] = []

    def start(pages: dict[str, Page], **kwargs: Any) -> LoopbackSite:
        site = LoopbackSite(pages, **kwargs).start()
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.stop()
