"""Judging a source run: ok, suspicious (nothing withdrawn) or failed."""

from __future__ import annotations

from datetime import date
from statistics import median

from schemas.source import Source
from warehouse.ledger import SourceStatus

DROP_RATIO = 0.5
"""A run with fewer than half the records of the recent healthy runs' median is suspicious."""


def judge(
    source: Source,
    *,
    extracted_ok: bool,
    extract_reason: str | None,
    fetched: int,
    valid: int,
    recent: list[int],
    today: date,
) -> tuple[str, str | None]:
    if not extracted_ok:
        return SourceStatus.FAILED, extract_reason or "extraction failed"
    if fetched == 0:
        if source.empty_is_legitimate(today):
            return SourceStatus.OK, "empty, as expected out of season"
        return (
            SourceStatus.SUSPICIOUS,
            "the source yielded no records (zero alarm): nothing withdrawn",
        )
    if valid == 0:
        return SourceStatus.SUSPICIOUS, f"all {fetched} records were quarantined: nothing withdrawn"
    if fetched < source.min_records:
        return (
            SourceStatus.SUSPICIOUS,
            f"{fetched} records, below the minimum of {source.min_records}: nothing withdrawn",
        )
    if recent:
        typical = median(recent)
        if fetched < DROP_RATIO * typical:
            return (
                SourceStatus.SUSPICIOUS,
                f"{fetched} records against a recent median of {typical:g} (drop alarm): "
                "nothing withdrawn",
            )
    return SourceStatus.OK, None
