"""Every warehouse write goes through here: Prefect's one-slot ``warehouse-writer`` limit
(so runs on several workers queue for the merge), then the file lock (so any other process on
the machine does too), then the DuckDB file itself, open only for that moment.

A holder killed with ``kill -9`` releases the file lock at once (the kernel does), but its
Prefect slot stays taken until its lease runs out (a minute at least, Prefect's lower bound).
A writer that has waited ``writer_stale_after_s`` for the slot while nobody holds the file lock
and no other run is alive (the ledger snapshot: PID gone on this host, heartbeat old elsewhere)
knows the slot is a dead run's: it sets the limit's active slots back to zero and goes on. Where
runs are alive, it keeps waiting: they are the slot's rightful holders.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path

from warehouse.access import WarehouseBusy, lock_is_free, writing

log = logging.getLogger("familienpunkt.writer")
WRITER_LIMIT = "warehouse-writer"
"""Prefect global concurrency limit (one slot) that serialises every warehouse write."""
LEASE_S = 120
"""A holder's lease on the slot; Prefect renews it while the holder lives."""


@contextlib.contextmanager
def writer_slot(db_path: Path, purpose: str) -> Iterator:
    """The warehouse for writing: Prefect's writer slot, then the file lock, then the file."""
    from core.settings import get_settings

    settings = get_settings()
    asked = time.monotonic()
    deadline = asked + settings.lock_wait_s
    with contextlib.ExitStack() as stack:
        _take_slot(stack, db_path, deadline, settings.writer_stale_after_s)
        waited = time.monotonic() - asked
        if waited > 1:
            log.info("%s: waited %.1f s for the writer slot", purpose, waited)
        con = stack.enter_context(writing(db_path, purpose))
        yield con


def _take_slot(
    stack: contextlib.ExitStack, db_path: Path, deadline: float, stale_after_s: float
) -> None:
    from prefect.concurrency.sync import concurrency

    while True:
        wait = max(1.0, min(stale_after_s, deadline - time.monotonic()))
        try:
            stack.enter_context(concurrency(
                WRITER_LIMIT, occupy=1, strict=True, timeout_seconds=wait, lease_duration=LEASE_S
            ))
            return
        except TimeoutError:
            if lock_is_free(db_path) and not _other_runs_alive(db_path):
                log.warning("the writer slot is held, but no run is alive to hold it: "
                            "a killed run's slot; freeing it")
                reset_writer_limit()
            elif time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"the warehouse {db_path} is busy: the writer slot stayed taken; try again "
                    "later"
                ) from None


def reset_writer_limit() -> None:
    """Free the slots dead holders left (the server clamps later lease expiries at zero)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitUpdate

    with get_client(sync_client=True) as client:
        client.update_global_concurrency_limit(
            WRITER_LIMIT, GlobalConcurrencyLimitUpdate(active_slots=0)
        )


def _other_runs_alive(db_path: Path) -> bool:
    """A run other than this process's that says 'running' and may still be alive."""
    import os
    import socket

    from core.clock import now_berlin
    from core.processes import same_process
    from warehouse.access import snapshot_dir
    from warehouse.snapshot import open_snapshot

    con = open_snapshot(snapshot_dir(db_path))
    if con is None:
        return False
    try:
        rows = con.execute(
            "SELECT pid, host, heartbeat_at, pid_start FROM runs WHERE status = 'running'"
        ).fetchall()
    finally:
        con.close()
    host, now = socket.gethostname(), now_berlin()
    for pid, run_host, beat, ticks in rows:
        if pid == os.getpid() and run_host == host:
            continue
        if run_host == host and pid and same_process(pid, ticks):
            return True
        if run_host != host and beat and (now - beat).total_seconds() < 600:
            return True
    return False


def ensure_writer_limit() -> None:
    """Create the writer limit on the Prefect server if it is missing (idempotent)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(WRITER_LIMIT)
        except ObjectNotFound:
            with contextlib.suppress(ObjectAlreadyExists):
                client.create_global_concurrency_limit(
                    GlobalConcurrencyLimitCreate(name=WRITER_LIMIT, limit=1)
                )
