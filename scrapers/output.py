"""Raw-record output of one crawl: a JSONL file that exists only when complete, plus its stats.

:class:`RawRecordExporter` is an item pipeline. Items are :class:`~schemas.raw.RawRecord`
objects or dicts of the same fields. Lines go to a temporary file beside the target
(``.<name>.<pid>.part``); when the spider closes with the reason ``finished`` and at least one
page was fetched, the file is flushed, fsynced and renamed onto the target in one step. Any
other end (timeout, shutdown, error, nothing fetched) deletes the temporary file; a killed
process leaves only the ``.part`` file. The target, its stats and ``.part`` files left over from
an earlier run are removed when the crawl opens, so *target exists* always means *this crawl
completed* (one crawl per target at a time).

The stats JSON is written (atomically too) on every close, complete or not:

``source_id``, ``spider``, ``started_at``, ``finished_at``, ``duration_s``,
``finish_reason``, ``complete``, ``pages_fetched``, ``http_status_counts``, ``records``,
``records_per_page``, ``records_invalid``, ``records_duplicate``, ``records_without_key``,
``robots_fetched``, ``robots_forbidden``, ``robots_unreachable``, ``errors`` (ERROR log
lines), ``structured`` (JSON-LD/microdata counts), ``error`` (why it is not complete, else
null), ``out`` (the raw file when complete, else null).

Settings: ``FAMILIENPUNKT_RAW_OUT`` (target path; the pipeline is off without it) and
``FAMILIENPUNKT_STATS_OUT`` (default: the target with ``.stats.json``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson
from pydantic import ValidationError
from scrapy import Request, Spider, signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Response

from core.clock import now_berlin
from schemas.raw import RawRecord
from scrapers.middlewares.robots import ROBOTS_META

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

CLEAN_REASON = "finished"


class RawRecordExporter:
    """Writes raw records as JSON lines and, on close, the crawl's stats (see module docs)."""

    def __init__(self, crawler: Crawler, out: Path, stats_out: Path):
        self.crawler = crawler
        self.out = out
        self.stats_out = stats_out
        self.part = out.with_name(f".{out.name}.{os.getpid()}.part")
        self._file: IO[bytes] | None = None
        self._keys: set[str] = set()
        self._statuses: Counter[str] = Counter()
        self._pages = 0
        self._records = 0
        self._write_error: str | None = None
        self._started_at = now_berlin()
        self._started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RawRecordExporter:
        out = crawler.settings.get("FAMILIENPUNKT_RAW_OUT")
        if not out:
            raise NotConfigured("FAMILIENPUNKT_RAW_OUT is not set")
        out = Path(out)
        stats_out = crawler.settings.get("FAMILIENPUNKT_STATS_OUT") or out.with_suffix(
            ".stats.json"
        )
        exporter = cls(crawler, out, Path(stats_out))
        crawler.signals.connect(exporter.response_received, signal=signals.response_received)
        crawler.signals.connect(exporter.spider_closed, signal=signals.spider_closed)
        return exporter

    def open_spider(self) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        leftovers = [self.out, self.stats_out, *self.out.parent.glob(f".{self.out.name}.*.part")]
        for stale in leftovers:
            if stale.exists():
                logger.info("removing %s left over from an earlier run", stale)
                stale.unlink(missing_ok=True)
        self._started_at = now_berlin()
        self._started = time.monotonic()
        self._file = self.part.open("wb")

    def process_item(self, item: Any) -> RawRecord:
        stats = self.crawler.stats
        try:
            record = item if isinstance(item, RawRecord) else RawRecord.model_validate(item)
        except ValidationError as exc:
            stats.inc_value("records/invalid")
            logger.error("invalid raw record dropped: %s", _one_line(exc))
            raise DropItem("invalid raw record") from None
        if record.record_key in self._keys:
            stats.inc_value("records/duplicate")
            raise DropItem(f"duplicate record key {record.record_key!r}")
        self._keys.add(record.record_key)
        if self._file is None or self._write_error:
            raise DropItem("raw output is not writable")
        try:
            self._file.write(record.to_json_line())
        except OSError as exc:  # disk full, file system gone: this run cannot be complete
            self._write_error = f"raw output could not be written: {exc}"
            logger.error(self._write_error)
            raise DropItem(self._write_error) from None
        self._records += 1
        stats.inc_value("records/written")
        return record

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        if request.meta.get(ROBOTS_META):
            return
        self._pages += 1
        self._statuses[str(response.status)] += 1

    def spider_closed(self, spider: Spider, reason: str) -> None:
        complete = reason == CLEAN_REASON and self._pages > 0 and not self._write_error
        if reason == CLEAN_REASON and not self._pages:
            logger.error("crawl finished without fetching a single page: no output")
        try:
            self._finish(complete)
        except OSError as exc:
            complete, self._write_error = False, f"raw output could not be finished: {exc}"
            logger.error(self._write_error)
            self.part.unlink(missing_ok=True)
        self._write_stats(spider, reason, complete)

    def _finish(self, complete: bool) -> None:
        if self._file is None:
            return
        handle, self._file = self._file, None
        try:
            handle.flush()
            if complete:
                os.fsync(handle.fileno())
        finally:
            handle.close()
        if complete:
            os.replace(self.part, self.out)
            _fsync_dir(self.out.parent)
            logger.info("wrote %d raw records to %s", self._records, self.out)
        else:
            self.part.unlink(missing_ok=True)

    def _write_stats(self, spider: Spider, reason: str, complete: bool) -> None:
        values = self.crawler.stats.get_stats()
        source = getattr(spider, "source", None)
        structured = {
            key.removeprefix("structured/"): value
            for key, value in sorted(values.items())
            if key.startswith("structured/")
        }
        platform = {  # sitemap and WordPress event-calendar counters
            key: value
            for key, value in sorted(values.items())
            if key.startswith(("sitemap/", "tribe/"))
        }
        report = blank_stats(getattr(source, "id", None), spider.name, self._started_at)
        report.update(
            finished_at=now_berlin().isoformat(),
            duration_s=round(time.monotonic() - self._started, 3),
            finish_reason=reason,
            complete=complete,
            pages_fetched=self._pages,
            http_status_counts=dict(sorted(self._statuses.items())),
            records=self._records,
            records_per_page=round(self._records / self._pages, 2) if self._pages else 0.0,
            records_invalid=values.get("records/invalid", 0),
            records_duplicate=values.get("records/duplicate", 0),
            records_without_key=values.get("records/without_key", 0),
            robots_fetched=values.get("robots/fetched", 0),
            robots_forbidden=values.get("robots/forbidden", 0),
            robots_unreachable=values.get("robots/unreachable", 0),
            errors=values.get("log_count/ERROR", 0),
            pages_lost=values.get("pages/lost", 0),
            lost_pages=list(getattr(self.crawler, "lost_pages", [])),
            refused=values.get("boundary/refused", 0),
            structured=structured,
            platform=platform,
            error=None if complete else self._write_error or failure_reason(reason, self._pages),
            out=str(self.out) if complete else None,
        )
        write_json_atomic(self.stats_out, report)


