"""Building a small warehouse and release from raw records, through the real road."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.organizations import organizations_from_registry
from pipelines.source_run import make_context, normalise_source
from pipelines.taxonomy import default_taxonomy
from schemas.raw import RawRecord
from schemas.source import Registry
from tests.conftest import FROZEN_NOW
from warehouse.db import connect
from warehouse.load import merge_source, upsert_organizations
from warehouse.publish import publish


def record(source: str, key: str, **fields) -> RawRecord:
    return RawRecord(
        source_id=source,
        record_key=key,
        url=f"https://x.example/{key}",
        fetched_at=FROZEN_NOW,
        fields=fields,
    )


def build_release(
    tmp_path: Path,
    registry_toml: str,
    batches: dict[str, list[RawRecord]],
    release_id: str = "20261121T083000Z-test",
):
    """Normalise, merge and publish the batches; returns (release, open connection, registry)."""
    registry_path = tmp_path / "sources.toml"
    registry_path.write_text(registry_toml, encoding="utf-8")
    registry = Registry.load(registry_path)
    con = connect(tmp_path / "w.duckdb")
    upsert_organizations(con, organizations_from_registry(registry), FROZEN_NOW)
    for source_id, records in batches.items():
        raw_path = tmp_path / f"{source_id}.jsonl"
        raw_path.write_bytes(b"".join(r.to_json_line() for r in records))
        source = registry.sources[source_id]
        ctx = make_context(source, provider_key=source.provider, reference=date(2026, 11, 21))
        report = normalise_source(raw_path, ctx, tmp_path / "stage" / source_id)
        merge_source(
            con, report.staged, run_id="run1", source_id=source_id, now=FROZEN_NOW, healthy=True
        )
    release = publish(
        con,
        export_root=tmp_path / "export",
        registry=registry,
        taxonomy_terms=default_taxonomy().terms(),
        release_id=release_id,
        now=FROZEN_NOW,
    )
    return release, con, registry
