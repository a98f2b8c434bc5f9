"""The run ledger: every run and every source run, with status, counts, timings and reason."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import orjson


class SourceStatus:
    OK = "ok"
    SUSPICIOUS = "suspicious"  # completed, but too few records: nothing is withdrawn
    FAILED = "failed"  # extraction or import failed: nothing is withdrawn


def new_run_id(now: datetime | None = None) -> str:
    """Sortable, unique run id: UTC timestamp plus a random suffix."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
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
        "INSERT INTO runs (run_id, kind, started_at, status, registry, sources) "
        "VALUES (?, ?, ?, 'running', ?, ?)",
        [run_id, kind, started_at, registry, sources],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    status: str,
    finished_at: datetime,
    note: str | None = None,
) -> None:
    con.execute(
        "UPDATE runs SET status = ?, finished_at = ?, note = ? WHERE run_id = ?",
        [status, finished_at, note, run_id],
    )


def record_source_run(con: duckdb.DuckDBPyConnection, report: SourceRunReport) -> None:
    con.execute(
        """
        INSERT INTO source_runs (run_id, source_id, status, reason, started_at, finished_at,
            duration_s, fetched, valid, quarantined, new, changed, unchanged, withdrawn,
            raw_path, stats)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
