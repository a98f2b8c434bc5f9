"""The import flow: every source fans out (extract, normalise) in parallel; one writer merges.

Tasks are per source and per stage, never per record. A failing source does not stop the
others: it is recorded as failed in the ledger and its published offers stay untouched.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed

from core.clock import now_berlin
from core.settings import Settings, get_settings
from flows import progress, report
from flows.health import judge
from pipelines.organizations import organizations_from_registry
from pipelines.parsers import SchoolHolidays
from pipelines.source_run import NormaliseReport, make_context, normalise_source
from schemas.source import Registry, Source
from scrapers.extract import ExtractResult, run_extraction
from warehouse import ledger
from warehouse.db import connect
from warehouse.ledger import SourceRunReport, SourceStatus
from warehouse.load import merge_source, upsert_organizations


@dataclass
class ImportSummary:
    run_id: str
    status: str
    reports: list[SourceRunReport]
    markdown: str


@task(name="extract", task_run_name="extract-{source.id}", cache_policy=NO_CACHE)
def extract(source: Source, run_dir: Path) -> ExtractResult:
    progress.emit("extracting", source.id)
    result = run_extraction(source, run_dir)
    if not result.ok:
        get_run_logger().warning("%s: extraction failed: %s", source.id, result.reason)
    return result


@task(name="normalise", task_run_name="normalise-{source.id}", cache_policy=NO_CACHE)
def normalise(
    source: Source,
    extracted: ExtractResult,
    staging: Path,
    provider_key: str,
    reference: datetime,
    holidays: SchoolHolidays,
) -> NormaliseReport | None:
    if not extracted.ok or extracted.raw_path is None:
        return None
    progress.emit("normalising", source.id, records=extracted.records)
    ctx = make_context(
        source, provider_key=provider_key, reference=reference.date(), holidays=holidays
    )
    return normalise_source(extracted.raw_path, ctx, staging)


@task(name="load", task_run_name="load-{source.id}", cache_policy=NO_CACHE)
def load(
    con,
    source: Source,
    run_id: str,
    started_at: datetime,
    extracted: ExtractResult,
    normalised: NormaliseReport | None,
    normalise_error: str | None,
) -> SourceRunReport:
    """Judge the source run, merge it in one transaction with its ledger row, return the row."""
    progress.emit("loading", source.id)
    now = now_berlin()
    base = dict(
        run_id=run_id,
        source_id=source.id,
        started_at=extracted.started_at or started_at,
        raw_path=str(extracted.raw_path) if extracted.raw_path else None,
        stats={"extract": extracted.stats},
    )
    if normalised is None:
        reason = (
            extracted.reason if not extracted.ok else f"normalisation failed: {normalise_error}"
        )
        row = SourceRunReport(
            **base,
            status=SourceStatus.FAILED,
            reason=reason,
            finished_at=now,
            fetched=extracted.records,
        )
        ledger.record_source_run(con, row)
        return row
    status, reason = judge(
        source,
        extracted_ok=True,
        extract_reason=None,
        fetched=normalised.fetched,
        valid=normalised.valid,
        recent=ledger.recent_fetched(con, source.id),
        today=now.date(),
    )
    problems = extracted.stats.get("problems", {}).get("count", 0)
    row = SourceRunReport(
        **base,
        status=status,
        reason=reason,
        finished_at=now,
        fetched=normalised.fetched,
        valid=normalised.valid,
        quarantined=normalised.quarantined,
    )
    row.stats.update(
        normalise={
            **normalised.stats,
            "deleted": normalised.deleted,
            "duplicates": normalised.duplicates,
            "quarantine_sample": normalised.quarantine_sample,
        },
        reader_problems=problems,
    )

    def write_ledger(connection, counts) -> None:
        row.new, row.changed, row.unchanged, row.withdrawn = (
            counts.new,
            counts.changed,
            counts.unchanged,
            counts.withdrawn,
        )
        row.finished_at = now_berlin()
        ledger.record_source_run(connection, row)

    try:
        merge_source(
            con,
            normalised.staged,
            run_id=run_id,
            source_id=source.id,
            now=now,
            healthy=status == SourceStatus.OK,
            after_merge=write_ledger,
        )
    except Exception as exc:  # the transaction rolled back: record the failure, keep going
        row = SourceRunReport(
            **base,
            status=SourceStatus.FAILED,
            reason=f"warehouse merge failed: {exc}",
            finished_at=now_berlin(),
            fetched=normalised.fetched,
            valid=normalised.valid,
            quarantined=normalised.quarantined,
        )
        ledger.record_source_run(con, row)
        return row
    shutil.rmtree(normalised.staged.folder, ignore_errors=True)
    return row


@flow(name="import-sources", log_prints=True)
def import_sources(
    registry_path: str | None = None,
    only: list[str] | None = None,
    demo_base: str | None = None,
) -> ImportSummary:
    """Import every enabled source (or ``only`` these) of the registry into the warehouse."""
    settings: Settings = get_settings()
    registry = Registry.load(registry_path or settings.registry)
    sources = [s.resolved(demo_base) for s in registry.enabled(only)]
    started_at = now_berlin()
    run_id = ledger.new_run_id(started_at)
    run_dir = settings.raw_dir / run_id
    staging_dir = settings.staging_dir / run_id
    holidays = SchoolHolidays.load()

    con = connect(settings.warehouse_path)
    try:
        ledger.start_run(
            con,
            run_id,
            kind="import",
            started_at=started_at,
            registry=str(registry.path),
            sources=len(sources),
        )
        upsert_organizations(con, organizations_from_registry(registry), started_at)
        pending: dict[PrefectFuture, tuple[Source, PrefectFuture]] = {}
        for source in sources:
            extracted = extract.submit(source, run_dir)
            normalised = normalise.submit(
                source, extracted, staging_dir / source.id, source.provider, started_at, holidays
            )
            pending[normalised] = (source, extracted)
        reports: list[SourceRunReport] = []
        for future in as_completed(list(pending)):
            source, extracted_future = pending[future]
            try:
                extracted = extracted_future.result()
            except Exception as exc:  # the extract task itself broke (not the source)
                extracted = ExtractResult(
                    source.id, False, None, reason=f"{type(exc).__name__}: {exc}"
                )
            normalised, error = None, None
            try:
                normalised = future.result()
            except Exception as exc:  # a normaliser bug fails this source only
                error = f"{type(exc).__name__}: {exc}"
            row = load(con, source, run_id, started_at, extracted, normalised, error)
            progress.emit(
                "done" if row.status != SourceStatus.FAILED else "failed",
                source.id,
                status=row.status,
                reason=row.reason,
            )
            reports.append(row)
        status = _run_status(reports)
        ledger.finish_run(con, run_id, status=status, finished_at=now_berlin())
    finally:
        con.close()
    shutil.rmtree(staging_dir, ignore_errors=True)
    table = report.markdown(run_id, reports)
    create_markdown_artifact(table, key="import-report", description=f"Import run {run_id}")
    print(table)
    return ImportSummary(run_id, status, reports, table)


def _run_status(reports: list[SourceRunReport]) -> str:
    if not reports:
        return "ok"
    failed = sum(r.status == SourceStatus.FAILED for r in reports)
    if failed == len(reports):
        return "failed"
    if failed or any(r.status != SourceStatus.OK for r in reports):
        return "partial"
    return "ok"
