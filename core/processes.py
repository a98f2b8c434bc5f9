"""Child processes that die with their parent, and a small registry of them for crash cleanup.

A run starts helper processes (one extraction per source, the local Prefect server). Killed with
``kill -9``, a parent cannot stop them itself; on Linux each child asks the kernel for SIGKILL
when its parent dies (``PR_SET_PDEATHSIG``), so none of them outlives the run. Every child's PID
is also noted in ``<data>/pids/<parent pid>/`` so that a later start can check and report them.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def spawn_bound(
    args: Sequence[str], *, pid_dir: Path | None = None, new_session: bool = True, **popen: Any
) -> subprocess.Popen:
    """``subprocess.Popen`` whose child is killed when this process dies.

    ``new_session`` puts the child in a process group of its own (so a timeout can kill it with
    everything it started). The PID is noted in ``pid_dir`` (removed by :func:`forget`).
    """
    process = subprocess.Popen(
        list(args), preexec_fn=_die_with_parent, start_new_session=new_session, **popen
    )
    if pid_dir is not None:
        pid_dir.mkdir(parents=True, exist_ok=True)
        (pid_dir / str(process.pid)).write_text(" ".join(map(str, args))[:500], encoding="utf-8")
    return process


def forget(process: subprocess.Popen, pid_dir: Path | None) -> None:
    if pid_dir is not None:
        (pid_dir / str(process.pid)).unlink(missing_ok=True)


def alive(pid: int) -> bool:
    """True when a process with this PID exists (and is not a zombie)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return True


def start_ticks(pid: int) -> int | None:
    """When the process started, in clock ticks since boot (Linux): with the PID it names one
    process for good, as PIDs are reused."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def same_process(pid: int, ticks: int | None) -> bool:
    """The process noted as (pid, start ticks) is still running."""
    if not alive(pid):
        return False
    return ticks is None or start_ticks(pid) in (None, ticks)


def kill_group(pid: int) -> None:
    """SIGKILL a child's whole process group (it was started in a session of its own)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
