"""Judging a source run: ok, suspicious (nothing withdrawn) or failed."""

from __future__ import annotations

from datetime import date
from statistics import median
from typing import Any

from schemas.source import Source
from warehouse.ledger import SourceStatus

DROP_RATIO = 0.5
"""A run with fewer than half the records of the recent healthy runs' median is suspicious."""
PAGE_DROP_RATIO = 0.8
"""A paged source that read fewer than 80 % of its usual pages (and at least two fewer) lost
pages somewhere: suspicious."""


def judge(
    source: Source,
    *,
    extracted_ok: bool,
    extract_reason: str | None,
    fetched: int,
    valid: int,
    recent: list[int],
    today: date,
    extract_stats: dict[str, Any] | None = None,
    recent_pages: list[int] | None = None,
) -> tuple[str, str | None]:
    """Only an ``ok`` run may withdraw offers; every doubt makes it suspicious."""
    stats = extract_stats or {}
    if not extracted_ok:
        return SourceStatus.FAILED, extract_reason or "extraction failed"
    if fetched == 0:
        if source.empty_is_legitimate(today):
            return SourceStatus.OK, "empty, as expected out of season"
        return (
            SourceStatus.SUSPICIOUS,
            "the source yielded no records (zero alarm): nothing withdrawn",
        )
    lost = int(stats.get("pages_lost") or 0)
    if lost:
        examples = "; ".join(stats.get("lost_pages", [])[:3])
        return (
            SourceStatus.SUSPICIOUS,
            f"{lost} page(s) could not be fetched ({examples}): nothing withdrawn",
        )
    incomplete = stats.get("problems", {}).get("by_kind", {}).get("incomplete", 0)
    if incomplete:
        return (
            SourceStatus.SUSPICIOUS,
            "the feed ended before the count it declares (incomplete paging): nothing withdrawn",
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
    pages = int(stats.get("pages_fetched") or 0)
    if recent_pages and pages:
        usual = median(recent_pages)
        if usual - pages >= 2 and pages < PAGE_DROP_RATIO * usual:
            return (
                SourceStatus.SUSPICIOUS,
                f"{pages} pages read against a recent median of {usual:g} (page count fell): "
                "nothing withdrawn",
            )
    return SourceStatus.OK, None
