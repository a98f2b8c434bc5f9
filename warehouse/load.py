"""Merging one source's staged import into the warehouse, in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import datetime

import duckdb

from core.checkpoints import checkpoint
from schemas.organization import Organization
from warehouse.db import run_script, sql, transaction
from warehouse.staging import TABLES, StagedSource


@dataclass(frozen=True)
class MergeCounts:
    new: int = 0
    changed: int = 0
    reinstated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    deleted: int = 0
    pending: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def merge_source(
    con: duckdb.DuckDBPyConnection,
    staged: StagedSource,
    *,
    run_id: str,
    source_id: str,
    now: datetime,
    healthy: bool,
    max_share: float = 1.0,
    after_merge=None,
) -> MergeCounts:
    """Merge staged offers, locations, raw records and quarantine of one source.

    ``healthy`` is False for a failed or suspicious run: then nothing is withdrawn except what
    the source itself deleted explicitly. A healthy run that would withdraw more than
    ``max_share`` of the source's offers holds them as pending withdrawals instead.
    ``after_merge(con)`` runs inside the same transaction (the ledger entry goes there, so
    counts and data commit together).
    """
    with transaction(con):
        for table in TABLES:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE stage_{table} AS SELECT * FROM read_parquet(?)",
                [str(staged.path(table))],
            )
        run_script(
            con,
            "merge_source",
            {
                "run_id": run_id,
                "source_id": source_id,
                "now": now,
                "healthy": healthy,
                "max_share": max_share,
            },
        )
        checkpoint("merging")
        row = con.execute(sql("counts"), {"source_id": source_id}).fetchone()
        counts = MergeCounts(*row)
        if after_merge is not None:
            after_merge(con, counts)
        for table in (*TABLES, "class", "gone", "location_class", "missing", "hold", "held"):
            con.execute(f"DROP TABLE IF EXISTS stage_{table}")
    return counts


def upsert_organizations(
    con: duckdb.DuckDBPyConnection, organizations: list[Organization], now: datetime
) -> None:
    """Store the registry's providers as organisations (replacing their earlier rows)."""
    with transaction(con):
        for organization in organizations:
            record = organization.model_dump_json(exclude_none=True)
            con.execute("DELETE FROM organizations WHERE organization_id = ?", [organization.id])
            con.execute(
                "INSERT INTO organizations VALUES (?, ?, ?, ?, ?)",
                [
                    organization.id,
                    organization.provider_key,
                    hashlib.sha256(record.encode()).hexdigest(),
                    now,
                    record,
                ],
            )
