"""Staging files: what one source's normalisation hands to the single warehouse writer.

Sources are fetched and normalised in parallel; each writes its own Parquet files here and one
writer merges them into DuckDB (one process may hold the warehouse file read-write).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

TS = pa.timestamp("us", tz="UTC")

TABLES: dict[str, pa.Schema] = {
    "offers": pa.schema(
        [
            ("offer_id", pa.string()),
            ("record_key", pa.string()),
            ("status", pa.string()),
            ("content_hash", pa.string()),
            ("raw_id", pa.string()),
            ("fetched_at", TS),
            ("location_id", pa.string()),
            ("record", pa.string()),
        ]
    ),
    "locations": pa.schema(
        [("location_id", pa.string()), ("content_hash", pa.string()), ("record", pa.string())]
    ),
    "quarantine": pa.schema(
        [
            ("offer_id", pa.string()),
            ("record_key", pa.string()),
            ("raw_id", pa.string()),
            ("field", pa.string()),
            ("reason", pa.string()),
            ("message", pa.string()),
        ]
    ),
    "raw": pa.schema(
        [
            ("raw_id", pa.string()),
            ("record_key", pa.string()),
            ("url", pa.string()),
            ("shape", pa.string()),
            ("fetched_at", TS),
            ("fields", pa.string()),
        ]
    ),
    "deleted": pa.schema([("offer_id", pa.string()), ("record_key", pa.string())]),
}

BATCH_ROWS = 50_000


@dataclass(frozen=True)
class StagedSource:
    """The staging folder of one source in one run."""

    folder: Path

    def path(self, table: str) -> Path:
        return self.folder / f"{table}.parquet"


class StagingWriter:
    """Column-wise buffers flushed to Parquet in large batches."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.staged = StagedSource(folder)
        self._buffers: dict[str, dict[str, list[Any]]] = {
            t: {f.name: [] for f in schema} for t, schema in TABLES.items()
        }
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)

    def add(self, table: str, **row: Any) -> None:
        buffer = self._buffers[table]
        for name, column in buffer.items():
            column.append(row.get(name))
        self.rows[table] += 1
        if len(next(iter(buffer.values()))) >= BATCH_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        buffer = self._buffers[table]
        batch = pa.table(buffer, schema=TABLES[table])
        if table not in self._writers:
            self._writers[table] = pq.ParquetWriter(self.staged.path(table), TABLES[table])
        self._writers[table].write_table(batch)
        for column in buffer.values():
            column.clear()

    def close(self) -> StagedSource:
        for table in TABLES:
            if any(self._buffers[table].values()) or table not in self._writers:
                self._flush(table)
            self._writers[table].close()
        return self.staged
