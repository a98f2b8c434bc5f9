"""Extracting one source into a raw JSONL file, in a process of its own.

``run_extraction`` starts ``python -m scrapers.extract`` (feeds) or ``python -m scrapers.crawl``
(spiders) for one source with a hard timeout: a crash, a hang or a memory blow-up of one source
cannot touch the others. The child writes the raw file under a temporary name and renames it
when complete, and always writes a stats JSON beside it; *raw file exists* means *complete*.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from core.checkpoints import checkpoint
from core.clock import now_berlin
from core.processes import forget, kill_group, spawn_bound
from core.settings import get_settings
from schemas.source import AdapterKind, Source
from scrapers.fetch import Fetcher, FetchError, FetchPolicy
from scrapers.output import write_json_atomic
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.problems import ProblemLog

EXIT_OK = 0
EXIT_FAILED = 2


@dataclass
class ExtractResult:
    """What one source's extraction left behind."""

    source_id: str
    ok: bool
    raw_path: Path | None
    stats: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    duration_s: float = 0.0
    started_at: datetime | None = None

    @property
    def records(self) -> int:
        return int(self.stats.get("records", 0))


# -- parent side


def run_extraction(
    source: Source, folder: Path, *, timeout_s: float | None = None
) -> ExtractResult:
    """Extract one source in a child process; never raises for a source's own failure."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{source.id}.jsonl"
    stats_out = folder / f"{source.id}.stats.json"
    source_json = folder / f".{source.id}.source.json"
    source_json.write_bytes(orjson.dumps(source.model_dump(mode="json", by_alias=True)))
    module = "scrapers.crawl" if source.adapter is AdapterKind.SPIDER else "scrapers.extract"
    command = [
        sys.executable,
        "-m",
        module,
        "--source-json",
        str(source_json),
        "--out",
        str(out),
        "--stats",
        str(stats_out),
    ]
    timeout = timeout_s or source.timeout_s
    started, started_at = time.monotonic(), now_berlin()
    pid_dir = get_settings().pid_dir / str(os.getpid())
    process = spawn_bound(
        command,
        pid_dir=pid_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    checkpoint("extracting")
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process.pid)
        process.communicate()
        return ExtractResult(
            source.id,
            False,
            None,
            _read_stats(stats_out),
            f"extraction timed out after {timeout:g} s and was stopped",
            round(time.monotonic() - started, 3),
            started_at,
        )
    finally:
        source_json.unlink(missing_ok=True)
        forget(process, pid_dir)
    duration = round(time.monotonic() - started, 3)
    stats = _read_stats(stats_out)
    if process.returncode == EXIT_OK and out.exists():
        return ExtractResult(source.id, True, out, stats, None, duration, started_at)
    reason = stats.get("error") or _last_line(stderr) or f"exit code {process.returncode}"
    if process.returncode == EXIT_OK:
        reason = (
            stats.get("error") or f"no complete output ({stats.get('finish_reason', 'unknown')})"
        )
    return ExtractResult(source.id, False, None, stats, reason, duration, started_at)


def _read_stats(path: Path) -> dict[str, Any]:
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}


def _last_line(stderr: bytes | None) -> str | None:
    lines = [
        ln.strip() for ln in (stderr or b"").decode("utf-8", "replace").splitlines() if ln.strip()
    ]
    return lines[-1][:500] if lines else None


# -- child side (feeds)


def extract_feed(
    source: Source, out: Path, stats_out: Path, *, fetcher: Fetcher | None = None
) -> dict[str, Any]:
    """Read a feed source into ``out`` (atomically) and write its stats; returns the stats."""
    started_at, started = now_berlin(), time.monotonic()
    problems = ProblemLog()
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in (out, stats_out):
        stale.unlink(missing_ok=True)
    records = 0
    error: str | None = None
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(FetchPolicy.for_source(source))
    try:
        reader = get_reader(source.adapter.value)
        with part.open("wb") as handle:
            for record in reader(source, fetcher, problems):
                handle.write(record.to_json_line())
                records += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, out)
    except (ReaderError, FetchError) as exc:
        error = str(exc)
    except Exception as exc:  # a reader bug must still end with a reason, not a lost run
        error = f"{type(exc).__name__}: {exc}"
    finally:
        part.unlink(missing_ok=True)
        if own_fetcher:
            fetcher.close()
    wire = fetcher.stats.as_dict()
    pages = max(wire["documents"], 1)
    stats = {
        "source_id": source.id,
        "adapter": source.adapter.value,
        "started_at": started_at.isoformat(),
        "finished_at": now_berlin().isoformat(),
        "duration_s": round(time.monotonic() - started, 3),
        "complete": error is None,
        "pages_fetched": wire["documents"],
        "requests": wire["requests"],
        "refused": wire["refused"],
        "http_status_counts": wire["status_counts"],
        "retries": wire["retries"],
        "bytes": wire["bytes"],
        "records": records,
        "records_per_page": round(records / pages, 2),
        "robots_forbidden": wire["robots_blocked"],
        "problems": problems.as_dict(),
        "error": error,
        "out": str(out) if error is None else None,
    }
    write_json_atomic(stats_out, stats)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Extract one feed source into a raw JSONL file.")
    parser.add_argument("--source-json", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stats", type=Path, required=True)
    args = parser.parse_args(argv)
    source = Source.model_validate_json(args.source_json.read_bytes())
    stats = extract_feed(source, args.out, args.stats)
    if stats["error"]:
        print(f"{source.id}: {stats['error']}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
