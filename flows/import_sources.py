"""The import flow: every source fans out (extract, normalise) in parallel; one writer merges.

Tasks are per source and per stage, never per record. A failing source does not stop the
others: it is recorded as failed in the ledger, its published offers stay untouched, its
Prefect task ends Failed, and so does the flow once every source is done — so automations and
exit codes can react. The warehouse is opened only for the moment of each write, under the
writer lock and Prefect's ``warehouse-writer`` concurrency limit (one slot): any number of runs,
on any number of workers, may fetch at once and queue for the merge.
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
from flows import alerts, progress, report
from flows.health import judge
from flows.housekeeping import tidy
from flows.writer import ensure_writer_limit, writer_slot
from pipelines.organizations import organizations_from_registry
from pipelines.parsers import SchoolHolidays
from pipelines.source_run import NormaliseReport, make_context, normalise_source
from schemas.source import Registry, Source
from scrapers.extract import ExtractResult, run_extraction
from warehouse import ledger
from warehouse.ledger import RunStatus, SourceRunReport, SourceStatus
from warehouse.load import merge_source, upsert_organizations


class SourceRunFailed(RuntimeError):
    """A source run failed or is suspicious (and the registry does not expect it)."""


class SourcesFailed(RuntimeError):
    """Some sources of a run failed or are suspicious; ``summary`` is the whole run's result."""

    def __init__(self, summary: ImportSummary):
        bad = [r for r in summary.reports if r.status != SourceStatus.OK and not r.expected]
        super().__init__(
            f"{len(bad)} source(s) failed or suspicious: "
            + ", ".join(f"{r.source_id} ({r.status})" for r in bad)
        )
        self.summary = summary


