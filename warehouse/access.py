"""Who may write the warehouse, and when: one writer at a time, everyone else waits or reads
the published status snapshot.

DuckDB lets one process open the file read-write and then locks out every other process, even
readers. So a writer opens the file only for the short moment it writes (a merge, a ledger row),
holding an exclusive lock file beside it; a second writer waits for its turn (sources on the same
cron queue instead of failing) and, if the wait is too long, fails with one line that names the
holder. The lock is an ``flock`` of the operating system: a killed holder releases it at once.

Readers (``familienpunkt status``, ``quarantine``) never open the warehouse: each writer session
ends by writing a small snapshot of the ledger (see :mod:`warehouse.snapshot`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import orjson

from core.clock import now_berlin

POLL_S = 0.2


class WarehouseBusy(RuntimeError):
    """Another process held the warehouse longer than this one was willing to wait."""


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    purpose: str
    since: datetime

    def describe(self) -> str:
        return f"{self.purpose} (pid {self.pid} on {self.host}) since {self.since:%H:%M:%S}"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def holder(db_path: Path) -> Holder | None:
    """Who holds the writer lock now (as the holder wrote it), or None."""
    try:
        data = orjson.loads(lock_path(db_path).read_bytes() or b"null")
    except (OSError, orjson.JSONDecodeError):
        return None
    if not data:
        return None
    return Holder(data["pid"], data["host"], data["purpose"], datetime.fromisoformat(data["since"]))


def lock_is_free(db_path: Path) -> bool:
    """True when no process holds the writer lock at this moment."""
    path = lock_path(db_path)
    if not path.exists():
        return True
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


@contextlib.contextmanager
def writer_lock(db_path: Path, purpose: str, *, wait_s: float | None = None) -> Iterator[None]:
    """Hold the warehouse's writer lock; wait up to ``wait_s`` seconds for it."""
    from core.settings import get_settings

    wait_s = get_settings().lock_wait_s if wait_s is None else wait_s
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    who = holder(db_path)
                    raise WarehouseBusy(
                        f"the warehouse {db_path} is busy: held by "
                        f"{who.describe() if who else 'another process'}; waited {wait_s:g} s "
                        "(try again later, or raise FAMILIENPUNKT_LOCK_WAIT_S)"
                    ) from None
                time.sleep(POLL_S)
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "purpose": purpose,
            "since": now_berlin().isoformat(),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, orjson.dumps(record), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def writing(
    db_path: Path, purpose: str, *, wait_s: float | None = None, snapshot: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open for writing, under the writer lock, closed again afterwards.

    On leaving, the ledger snapshot that readers use is refreshed (``snapshot=False`` skips it
    for writes that do not touch the ledger)."""
    from warehouse.db import connect
    from warehouse.snapshot import write_snapshot

    with writer_lock(db_path, purpose, wait_s=wait_s):
        con = connect(db_path)
        try:
            yield con
            if snapshot:
                write_snapshot(con, snapshot_dir(db_path))
        finally:
            con.close()


def snapshot_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".status")
