"""OpenActive RPDE feeds (Realtime Paged Data Exchange): one raw record per item, shape OPENACTIVE.

The consumer follows ``next`` from the source URL (optionally resuming at ``after_timestamp``/
``after_id`` or ``after_change_number``), whatever the server's paging scheme: the server
writes ``afterTimestamp``/``afterId`` or ``afterChangeNumber`` into ``next``. It stops at the
first page without items whose ``next`` is the page's own URL (RPDE's last page), or at a page
without ``next``. Any other ``next`` that leads back to a page already read is a loop and a
``ReaderError``, as is going past ``max_pages``: a feed read only partly would silently lose
deletions.

Items are ordered by ``(modified, id)``; ``modified`` may be epoch milliseconds, epoch seconds,
a change number or an ISO date-time — it is normalised for ordering only, the record keeps the
value as written. An item that appears again later in the feed replaces its earlier version (the
later one is newer), so each key is yielded once, in feed order. Items out of order are
reported as problems and still read.

Records: ``fields`` is the item as found (``state``, ``kind``, ``id``, ``modified``, ``data``);
a tombstone (``state: "deleted"``, no data) becomes ``{"state": "deleted", "id", "modified",
"kind"}`` so the pipeline withdraws the offer. Key: the item's ``id``, else the data's ``@id``,
``id`` or ``identifier``. Besides RPDE pages, a file may hold a single item, a list of items or
a bare OpenActive object (``parse`` reads any of them without following links).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import orjson
from pydantic import Field, model_validator

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.fetch import Fetcher
from scrapers.readers.base import ReaderError, register
from scrapers.readers.parsing import ReaderOptions, make_record, parse_options, register_parser
from scrapers.readers.problems import ProblemLog, RowProblem

EPOCH_MS_ABOVE = 100_000_000_000
"""Epoch values above this are milliseconds (1973 in ms; the year 5138 in seconds)."""


class RpdeOptions(ReaderOptions):
    max_pages: int = Field(1000, ge=1, le=1_000_000, description="Stop with an error beyond this")
    kinds: list[str] = Field(default_factory=list, description="Only items of these kinds")
    after_timestamp: int | str | None = Field(None, description="Resume: afterTimestamp")
    after_id: int | str | None = Field(None, description="Resume: afterId (with afterTimestamp)")
    after_change_number: int | None = Field(None, ge=0, description="Resume: afterChangeNumber")

    @model_validator(mode="after")
    def _one_scheme(self) -> RpdeOptions:
        if self.after_id is not None and self.after_timestamp is None:
            raise ValueError("after_id needs after_timestamp")
        if self.after_change_number is not None and self.after_timestamp is not None:
            raise ValueError("use after_timestamp/after_id or after_change_number, not both")
        return self

    def first_params(self) -> dict[str, str] | None:
        if self.after_change_number is not None:
            return {"afterChangeNumber": str(self.after_change_number)}
        if self.after_timestamp is not None:
            params = {"afterTimestamp": str(self.after_timestamp)}
            if self.after_id is not None:
                params["afterId"] = str(self.after_id)
            return params
        return None


@dataclass(frozen=True)
class RpdePage:
    items: list[Any]
    next_url: str | None
    licence: str | None = None


def page_of(content: bytes) -> RpdePage:
    """An RPDE page, or a single item / list of items / bare object as a page without ``next``."""
    try:
        document = orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    if isinstance(document, list):
        return RpdePage(document, None)
    if not isinstance(document, dict):
        raise ValueError("neither an RPDE page, an item nor a list of items")
    if isinstance(document.get("items"), list):
        next_url = document.get("next")
        return RpdePage(document["items"], next_url if isinstance(next_url, str) else None,
                        document.get("license"))
    if "items" in document:
        raise ValueError("'items' is not a list")
    if "data" in document or "state" in document:
        return RpdePage([document], None)
    if "@type" in document or "type" in document:
        return RpdePage([{"data": document}], None)
    raise ValueError("neither an RPDE page, an item nor a list of items")


def modified_order(value: Any) -> float | None:
    """``modified`` as seconds (or a change number) for ordering; None when not readable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        written = value.strip()
        if written.lstrip("-").isdigit():
            value = int(written)
        else:
            try:
                moment = datetime.fromisoformat(written.replace("Z", "+00:00"))
            except ValueError:
                return None
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.timestamp()
    if isinstance(value, int | float):
        return value / 1000 if value > EPOCH_MS_ABOVE else float(value)
    return None


def item_key(item: dict[str, Any]) -> str | None:
    """The item's RPDE ``id``, else its data's ``@id``, ``id`` or ``identifier``."""
    candidates = [item.get("id")]
    data = item.get("data")
    if isinstance(data, dict):
        candidates += [data.get("@id"), data.get("id"), data.get("identifier")]
    for value in candidates:
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def item_kind(item: dict[str, Any]) -> str | None:
    kind = item.get("kind")
    if isinstance(kind, str) and kind:
        return kind
    data = item.get("data")
    if isinstance(data, dict):
        value = data.get("@type", data.get("type"))
        return value if isinstance(value, str) else None
    return None


