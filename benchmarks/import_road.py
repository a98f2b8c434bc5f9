"""One size of the import road, measured in a process of its own (so peak RSS is this size's).

Three imports of the synthetic feed into one fresh warehouse, each through the production
pieces the import flow uses, stage by stage:

1. ``first import``         the feed into an empty warehouse (everything new)
2. ``unchanged re-import``  the same file again: 0 new, 0 changed
3. ``1 % changed``          the twin with ~1 % of the records edited

Stages: **extract** (``scrapers.extract.extract_feed``: the CSV reader over a ``file://`` URL,
raw JSONL written atomically), **normalise** (``make_context`` + ``normalise_source`` into
Parquet staging files) and **merge** (``warehouse.db.connect`` + ``warehouse.load.merge_source``
+ closing the connection, which checkpoints the file).

``python -m benchmarks.import_road --csv F --changed F2 --work DIR --result R.json``; with
``--profile P.prof`` only the first import runs, under cProfile.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import platform
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pyarrow.parquet as pq

import pipelines.mapping.shapes  # noqa: F401  (up front: the stages measure work, not imports)
import scrapers.readers.all  # noqa: F401
from benchmarks.feed import PROVIDER_KEY, bench_source
from benchmarks.measure import (
    Stage,
    current_rss_mb,
    load_average,
    measured,
    process_peak_mb,
)
from pipelines.source_run import NormaliseReport, make_context, normalise_source
from scrapers.extract import extract_feed
from warehouse.db import connect
from warehouse.load import merge_source

REFERENCE_DAY = date(2026, 11, 21)
BERLIN = ZoneInfo("Europe/Berlin")
IMPORTS = ("first import", "unchanged re-import", "1 % changed")
FEED_NAME = "angebote.csv"
Log = Callable[[str], None] | None


class RoadError(RuntimeError):
    """A stage did not complete (the benchmark stops rather than report wrong figures)."""


@dataclass
class ImportRun:
    label: str
    stages: list[Stage] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    validity: dict[str, Any] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return round(sum(s.seconds for s in self.stages), 3)

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "seconds": self.seconds, "counts": self.counts,
                "validity": self.validity, "stages": [s.as_dict() for s in self.stages]}


def one_import(label: str, csv_path: Path, folder: Path, warehouse: Path, *,
               size: int, run_id: str, log: Log = None) -> ImportRun:
    """Extract, normalise and merge one feed file, each stage timed."""
    source = bench_source(csv_path)
    run = ImportRun(label)
    raw_path = folder / "raw" / f"{source.id}.jsonl"

    with measured("extract", size) as stage:
        stats = extract_feed(source, raw_path, folder / "raw" / f"{source.id}.stats.json")
    if stats["error"]:
        raise RoadError(f"{label}: extraction failed: {stats['error']}")
    stage.detail = {"raw_records": stats["records"], "reader_problems": stats["problems"]["count"],
                    "raw_mb": round(raw_path.stat().st_size / 1e6, 1)}
    run.stages.append(stage)
    _progress(log, label, stage)

    with measured("normalise", size) as stage:
        ctx = make_context(source, provider_key=PROVIDER_KEY, reference=REFERENCE_DAY)
        report = normalise_source(raw_path, ctx, folder / "staging")
    stage.detail = {"fetched": report.fetched, "valid": report.valid,
                    "quarantined": report.quarantined}
    run.validity = _validity(report)
    run.stages.append(stage)
    _progress(log, label, stage)

    with measured("merge", size) as stage:
        con = connect(warehouse)
        try:
            counts = merge_source(con, report.staged, run_id=run_id, source_id=source.id,
                                  now=datetime.now(BERLIN), healthy=True)
        finally:
            con.close()
    run.counts = counts.as_dict()
    stage.detail = {**run.counts, "warehouse_mb": round(_size_mb(warehouse), 1)}
    run.stages.append(stage)
    _progress(log, label, stage)
    return run


def _validity(report: NormaliseReport) -> dict[str, Any]:
    """Valid and quarantined counts, quarantine reasons by field, unparsed fields by slot."""
    fields = report.stats.get("fields", {})
    quarantine = pq.read_table(report.staged.path("quarantine"), columns=["field"])
    return {
        "fetched": report.fetched,
        "valid": report.valid,
        "quarantined": report.quarantined,
        "duplicates": report.duplicates,
        "quarantined_by_field": dict(Counter(quarantine.column("field").to_pylist()).most_common()),
        "unparsed": {slot: c["unparsed"] for slot, c in fields.items() if c["unparsed"]},
        "present": {slot: c["present"] for slot, c in fields.items()},
        "flags": report.stats.get("flags", {}),
        "unmapped_categories": report.stats.get("unmapped_categories", {}),
    }


def _size_mb(path: Path) -> float:
    wal = path.with_name(path.name + ".wal")
    return sum(p.stat().st_size for p in (path, wal) if p.exists()) / 1e6


def _progress(log: Log, label: str, stage: Stage) -> None:
    if log:
        log(f"  {label:<20} {stage.name:<10} {stage.seconds:9.2f} s  {stage.rate:10,.0f} rec/s  "
            f"peak {stage.peak_rss_mb:7,.0f} MB")


def run_road(csv_path: Path, changed_path: Path, work: Path, *, size: int,
             imports: int = len(IMPORTS), max_seconds: float | None = None, log: Log = None,
             on_import: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """The imports in order; with ``max_seconds``, no further import starts after that long.
    ``on_import`` receives the figures so far after each import (partial results survive)."""
    work.mkdir(parents=True, exist_ok=True)
    warehouse = work / "warehouse.duckdb"
    files = (csv_path, csv_path, changed_path)
    result: dict[str, Any] = {
        "size": size,
        "csv_mb": round(csv_path.stat().st_size / 1e6, 1),
        "baseline_rss_mb": round(current_rss_mb(), 1),  # interpreter and libraries
        "load_average": [load_average()],
        "versions": {"python": platform.python_version(), "duckdb": duckdb.__version__},
        "imports": [],
        "stopped": None,
    }
    started = time.perf_counter()
    for number, label in enumerate(IMPORTS[:imports], start=1):
        elapsed = time.perf_counter() - started
        if max_seconds is not None and number > 1 and elapsed > max_seconds:
            result["stopped"] = (f"time limit of {max_seconds / 60:g} min reached: "
                                 f"{number - 1} of {imports} imports measured")
            break
        feed = publish(files[number - 1], work / "provider" / FEED_NAME)
        run = one_import(label, feed, work / f"import-{number}", warehouse,
                         size=size, run_id=f"bench-run-{number}", log=log)
        result["imports"].append(run.as_dict())
        result["wall_seconds"] = round(time.perf_counter() - started, 3)
        result["peak_rss_mb"] = process_peak_mb()
        result["load_average"] = [result["load_average"][0], load_average()]
        if on_import:
            on_import(result)
    return result


def publish(file: Path, at: Path) -> Path:
    """Put a feed file at the provider's one stable address, as a real provider does.

    The raw record's content address includes the URL it was read from: reading the changed
    twin under its own file name would make every raw record look new."""
    at.parent.mkdir(parents=True, exist_ok=True)
    staged = at.with_name(at.name + ".next")
    staged.unlink(missing_ok=True)
    try:
        os.link(file, staged)
    except OSError:
        shutil.copyfile(file, staged)
    staged.replace(at)
    return at


def _expendable() -> None:
    """On a shared machine the benchmark, not a colleague's process, should meet the OOM killer."""
    with contextlib.suppress(OSError):
        Path("/proc/self/oom_score_adj").write_text("1000")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the import road for one feed file.")
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--changed", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--max-minutes", type=float, help="start no further import after this")
    parser.add_argument("--profile", type=Path, help="profile the first import into this file")
    args = parser.parse_args(argv)
    _expendable()

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def save(result: dict[str, Any]) -> None:
        part = args.result.with_suffix(".part")
        part.write_text(json.dumps(result, indent=2), encoding="utf-8")
        part.replace(args.result)

    max_seconds = args.max_minutes * 60 if args.max_minutes else None
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        result = run_road(args.csv, args.changed, args.work, size=args.size, imports=1, log=log)
        profiler.disable()
        profiler.dump_stats(args.profile)
    else:
        result = run_road(args.csv, args.changed, args.work, size=args.size,
                          max_seconds=max_seconds, log=log, on_import=save)
    save(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
