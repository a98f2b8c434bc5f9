"""Wall-clock time and peak memory of one stage, inside the measured process.

Peak RSS per stage: on Linux the kernel's high-water mark (``VmHWM``) can be reset by writing
``5`` to ``/proc/self/clear_refs``; each stage resets it first and reads it afterwards, so a
stage's peak is its own. Elsewhere the stage peak is the process peak so far (``ru_maxrss``).
The reset also lowers what ``getrusage`` reports as ``ru_maxrss`` for the process itself, so
the process peak is kept here: the highest mark seen before each reset and after each stage.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_CLEAR_REFS = Path("/proc/self/clear_refs")
_STATUS = Path("/proc/self/status")


@dataclass
class Stage:
    name: str
    records: int
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time of the process, all threads: steadier than wall time when others share the CPUs."""
    peak_rss_mb: float = 0.0
    rss_quartiles_mb: list[float] = field(default_factory=list)
    """Highest RSS seen up to 25, 50, 75 and 100 % of the stage's duration: growth or plateau."""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ru_maxrss_mb(who: int) -> float:
    value = resource.getrusage(who).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024  # bytes vs KiB


_process_peak_mb = 0.0


def _note_peak() -> float:
    global _process_peak_mb
    peak = current_peak_mb()
    _process_peak_mb = max(_process_peak_mb, peak)
    return peak


def process_peak_mb() -> dict[str, float]:
    """Peak RSS of this process (across stage resets) and of its waited-for children, in MB."""
    _note_peak()
    own = max(_process_peak_mb, _ru_maxrss_mb(resource.RUSAGE_SELF))
    return {"self": round(own, 1), "children": round(_ru_maxrss_mb(resource.RUSAGE_CHILDREN), 1)}


def reset_peak() -> bool:
    """Reset the kernel's RSS high-water mark of this process; False where unsupported."""
    _note_peak()
    try:
        _CLEAR_REFS.write_text("5")
        return True
    except OSError:
        return False


def _status_mb(field_name: str) -> float | None:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def current_peak_mb() -> float:
    """The RSS high-water mark since the last reset (VmHWM), else the process peak."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else _ru_maxrss_mb(resource.RUSAGE_SELF)


def current_rss_mb() -> float:
    """The resident set size now (VmRSS), else the process peak."""
    rss = _status_mb("VmRSS")
    return rss if rss is not None else _ru_maxrss_mb(resource.RUSAGE_SELF)


def load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


class RssSampler(threading.Thread):
    """Reads this process's RSS a few times a second while a stage runs."""

    def __init__(self, interval_s: float = 0.2):
        super().__init__(daemon=True)
        self.interval_s = interval_s
        self.samples: list[tuple[float, float]] = []
        self._stop_event = threading.Event()
        self._t0 = time.perf_counter()

    def run(self) -> None:
        while not self._stop_event.wait(self.interval_s):
            self.samples.append((time.perf_counter() - self._t0, current_rss_mb()))

    def stop(self) -> list[float]:
        """The quartile maxima (see ``Stage.rss_quartiles_mb``)."""
        self._stop_event.set()
        self.join()
        duration = time.perf_counter() - self._t0
        samples = [*self.samples, (duration, current_rss_mb())]
        points = []
        for quarter in (1, 2, 3, 4):
            seen = [mb for t, mb in samples if t <= duration * quarter / 4] or [samples[0][1]]
            points.append(round(max(seen), 1))
        return points


@contextmanager
def measured(name: str, records: int) -> Iterator[Stage]:
    """Time the block and record its peak RSS; the block may fill ``stage.detail``."""
    stage = Stage(name, records)
    reset_peak()
    sampler = RssSampler()
    sampler.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        yield stage
    finally:
        stage.seconds = round(time.perf_counter() - started, 3)
        stage.cpu_seconds = round(time.process_time() - cpu_started, 3)
        stage.peak_rss_mb = round(_note_peak(), 1)
        stage.rss_quartiles_mb = sampler.stop()
