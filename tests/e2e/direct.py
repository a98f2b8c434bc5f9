"""The import road without Prefect, for tests that run it many times: every source extracted
in this process (feeds with their reader, spiders in Scrapy's reactorless mode), normalised
and merged by the very functions the flow's tasks wrap (``task.fn``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from core.clock import now_berlin
from core.settings import get_settings
from flows.import_sources import load, run_status
from pipelines.source_run import make_context, normalise_source
from schemas.source import AdapterKind, Registry, Source
from scrapers.crawl import run_spider_in_process
from scrapers.extract import ExtractResult, extract_feed
from warehouse import ledger
from warehouse.access import writing
from warehouse.ledger import SourceRunReport

QUICK_SPIDERS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_TIMEOUT": 1,
    "RETRY_TIMES": 1,
    "LOG_LEVEL": "ERROR",
}


def extract(source: Source, folder: Path) -> ExtractResult:
    folder.mkdir(parents=True, exist_ok=True)
    out, stats_path = folder / f"{source.id}.jsonl", folder / f"{source.id}.stats.json"
    started = now_berlin()
    if source.adapter is AdapterKind.SPIDER:
        result = run_spider_in_process(source, out, stats_path, QUICK_SPIDERS)
        return ExtractResult(source.id, result.complete, result.out, result.stats,
                             None if result.complete else result.stats.get("error"),
                             started_at=started)
    stats = extract_feed(source, out, stats_path)
    ok = stats["error"] is None
    return ExtractResult(source.id, ok, out if ok else None, stats, stats["error"],
                         started_at=started)


def import_all(registry: Registry, sources: list[str], work: Path) -> list[SourceRunReport]:
    """One import run over ``sources``: ledger rows, merges and withdrawals as in production."""
    settings = get_settings()
    started = now_berlin()
    run_id = ledger.new_run_id(started)
    reports = []
    with writing(settings.warehouse_path, f"test run {run_id}") as con:
        ledger.start_run(con, run_id, kind="import", started_at=started, sources=len(sources))
    for source_id in sources:
        source = registry.sources[source_id].resolved()
        extracted = extract(source, work / run_id)
        normalised, error = None, None
        if extracted.ok and extracted.raw_path is not None:
            ctx = make_context(source, provider_key=source.provider, reference=started.date())
            normalised = normalise_source(extracted.raw_path, ctx, work / "staging" / source.id)
        with writing(settings.warehouse_path, f"test run {run_id}: {source_id}") as con:
            reports.append(load.fn(con, source, run_id, started, extracted, normalised, error))
        shutil.rmtree(work / "staging" / source.id, ignore_errors=True)
    with writing(settings.warehouse_path, f"test run {run_id}: finish") as con:
        ledger.finish_run(con, run_id, status=run_status(reports), finished_at=now_berlin())
    return reports
