"""The ledger as files, for readers that must not touch the warehouse while a run writes it.

After each writer session the ledger tables readers need (runs, source runs, the quarantine of
each source's last run, pending withdrawals) are copied to Parquet files in a new folder, and a
``current`` symlink is switched to it in one atomic rename. ``familienpunkt status`` and
``quarantine`` read these files with an in-memory DuckDB: they answer at once, also during a run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

import duckdb

from warehouse.db import sql

TABLES = ("runs", "source_runs", "quarantine_last", "pending_withdrawals")
KEEP = 3


def write_snapshot(con: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """Copy the ledger to ``folder/<new>/`` and point ``folder/current`` at it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"s-{uuid.uuid4().hex[:12]}"
    target.mkdir()
    queries = {
        "runs": "SELECT * FROM runs",
        "source_runs": "SELECT * REPLACE (stats::VARCHAR AS stats) FROM source_runs",
        "quarantine_last": sql("quarantine_last"),
        "pending_withdrawals": "SELECT * FROM pending_withdrawals",
    }
    for name in TABLES:
        path = str(target / f"{name}.parquet").replace("'", "''")
        con.execute(f"COPY ({queries[name]}) TO '{path}' (FORMAT parquet)")
    link = folder / "current"
    tmp_link = folder / f".current-{uuid.uuid4().hex[:8]}"
    os.symlink(target.name, tmp_link)
    os.replace(tmp_link, link)
    _prune(folder, keep=target.name)
    return target


def _prune(folder: Path, keep: str) -> None:
    """Drop older snapshot folders (a reader that still reads one has its files open)."""
    old = sorted(
        (p for p in folder.glob("s-*") if p.name != keep), key=lambda p: p.stat().st_mtime
    )
    for path in old[: max(0, len(old) - (KEEP - 1))]:
        with contextlib.suppress(OSError):
            shutil.rmtree(path)


def open_snapshot(folder: Path) -> duckdb.DuckDBPyConnection | None:
    """An in-memory DuckDB with the snapshot's tables as views, or None if there is none."""
    current = folder / "current"
    if not current.exists():
        return None
    base = current.resolve()
    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'Europe/Berlin'")
    for name in TABLES:
        path = str(base / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}')")
    return con