def blank_stats(source_id: str | None, spider: str | None, started_at: datetime) -> dict[str, Any]:
    """The stats JSON of a crawl that did nothing yet: every key, zero counts, not complete."""
    return {
        "source_id": source_id,
        "spider": spider,
        "started_at": started_at.isoformat(),
        "finished_at": now_berlin().isoformat(),
        "duration_s": 0.0,
        "finish_reason": None,
        "complete": False,
        "pages_fetched": 0,
        "http_status_counts": {},
        "records": 0,
        "records_per_page": 0.0,
        "records_invalid": 0,
        "records_duplicate": 0,
        "records_without_key": 0,
        "robots_fetched": 0,
        "robots_forbidden": 0,
        "robots_unreachable": 0,
        "errors": 0,
        "pages_lost": 0,
        "lost_pages": [],
        "refused": 0,
        "structured": {},
        "platform": {},
        "error": None,
        "out": None,
    }


def failure_reason(finish_reason: str, pages: int) -> str:
    """Why a crawl that ended with ``finish_reason`` after ``pages`` pages is not complete."""
    if finish_reason == CLEAN_REASON and not pages:
        return "finished without fetching a single page"
    return f"crawl ended early: {finish_reason}"


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Writes ``data`` as indented JSON to a temporary file beside ``path``, then renames it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    with part.open("wb") as handle:
        handle.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, path)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be fsynced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _one_line(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
    )
