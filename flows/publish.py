"""The publish flow: write the open-data export of the warehouse's current state.

The warehouse is open only while the release's content is read (under the writer slot); the
files are written afterwards, aside, and switched into place atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from core.clock import now_berlin
from core.settings import get_settings
from flows.housekeeping import tidy
from flows.writer import ensure_writer_limit, writer_slot
from pipelines.taxonomy import default_taxonomy
from schemas.source import Registry
from warehouse import ledger
from warehouse.publish import gather, write_release


@dataclass
class PublishSummary:
    release_id: str
    path: Path
    latest: Path
    counts: dict[str, int]
    withheld: dict[str, int]
    by_source: dict[str, int]


@flow(name="publish", log_prints=True)
def publish_export(registry_path: str | None = None) -> PublishSummary:
    """Publish the current offers as a dated, validated open-data release plus ``latest``."""
    settings = get_settings()
    registry = Registry.load(registry_path or settings.registry)
    now = now_berlin()
    release_id = ledger.new_run_id(now)
    db_path = settings.warehouse_path
    ensure_writer_limit()
    with writer_slot(db_path, f"publish {release_id}: read") as con:
        for line in tidy(con, settings).lines():
            get_run_logger().warning("%s", line)
        ledger.start_run(
            con, release_id, kind="publish", started_at=now, registry=str(registry.path)
        )
        try:
            published = gather(
                con, registry=registry, taxonomy_terms=default_taxonomy().terms(), now=now
            )
        except Exception as exc:
            ledger.finish_run(
                con, release_id, status="failed", finished_at=now_berlin(), note=str(exc)
            )
            raise
    try:
        release = write_release(
            published,
            export_root=settings.export_root,
            registry=registry,
            release_id=release_id,
            now=now,
        )
    except Exception as exc:
        with writer_slot(db_path, f"publish {release_id}: failed") as con:
            ledger.finish_run(
                con, release_id, status="failed", finished_at=now_berlin(), note=str(exc)
            )
        raise
    by_source: dict[str, int] = {}
    for offer in published.offers:
        sid = offer.provenance.source_id
        by_source[sid] = by_source.get(sid, 0) + 1
    with writer_slot(db_path, f"publish {release_id}: finish") as con:
        ledger.finish_run(
            con,
            release_id,
            status="ok",
            finished_at=now_berlin(),
            note=f"{release.counts.get('offers', 0)} offers from {len(by_source)} sources "
            f"-> {release.path}",
        )
    lines = [
        f"## Release `{release.release_id}`",
        "",
        f"Path: `{release.path}`",
        "",
        "| table | rows |",
        "|---|---|",
    ]
    lines += [f"| {name} | {n} |" for name, n in release.counts.items()]
    text = "\n".join(lines) + "\n"
    create_markdown_artifact(
        text, key="publish-report", description=f"Release {release.release_id}"
    )
    print(text)
    return PublishSummary(
        release.release_id, release.path, release.latest, release.counts, release.withheld,
        by_source,
    )
