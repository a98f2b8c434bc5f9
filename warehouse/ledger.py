"""The run ledger: every run and every source run, with status, counts, timings and reason."""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import orjson

from core.clock import now_berlin
from core.processes import same_process, start_ticks


class SourceStatus:
    OK = "ok"
    SUSPICIOUS = "suspicious"  # completed, but too few records or pages lost: nothing withdrawn
    FAILED = "failed"  # extraction or import failed: nothing is withdrawn


class RunStatus:
    RUNNING = "running"
    OK = "ok"
    PARTIAL = "partial"  # some sources failed or are suspicious
    FAILED = "failed"
    DIED = "died"  # the process running it was killed or crashed (found by a later start)


def new_run_id(now: datetime | None = None) -> str:
    """Sortable, unique run id: UTC timestamp plus a random suffix."""
    now = (now or now_berlin()).astimezone(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class SourceRunReport:
    run_id: str
    source_id: str
    status: str
    started_at: datetime
    finished_at: datetime
    reason: str | None = None
    fetched: int = 0
    valid: int = 0
    quarantined: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    reinstated: int = 0
    deleted: int = 0
    pending: int = 0
    expected: bool = False
    """The registry expects this source to fail (``expected_to_fail``): not an alarm."""
    raw_path: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def duration_s(self) -> float:
        return round((self.finished_at - self.started_at).total_seconds(), 3)


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    kind: str,
    started_at: datetime,
    registry: str | None = None,
    sources: int | None = None,
) -> None:
    con.execute(
        "INSERT INTO runs (run_id, kind, started_at, status, registry, sources, pid, host, "
        "heartbeat_at, ppid, pid_start) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)",
        [run_id, kind, started_at, registry, sources, os.getpid(), socket.gethostname(),
         started_at, os.getppid(), start_ticks(os.getpid())],
    )


def heartbeat(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute("UPDATE runs SET heartbeat_at = ? WHERE run_id = ?", [now_berlin(), run_id])


def reap_dead_runs(
    con: duckdb.DuckDBPyConnection, *, stale_after_s: float = 6 * 3600
) -> list[dict[str, Any]]:
    """Mark runs that say 'running' but whose process is gone as 'died'; return them.

    On this host a run is dead when its process (PID and start time: PIDs are reused) no
    longer exists; elsewhere when its heartbeat is older than ``stale_after_s``."""
    host = socket.gethostname()
    rows = con.execute(
        "SELECT run_id, kind, pid, host, started_at, heartbeat_at, pid_start FROM runs "
        "WHERE status = 'running'"
    ).fetchall()
    dead = []
    now = now_berlin()
    for run_id, kind, pid, run_host, started_at, beat, ticks in rows:
        if run_host == host and pid is not None and pid != os.getpid():
            gone = not same_process(pid, ticks)
        else:
            gone = (now - (beat or started_at)).total_seconds() > stale_after_s
        if not gone:
            continue
        note = (
            f"died: process {pid} on {run_host} ended without finishing the run "
            f"(last sign of life {(beat or started_at):%Y-%m-%d %H:%M:%S})"
        )
        con.execute(
            "UPDATE runs SET status = 'died', finished_at = ?, note = ? WHERE run_id = ?",
            [now, note, run_id],
        )
        dead.append({"run_id": run_id, "kind": kind, "pid": pid, "host": run_host, "note": note})
    return dead


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    status: str,
    finished_at: datetime,
    note: str | None = None,
    exit_code: int | None = None,
) -> None:
    con.execute(
        "UPDATE runs SET status = ?, finished_at = ?, note = ?, heartbeat_at = ?, exit_code = ? "
        "WHERE run_id = ?",
        [status, finished_at, note, finished_at, exit_code, run_id],
    )


def record_source_run(con: duckdb.DuckDBPyConnection, report: SourceRunReport) -> None:
    con.execute(
        """
        INSERT INTO source_runs (run_id, source_id, status, reason, started_at, finished_at,
            duration_s, fetched, valid, quarantined, new, changed, unchanged, withdrawn,
            raw_path, stats, reinstated, deleted, pending, expected)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            report.run_id,
            report.source_id,
            report.status,
            report.reason,
            report.started_at,
            report.finished_at,
            report.duration_s,
            report.fetched,
            report.valid,
            report.quarantined,
            report.new,
            report.changed,
            report.unchanged,
            report.withdrawn,
            report.raw_path,
            orjson.dumps(report.stats, default=str).decode(),
            report.reinstated,
            report.deleted,
            report.pending,
            report.expected,
        ],
    )


def recent_fetched(con: duckdb.DuckDBPyConnection, source_id: str, limit: int = 5) -> list[int]:
    """Record counts of the source's last healthy runs, newest first (for drop alarms)."""
    rows = con.execute(
        "SELECT fetched FROM source_runs WHERE source_id = ? AND status = 'ok' "
        "ORDER BY started_at DESC LIMIT ?",
        [source_id, limit],
    ).fetchall()
    return [r[0] for r in rows]


def recent_pages(con: duckdb.DuckDBPyConnection, source_id: str, limit: int = 5) -> list[int]:
    """Pages read by the source's last healthy runs (for a page count that fell)."""
    rows = con.execute(
        "SELECT coalesce(TRY_CAST(json_extract(stats, '$.extract.pages_fetched') AS INTEGER), 0) "
        "FROM source_runs WHERE source_id = ? AND status = 'ok' ORDER BY started_at DESC LIMIT ?",
        [source_id, limit],
    ).fetchall()
    return [r[0] for r in rows if r[0]]


def last_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict[str, Any]]:
    cursor = con.execute(
        "SELECT run_id, kind, started_at, finished_at, status, sources, note FROM runs "
        "ORDER BY started_at DESC LIMIT ?",
        [limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def source_runs(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    cursor = con.execute(
        "SELECT * EXCLUDE (stats), stats::VARCHAR AS stats FROM source_runs WHERE run_id = ? "
        "ORDER BY source_id",
        [run_id],
    )
    names = [d[0] for d in cursor.description]
    rows = []
    for row in cursor.fetchall():
        item = dict(zip(names, row, strict=True))
        item["stats"] = orjson.loads(item["stats"]) if item["stats"] else {}
        rows.append(item)
    return rows
