"""The main job: import every source, then publish."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow

from flows.import_sources import ImportSummary, import_sources
from flows.publish import PublishSummary, publish_export


@dataclass
class RunSummary:
    imported: ImportSummary
    published: PublishSummary


@flow(name="familienpunkt-run", log_prints=True)
def familienpunkt_run(
    registry_path: str | None = None,
    only: list[str] | None = None,
    demo_base: str | None = None,
) -> RunSummary:
    imported = import_sources(registry_path=registry_path, only=only, demo_base=demo_base)
    published = publish_export(registry_path=registry_path)
    return RunSummary(imported, published)
