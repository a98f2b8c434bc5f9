"""Normalising one source's raw file of one run into staging files for the warehouse writer."""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from core.checkpoints import checkpoint
from pipelines.normalise import Context, Deletion, FieldStats, Rejected, normalise_record
from pipelines.parsers import SchoolHolidays
from pipelines.taxonomy import Taxonomy, default_taxonomy
from schemas import ids
from schemas.raw import RawRecord
from schemas.source import Source
from warehouse.staging import StagedSource, StagingWriter

log = logging.getLogger(__name__)


@dataclass
class NormaliseReport:
    """What normalisation of one source run produced."""

    staged: StagedSource
    fetched: int = 0
    valid: int = 0
    quarantined: int = 0
    deleted: int = 0
    duplicates: int = 0
    stats: dict[str, Any] = field(default_factory=dict)
    quarantine_sample: list[dict[str, str]] = field(default_factory=list)


@contextmanager
def _gc_frozen() -> Iterator[None]:
    """Models make no reference cycles: pausing the cycle collector speeds big batches up."""
    gc.freeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.unfreeze()


def make_context(
    source: Source,
    *,
    provider_key: str,
    reference: date,
    holidays: SchoolHolidays | None = None,
    taxonomy: Taxonomy | None = None,
) -> Context:
    return Context(
        source=source,
        provider_key=provider_key,
        licence_uri=source.licence_uri,
        reference=reference,
        holidays=holidays or SchoolHolidays.load(),
        taxonomy=taxonomy or default_taxonomy(),
    )


def normalise_source(raw_path: Path, ctx: Context, staging_folder: Path) -> NormaliseReport:
    """Read every raw record of a source run, normalise it, and stage offers and quarantine.

    A record that cannot be read or normalised is quarantined with its reason; the others go
    on. A provider key that appears twice keeps its first record; a different second record
    is quarantined, an identical one is counted as a duplicate.
    """
    source = ctx.source
    writer = StagingWriter(staging_folder)
    checkpoint("normalising")
    report = NormaliseReport(staged=writer.staged)
    seen: dict[str, str] = {}
    stats: FieldStats = ctx.stats

    def quarantine(
        record_key: str, raw_id: str | None, field_name: str, reason: str, message: str
    ) -> None:
        report.quarantined += 1
        offer_id = ids.offer_id(source.id, record_key) if raw_id else None
        writer.add(
            "quarantine",
            offer_id=offer_id,
            record_key=record_key,
            raw_id=raw_id,
            field=field_name,
            reason=reason,
            message=message,
        )
        if len(report.quarantine_sample) < 20:
            report.quarantine_sample.append(
                {"record": record_key, "field": field_name, "message": message}
            )

    with raw_path.open("rb") as handle, _gc_frozen():
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            report.fetched += 1
            try:
                raw = RawRecord.model_validate_json(line)
            except ValidationError as exc:
                error = exc.errors()[0]
                where = ".".join(str(p) for p in error["loc"])
                quarantine(
                    f"line {line_no}",
                    None,
                    where or "record",
                    "malformed_raw",
                    f"source {source.id!r}, raw line {line_no}, field {where!r}: {error['msg']}",
                )
                continue
            if raw.source_id != source.id:
                quarantine(
                    raw.record_key,
                    None,
                    "source_id",
                    "wrong_source",
                    f"source {source.id!r}, record {raw.record_key!r}: "
                    f"raw record says source {raw.source_id!r}",
                )
                continue
            raw_id = raw.raw_id()
            if raw.record_key in seen:
                if seen[raw.record_key] == raw_id:
                    report.duplicates += 1
                else:
                    quarantine(
                        raw.record_key,
                        raw_id,
                        "record_key",
                        "duplicate_key",
                        f"source {source.id!r}, record {raw.record_key!r}, "
                        "field 'record_key': the key "
                        f"appears twice in this run with different content; the first was kept",
                    )
                    writer.add("raw", **_raw_row(raw, raw_id))
                continue
            seen[raw.record_key] = raw_id
            writer.add("raw", **_raw_row(raw, raw_id))
            try:
                result = normalise_record(raw, ctx)
            except Rejected as exc:
                quarantine(raw.record_key, raw_id, exc.field, exc.reason, exc.message)
                continue
            except Exception as exc:  # a fault of ours must cost one record, never the source
                log.exception("source %r, record %r: normaliser error", source.id, raw.record_key)
                quarantine(
                    raw.record_key, raw_id, "record", "normaliser_error",
                    f"source {source.id!r}, record {raw.record_key!r}: the normaliser failed "
                    f"({type(exc).__name__}: {exc}); please report it",
                )
                continue
            if isinstance(result, Deletion):
                report.deleted += 1
                writer.add("deleted", offer_id=result.offer_id, record_key=result.record_key)
                continue
            report.valid += 1
            writer.add(
                "offers",
                offer_id=result.offer.id,
                record_key=raw.record_key,
                status=result.offer.status.value,
                content_hash=result.content_hash,
                raw_id=raw_id,
                fetched_at=raw.fetched_at,
                location_id=result.offer.location_id,
                record=result.record_json,
            )
            if result.location is not None:
                location_json = result.location.model_dump_json(exclude_none=True)
                writer.add(
                    "locations",
                    location_id=result.location.id,
                    content_hash=_sha256(location_json),
                    record=location_json,
                )
    writer.close()
    report.stats = stats.as_dict(report.fetched)
    return report


def _raw_row(raw: RawRecord, raw_id: str) -> dict[str, Any]:
    return {
        "raw_id": raw_id,
        "record_key": raw.record_key,
        "url": raw.url,
        "shape": raw.shape.value,
        "fetched_at": raw.fetched_at,
        "fields": orjson.dumps(raw.fields, default=str).decode(),
    }


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
