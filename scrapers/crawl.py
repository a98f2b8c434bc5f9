"""The crawl of one source, in its own process (production) or in this one (tests).

Production, one subprocess per source, run by the orchestration layer with a hard timeout::

    python -m scrapers.crawl --source-json SOURCE.json --out RAW.jsonl --stats STATS.json \\
        [--timeout S] [--set NAME=VALUE ...] [--log-file PATH]

``SOURCE.json`` is the resolved :class:`~schemas.source.Source` as JSON. Exit codes:

* 0 – the crawl finished and ``RAW.jsonl`` was written;
* 1 – the crawl ended early or fetched nothing (timeout, shutdown, …): no ``RAW.jsonl``;
* 2 – unusable invocation: unreadable or invalid source, not a spider source, unknown spider;
* 3 – the crawl crashed (e.g. the spider could not start).

Every non-zero exit ends stderr with one line giving the reason; the stats JSON is written in
all cases but 2. ``--timeout`` closes the spider gracefully (default: 80 % of the source's
``timeout_s``, so that a caller killing the process at ``timeout_s`` still gets the stats; the
close waits for downloads in flight, up to ``DOWNLOAD_TIMEOUT``).

Tests use :func:`run_spider_in_process`: Scrapy's reactorless ``AsyncCrawlerRunner`` driven by
``asyncio.run()``, which can run any number of times in one process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from scrapy.crawler import AsyncCrawlerRunner, Crawler, CrawlerProcess
from scrapy.settings import Settings

from core.clock import Clock, now_berlin
from schemas.source import AdapterKind, Source
from scrapers.output import blank_stats, write_json_atomic

EXIT_OK = 0
EXIT_INCOMPLETE = 1
EXIT_USAGE = 2
EXIT_CRASH = 3
SOFT_TIMEOUT_SHARE = 0.8


class CrawlSetupError(ValueError):
    """The crawl cannot start: bad source file, not a spider source, unknown spider."""


class SpiderOptions(BaseModel):
    """A spider source's ``options``: politeness a steward may tune per provider. Other keys
    belong to the spider itself (a spider reads its own options from ``self.source``)."""

    model_config = ConfigDict(extra="allow")

    download_delay: float | None = Field(None, ge=0, le=60, description="Seconds between requests")
    concurrency: int | None = Field(None, ge=1, le=8, description="Requests at once to the host")
    autothrottle: bool | None = Field(None, description="Adapt the delay to the server's speed")


def source_settings(source: Source) -> dict[str, Any]:
    """Scrapy settings from the source's ``options`` (validated; errors name the option)."""
    try:
        options = SpiderOptions.model_validate(source.options)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CrawlSetupError(f"source {source.id!r}: option {where!r}: {first['msg']}") from None
    out: dict[str, Any] = {}
    if options.download_delay is not None:
        out["DOWNLOAD_DELAY"] = options.download_delay
    if options.concurrency is not None:
        out["CONCURRENT_REQUESTS_PER_DOMAIN"] = options.concurrency
    if options.autothrottle is not None:
        out["AUTOTHROTTLE_ENABLED"] = options.autothrottle
    return out


@dataclass(frozen=True)
class CrawlResult:
    """How a crawl ended: ``stats`` is the stats JSON, ``out`` the raw file when complete."""

    complete: bool
    finish_reason: str
    stats: dict[str, Any]
    out: Path | None


def crawl_settings(
    out_path: Path | str,
    stats_path: Path | str,
    overrides: Mapping[str, Any] | None = None,
    *,
    timeout_s: float | None = None,
) -> Settings:
    """Project settings plus the output paths, the soft timeout and the caller's overrides."""
    settings = Settings()
    settings.setmodule("scrapers.settings", priority="project")
    settings.set("FAMILIENPUNKT_RAW_OUT", str(out_path), priority="cmdline")
    settings.set("FAMILIENPUNKT_STATS_OUT", str(stats_path), priority="cmdline")
    if timeout_s:
        settings.set("CLOSESPIDER_TIMEOUT", float(timeout_s), priority="cmdline")
    settings.setdict(dict(overrides or {}), priority="cmdline")
    return settings


def soft_timeout(source: Source) -> float:
    """When the crawl stops itself: early enough to close cleanly before the hard timeout."""
    return round(source.timeout_s * SOFT_TIMEOUT_SHARE, 1)