@dataclass
class ImportSummary:
    run_id: str
    status: str
    reports: list[SourceRunReport]
    markdown: str

    @property
    def alarms(self) -> list[SourceRunReport]:
        """Source runs that failed or are suspicious, and were not expected to."""
        return [r for r in self.reports if r.status != SourceStatus.OK and not r.expected]


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
    """Judge the source run, merge it in one transaction with its ledger row, return the row.

    ``con`` is the warehouse, opened by the caller under the writer slot."""
    progress.emit("loading", source.id)
    base = dict(
        run_id=run_id,
        source_id=source.id,
        started_at=extracted.started_at or started_at,
        raw_path=str(extracted.raw_path) if extracted.raw_path else None,
        stats={"extract": extracted.stats},
        expected=source.expected_to_fail is not None,
    )
    if normalised is None:
        reason = (
            extracted.reason
            if not extracted.ok
            else f"normalisation failed: {normalise_error}"
        )
        row = SourceRunReport(
            **base,
            status=SourceStatus.FAILED,
            reason=reason,
            finished_at=now_berlin(),
            fetched=extracted.records,
        )
        ledger.record_source_run(con, row)
        return row
    now = now_berlin()
    status, reason = judge(
        source,
        extracted_ok=True,
        extract_reason=None,
        fetched=normalised.fetched,
        valid=normalised.valid,
        recent=ledger.recent_fetched(con, source.id),
        today=now.date(),
        extract_stats=extracted.stats,
        recent_pages=ledger.recent_pages(con, source.id),
    )
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
        reader_problems=extracted.stats.get("problems", {}).get("count", 0),
    )

    def write_ledger(connection, counts) -> None:
        row.new, row.changed, row.unchanged, row.withdrawn = (
            counts.new, counts.changed, counts.unchanged, counts.withdrawn,
        )
        row.reinstated, row.deleted, row.pending = (
            counts.reinstated, counts.deleted, counts.pending,
        )
        if counts.pending and row.status == SourceStatus.OK:
            row.reason = (
                f"{counts.pending} withdrawal(s) held: more than "
                f"{source.max_withdraw_share:.0%} of the offers would go at once; a second "
                "healthy run or a steward confirms them"
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
            max_share=source.max_withdraw_share,
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


@task(name="verdict", task_run_name="verdict-{row.source_id}", cache_policy=NO_CACHE)
def verdict(row: SourceRunReport) -> str:
    """Ends Failed for a failed or suspicious source run, so the run's state shows it."""
    if row.status != SourceStatus.OK and not row.expected:
        raise SourceRunFailed(f"source {row.source_id!r} {row.status}: {row.reason}")
    return row.status


@flow(name="import-sources", log_prints=True)
def import_sources(
    registry_path: str | None = None,
    only: list[str] | None = None,
) -> ImportSummary:
    """Import every enabled source (or ``only`` these) of the registry into the warehouse.

    Raises :class:`SourcesFailed` (the flow run ends Failed) after all sources are done when
    one of them failed or is suspicious without the registry expecting it."""
    settings: Settings = get_settings()
    registry = Registry.load(registry_path or settings.registry)
    sources = [s.resolved() for s in registry.enabled(only)]
    started_at = now_berlin()
    run_id = ledger.new_run_id(started_at)
    run_dir = settings.raw_dir / run_id
    staging_dir = settings.staging_dir / run_id
    holidays = SchoolHolidays.load()
    db_path = settings.warehouse_path
    logger = get_run_logger()

    ensure_writer_limit()
    with writer_slot(db_path, f"import run {run_id}: start") as con:
        for line in tidy(con, settings).lines():
            logger.warning("%s", line)
        ledger.start_run(
            con, run_id, kind="import", started_at=started_at,
            registry=str(registry.path), sources=len(sources),
        )
        providers = {s.provider for s in sources}
        upsert_organizations(
            con,
            [o for o in organizations_from_registry(registry) if o.provider_key in providers],
            started_at,
        )
    reports: list[SourceRunReport] = []
    try:
        pending: dict[PrefectFuture, tuple[Source, PrefectFuture]] = {}
        for source in sources:
            extracted = extract.submit(source, run_dir)
            normalised = normalise.submit(
                source, extracted, staging_dir / source.id, source.provider, started_at, holidays
            )
            pending[normalised] = (source, extracted)
        waiting = dict(pending)
        while waiting:
            # Wait for one source, then merge it together with every other source that is
            # ready by now: one turn at the writer slot per wave, not one per source.
            next(as_completed(list(waiting)))
            ready = [f for f in waiting if f.state.is_final()]
            with writer_slot(db_path, f"import run {run_id}: merge") as con:
                ledger.heartbeat(con, run_id)
                for future in ready:
                    source, extracted_future = waiting.pop(future)
                    row = load(con, source, run_id, started_at,
                               *_outcome(source, extracted_future, future))
                    reports.append(row)
            for row in reports[-len(ready):]:
                verdict(row, return_state=True)
                progress.emit(
                    "done" if row.status == SourceStatus.OK else "failed",
                    row.source_id,
                    status=row.status,
                    reason=row.reason,
                )
                if row.status == SourceStatus.OK or row.expected:
                    shutil.rmtree(staging_dir / row.source_id, ignore_errors=True)
        status = run_status(reports)
    except BaseException:
        status = RunStatus.FAILED
        raise
    finally:
        with writer_slot(db_path, f"import run {run_id}: finish") as con:
            ledger.finish_run(con, run_id, status=status if reports else RunStatus.FAILED,
                              finished_at=now_berlin())
        shutil.rmtree(staging_dir, ignore_errors=True)
    table = report.markdown(run_id, reports)
    create_markdown_artifact(table, key="import-report", description=f"Import run {run_id}")
    print(table)
    summary = ImportSummary(run_id, status, reports, table)
    alerts.send(summary)
    if summary.alarms:
        raise SourcesFailed(summary)
    return summary


def _outcome(
    source: Source, extracted_future: PrefectFuture, normalised_future: PrefectFuture
) -> tuple[ExtractResult, NormaliseReport | None, str | None]:
    try:
        extracted = extracted_future.result()
    except Exception as exc:  # the extract task itself broke (not the source)
        extracted = ExtractResult(source.id, False, None, reason=f"{type(exc).__name__}: {exc}")
    try:
        return extracted, normalised_future.result(), None
    except Exception as exc:  # a normaliser bug fails this source only
        return extracted, None, f"{type(exc).__name__}: {exc}"


def run_status(reports: list[SourceRunReport]) -> str:
    """ok when every source is ok (or failed as expected), failed when none is, else partial."""
    if not reports:
        return RunStatus.OK
    bad = [r for r in reports if r.status != SourceStatus.OK and not r.expected]
    if not bad:
        return RunStatus.OK
    if all(r.status == SourceStatus.FAILED for r in reports):
        return RunStatus.FAILED
    return RunStatus.PARTIAL
