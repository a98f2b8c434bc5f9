"""Crawl speed of the demo world: every spider source of the demo registry through the
production road (one subprocess per source, ``python -m scrapers.crawl``), pages per second.

The demo registry switches the politeness delays off for its loopback sites; real providers
keep the polite defaults (about one request per second and host), so these figures measure
the crawler itself: process start, Scrapy, our robots middleware and the raw-record output.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from core.settings import CONFIG_DIR
from schemas.source import AdapterKind, Registry
from scrapers.extract import run_extraction


@dataclass(frozen=True)
class CrawlFigure:
    source_id: str
    pages: int
    records: int
    seconds: float
    crawl_seconds: float  # Scrapy's own duration, without process start

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def crawl_pages_per_second(self) -> float:
        return self.pages / self.crawl_seconds if self.crawl_seconds else 0.0


def measure_crawls(
    registry_path: Path = CONFIG_DIR / "sources.demo.toml", only: list[str] | None = None
) -> list[CrawlFigure]:
    from demo import DemoWorld

    registry = Registry.load(registry_path)
    spiders = [s for s in registry.enabled(only) if s.adapter is AdapterKind.SPIDER]
    figures = []
    with DemoWorld() as world, tempfile.TemporaryDirectory() as folder:
        for source in spiders:
            started = time.perf_counter()
            result = run_extraction(source.resolved({"demo": world.base_url}), Path(folder))
            seconds = time.perf_counter() - started
            stats = result.stats
            figures.append(
                CrawlFigure(
                    source.id,
                    int(stats.get("pages_fetched", 0)),
                    int(stats.get("records", 0)),
                    round(seconds, 2),
                    float(stats.get("duration_s") or seconds),
                )
            )
    return figures


def render_crawls(figures: list[CrawlFigure]) -> str:
    lines = [
        "",
        "crawl speed of the demo world (one process per source; delays off on loopback)",
        f"{'source':>20}  {'pages':>6}  {'records':>7}  {'seconds':>7}  {'pages/s':>8}  "
        f"{'pages/s in crawl':>16}",
    ]
    for f in figures:
        lines.append(
            f"{f.source_id:>20}  {f.pages:>6}  {f.records:>7}  {f.seconds:>7.2f}  "
            f"{f.pages_per_second:>8.1f}  {f.crawl_pages_per_second:>16.1f}"
        )
    pages = sum(f.pages for f in figures)
    seconds = sum(f.seconds for f in figures)
    crawl = sum(f.crawl_seconds for f in figures)
    lines.append(
        f"{'all':>20}  {pages:>6}  {sum(f.records for f in figures):>7}  {seconds:>7.2f}  "
        f"{pages / seconds if seconds else 0:>8.1f}  {pages / crawl if crawl else 0:>16.1f}"
    )
    return "\n".join(lines) + "\n"
