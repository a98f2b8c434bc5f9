"""Running each measurement in a fresh Python process and collecting its JSON result."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.generate import DEFAULT_SEED, OUT_DIR, Feed, ensure_feed

PROJECT_ROOT = Path(__file__).resolve().parent.parent
Log = Callable[[str], None]


class BenchmarkError(RuntimeError):
    """A measuring child process failed; the message carries its last output lines."""


@dataclass
class SizeResult:
    size: int
    feed: Feed
    road: dict[str, Any]
    reference: dict[str, Any]
    generate_seconds: float = 0.0


@dataclass
class BenchResult:
    sizes: list[SizeResult] = field(default_factory=list)
    profile: str | None = None
    wall_seconds: float = 0.0


def child(module: str, args: list[str], result: Path, *, log: Log | None = None) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh process; its stderr streams to ``log``."""
    path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": path}
    result.unlink(missing_ok=True)
    process = subprocess.Popen([sys.executable, "-m", module, *args, "--result", str(result)],
                               cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    tail: list[str] = []
    assert process.stderr is not None
    for line in process.stderr:
        tail = [*tail[-30:], line.rstrip()]
        if log:
            log(line.rstrip())
    code = process.wait()
    if code != 0 and result.exists():  # figures of the imports that finished before the end
        data = json.loads(result.read_text(encoding="utf-8"))
        if data.get("imports"):
            reason = "killed (out of memory?)" if code == -9 else f"exit code {code}"
            data["stopped"] = f"the process ended ({reason}): {tail[-1] if tail else ''}"
            if log:
                log(f"{module}: {data['stopped']}")
            return data
    if code != 0 or not result.exists():
        raise BenchmarkError(f"{module} exited with {code}:\n" + "\n".join(tail))
    return json.loads(result.read_text(encoding="utf-8"))


def run_size(size: int, *, seed: int = DEFAULT_SEED, out_dir: Path = OUT_DIR,
             keep: bool = False, max_minutes: float | None = None,
             log: Log | None = None) -> SizeResult:
    """Generate (or reuse) the feed, then measure the road and the reference, each fresh."""
    started = time.monotonic()
    feed = ensure_feed(size, seed=seed, out_dir=out_dir, log=log)
    generated = time.monotonic() - started
    work = out_dir / f"run-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        if log:
            log(f"size {size:,}: import road ({feed.path.name}, {feed.bytes / 1e6:,.1f} MB)")
        road = child("benchmarks.import_road",
                     ["--csv", str(feed.path), "--changed", str(feed.changed_path),
                      "--work", str(work / "road"), "--size", str(size),
                      *(["--max-minutes", str(max_minutes)] if max_minutes else [])],
                     work / "road.json", log=log)
        if not keep:
            shutil.rmtree(work / "road", ignore_errors=True)  # free the disk before the reference
        if log:
            log(f"size {size:,}: DuckDB read_csv reference")
        reference = child("benchmarks.reference",
                          ["--csv", str(feed.path), "--work", str(work / "reference"),
                           "--size", str(size)],
                          work / "reference.json", log=log)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return SizeResult(size, feed, road, reference, round(generated, 2))


def profile_size(size: int, *, seed: int = DEFAULT_SEED, out_dir: Path = OUT_DIR,
                 top: int = 25, log: Log | None = None) -> str:
    """The first import of ``size`` records under cProfile, summarised (see benchmarks.profile)."""
    from benchmarks.profile import summarise

    feed = ensure_feed(size, seed=seed, out_dir=out_dir, log=log)
    work = out_dir / f"profile-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stats = work / "road.prof"
    if log:
        log(f"profile: first import of {size:,} records under cProfile")
    try:
        road = child("benchmarks.import_road",
                     ["--csv", str(feed.path), "--changed", str(feed.changed_path),
                      "--work", str(work / "road"), "--size", str(size), "--profile", str(stats)],
                     work / "road.json", log=log)
        return summarise(stats, road, top=top)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(sizes: list[int], *, seed: int = DEFAULT_SEED, out_dir: Path = OUT_DIR,
        keep: bool = False, profile: int | None = None, max_minutes: float | None = None,
        log: Log | None = None) -> BenchResult:
    started = time.monotonic()
    result = BenchResult()
    for size in sizes:
        result.sizes.append(run_size(size, seed=seed, out_dir=out_dir, keep=keep,
                                     max_minutes=max_minutes, log=log))
    if profile:
        result.profile = profile_size(profile, seed=seed, out_dir=out_dir, log=log)
    result.wall_seconds = round(time.monotonic() - started, 1)
    return result
