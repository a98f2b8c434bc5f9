"""The publish flow: write the open-data export of the warehouse's current state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from core.clock import now_berlin
from core.settings import get_settings
from pipelines.taxonomy import default_taxonomy
from schemas.source import Registry
from warehouse import ledger
from warehouse.db import connect
from warehouse.publish import publish


@dataclass
class PublishSummary:
    release_id: str
    path: Path
    latest: Path
    counts: dict[str, int]
    withheld: dict[str, int]


@flow(name="publish", log_prints=True)
def publish_export(registry_path: str | None = None) -> PublishSummary:
    """Publish the current offers as a dated, validated open-data release plus ``latest``."""
    settings = get_settings()
    registry = Registry.load(registry_path or settings.registry)
    now = now_berlin()
    release_id = ledger.new_run_id(now)
    con = connect(settings.warehouse_path)
    try:
        ledger.start_run(
            con, release_id, kind="publish", started_at=now, registry=str(registry.path)
        )
        try:
            release = publish(
                con,
                export_root=settings.export_root,
                registry=registry,
                taxonomy_terms=default_taxonomy().terms(),
                release_id=release_id,
                now=now,
            )
        except Exception as exc:
            ledger.finish_run(
                con, release_id, status="failed", finished_at=now_berlin(), note=str(exc)
            )
            raise
        ledger.finish_run(
            con,
            release_id,
            status="ok",
            finished_at=now_berlin(),
            note=f"{release.counts.get('offers', 0)} offers -> {release.path}",
        )
    finally:
        con.close()
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
        release.release_id, release.path, release.latest, release.counts, release.withheld
    )