@dataclass
class _Entry:
    order: tuple[float, tuple[int, int, str]]
    position: int
    record: RawRecord


class _Collector:
    """Keeps the newest version of each item and hands them out in feed order."""

    def __init__(self, source: Source, options: RpdeOptions, problems: ProblemLog):
        self.source = source
        self.options = options
        self.problems = problems
        self.latest: dict[str, _Entry] = {}
        self.position = 0
        self.last_order: tuple[float, tuple[int, int, str]] | None = None

    def add_page(self, page: RpdePage, url: str | None, fetched_at: datetime, page_no: int) -> None:
        for index, item in enumerate(page.items, 1):
            self.position += 1
            self._add(item, f"page {page_no}, item {index}", url, fetched_at)

    def _add(self, item: Any, where: str, url: str | None, fetched_at: datetime) -> None:
        source_id = self.source.id
        if not isinstance(item, dict):
            self.problems.add(RowProblem(source_id, where, None, "item is not a JSON object"))
            return
        if self.options.kinds and item_kind(item) not in self.options.kinds:
            return
        state = item.get("state")
        if state == "deleted":
            fields = {name: item.get(name) for name in ("state", "id", "modified", "kind")}
        elif state in (None, "updated"):
            if not isinstance(item.get("data"), dict):
                self.problems.add(RowProblem(source_id, where, "data",
                                             "updated item without a data object"))
                return
            fields = item
        else:
            self.problems.add(RowProblem(source_id, where, "state", f"unknown state {state!r}"))
            return
        order = (_or_lowest(modified_order(item.get("modified"))), _id_order(item_key(item)))
        if self.last_order is not None and order < self.last_order:
            message = f"item out of (modified, id) order: {item.get('modified')!r}"
            self.problems.add(RowProblem(source_id, where, "modified", message,
                                         kind="out_of_order", skipped=False))
        self.last_order = max(order, self.last_order or order)
        record = make_record(self.source, fields, where=where, url=url, fetched_at=fetched_at,
                             problems=self.problems, fallback_key=item_key(item),
                             shape=RawShape.OPENACTIVE)
        if record is None:
            return
        known = self.latest.get(record.record_key)
        if known is None or order >= known.order:
            self.latest[record.record_key] = _Entry(order, self.position, record)

    def records(self) -> Iterator[RawRecord]:
        for entry in sorted(self.latest.values(), key=lambda e: (e.order, e.position)):
            yield entry.record


def _or_lowest(value: float | None) -> float:
    return float("-inf") if value is None else value


def _id_order(key: str | None) -> tuple[int, int, str]:
    if key is None:
        return (0, 0, "")
    if key.lstrip("-").isdigit():
        return (1, int(key), "")
    return (2, 0, key)


@register_parser("rpde")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of one RPDE page, item or list of items (pure: links are not followed)."""
    options = parse_options(RpdeOptions, source)
    collector = _Collector(source, options, problems if problems is not None else ProblemLog())
    try:
        page = page_of(content)
    except ValueError as exc:
        raise ReaderError(f"source {source.id!r}: {exc}") from None
    collector.add_page(page, url, fetched_at, 1)
    yield from collector.records()


@register("rpde", options=RpdeOptions)
def read(
    source: Source, fetcher: Fetcher, problems: ProblemLog | None = None
) -> Iterator[RawRecord]:
    """Every item of an RPDE feed, following ``next`` to the last page."""
    options = parse_options(RpdeOptions, source)
    collector = _Collector(source, options, problems if problems is not None else ProblemLog())
    url, params = source.url, options.first_params()
    read_pages: set[str] = set()
    page_no = 0
    while True:
        page_no += 1
        if page_no > options.max_pages:
            raise ReaderError(f"source {source.id!r}: more than {options.max_pages} pages "
                              f"(option 'max_pages'); stopped before {url}")
        document = fetcher.get(url, params=params, followed=page_no > 1)
        params = None
        current = document.url
        try:
            page = page_of(document.content)
        except ValueError as exc:
            raise ReaderError(f"source {source.id!r}, page {page_no} ({current}): {exc}") from None
        collector.add_page(page, current, document.fetched_at, page_no)
        if not page.next_url:
            break
        next_url = urljoin(current, page.next_url)
        if not page.items and next_url in (current, url):
            break
        read_pages.update((current, url))
        if next_url in read_pages:
            raise ReaderError(f"source {source.id!r}, page {page_no} ({current}): 'next' leads "
                              f"back to a page already read ({next_url}); the feed loops")
        url = next_url
    yield from collector.records()