def load_source(path: Path | str) -> Source:
    """The resolved source from its JSON file; it must be a spider source."""
    try:
        source = Source.model_validate_json(Path(path).read_bytes())
    except OSError as exc:
        raise CrawlSetupError(f"cannot read source file {path}: {exc.strerror or exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "source"
        raise CrawlSetupError(f"invalid source file {path}: {where}: {first['msg']}") from None
    if source.adapter is not AdapterKind.SPIDER or not source.spider:
        raise CrawlSetupError(
            f"source {source.id!r} is read by adapter {source.adapter.value!r}, not a spider"
        )
    return source


def run_spider_in_process(
    source: Source,
    out_path: Path | str,
    stats_path: Path | str,
    settings_overrides: Mapping[str, Any] | None = None,
    *,
    clock: Clock | None = None,
) -> CrawlResult:
    """Crawls ``source`` in this process without a Twisted reactor; callable again and again.

    Raises :class:`CrawlSetupError` when the spider is unknown; a crash during the crawl is
    reported in the result (``complete`` False, the error in ``finish_reason``).
    """
    if not source.spider:
        raise CrawlSetupError(f"source {source.id!r} names no spider")
    overrides = {
        **source_settings(source), **(settings_overrides or {}), "TWISTED_REACTOR_ENABLED": False
    }
    settings = crawl_settings(out_path, stats_path, overrides, timeout_s=soft_timeout(source))
    started_at = _fresh_start(out_path, stats_path)
    runner = AsyncCrawlerRunner(settings)
    crawler = _create_crawler(runner, source)

    async def crawl() -> None:
        await runner.crawl(crawler, source=source, clock=clock)

    try:
        asyncio.run(crawl())
    except Exception as exc:
        return _crashed(source, Path(stats_path), started_at, exc)
    return _result(source, Path(stats_path), started_at)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        source = load_source(args.source_json)
        overrides = {**source_settings(source), **dict(_setting(item) for item in args.set)}
    except CrawlSetupError as exc:
        return _fail(EXIT_USAGE, str(exc))
    if args.log_file:
        overrides["LOG_FILE"] = args.log_file
    settings = crawl_settings(
        args.out, args.stats, overrides, timeout_s=args.timeout or soft_timeout(source)
    )
    started_at = _fresh_start(args.out, args.stats)
    try:
        result = _crawl_with_reactor(source, settings, Path(args.stats), started_at)
    except CrawlSetupError as exc:
        return _fail(EXIT_USAGE, str(exc))
    except Exception as exc:  # a spider module that does not import, a bug in a component
        result = _crashed(source, Path(args.stats), started_at, exc)
    if result.complete:
        return EXIT_OK
    if (result.stats.get("error") or "").startswith("crashed:"):
        return _fail(EXIT_CRASH, f"crawl of source {source.id!r} {result.stats['error']}")
    reason = result.stats.get("error") or result.finish_reason
    return _fail(EXIT_INCOMPLETE, f"crawl of source {source.id!r} incomplete: {reason}")


def _crawl_with_reactor(
    source: Source, settings: Settings, stats_path: Path, started_at: datetime
) -> CrawlResult:
    """The production road: ``CrawlerProcess`` with Twisted's asyncio reactor, once per process."""
    process = CrawlerProcess(settings)
    crawler = _create_crawler(process, source)
    failures: list[BaseException] = []
    process.crawl(crawler, source=source).addErrback(lambda failure: failures.append(failure.value))
    process.start()
    if failures:
        return _crashed(source, stats_path, started_at, failures[0])
    return _result(source, stats_path, started_at)


def _create_crawler(runner: CrawlerProcess | AsyncCrawlerRunner, source: Source) -> Crawler:
    try:
        return runner.create_crawler(source.spider or "")
    except KeyError:
        raise CrawlSetupError(
            f"source {source.id!r}: no spider named {source.spider!r} in "
            f"{', '.join(runner.settings.getlist('SPIDER_MODULES'))}"
        ) from None


def _fresh_start(out_path: Path | str, stats_path: Path | str) -> datetime:
    """Removes outputs of an earlier run, so that what exists afterwards is this run's."""
    for stale in (Path(out_path), Path(stats_path)):
        stale.unlink(missing_ok=True)
    return now_berlin()


def _result(source: Source, stats_path: Path, started_at: datetime) -> CrawlResult:
    try:
        stats = json.loads(stats_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stats = blank_stats(source.id, source.spider, started_at)
        stats["finish_reason"] = "no stats written"
        stats["error"] = "the crawl wrote no stats"
        write_json_atomic(stats_path, stats)
    out = Path(stats["out"]) if stats.get("complete") and stats.get("out") else None
    return CrawlResult(bool(stats.get("complete")), str(stats.get("finish_reason")), stats, out)


def _crashed(
    source: Source, stats_path: Path, started_at: datetime, exc: BaseException
) -> CrawlResult:
    stats = blank_stats(source.id, source.spider, started_at)
    stats["finish_reason"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    stats["error"] = f"crashed: {stats['finish_reason']}"
    stats["errors"] = 1
    write_json_atomic(stats_path, stats)
    return CrawlResult(False, stats["finish_reason"], stats, None)


def _setting(item: str) -> tuple[str, Any]:
    name, sep, raw = item.partition("=")
    if not sep or not name.strip():
        raise CrawlSetupError(f"--set expects NAME=VALUE, got {item!r}")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return name.strip(), value


def _fail(code: int, reason: str) -> int:
    print(reason.replace("\n", " "), file=sys.stderr, flush=True)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scrapers.crawl",
        description="Crawl one spider source into a raw JSONL file.",
    )
    parser.add_argument("--source-json", required=True, type=Path, help="resolved Source as JSON")
    parser.add_argument(
        "--out", required=True, type=Path, help="raw records (JSONL), written when complete"
    )
    parser.add_argument(
        "--stats", required=True, type=Path, help="crawl stats (JSON), always written"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        help="graceful stop after S seconds (default: 80 %% of the source's timeout_s)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="Scrapy setting override; VALUE is read as JSON when it parses",
    )
    parser.add_argument("--log-file", help="write Scrapy's log here instead of stderr")
    return parser


if __name__ == "__main__":
    sys.exit(main())
