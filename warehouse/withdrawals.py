"""A steward's decision on withdrawals a run held back (see ``merge_source.sql``)."""

from __future__ import annotations

from datetime import datetime

import duckdb

from warehouse.db import transaction


def approve(con: duckdb.DuckDBPyConnection, source_id: str, *, now: datetime) -> int:
    """Withdraw every held offer of the source; returns how many."""
    with transaction(con):
        held = [r[0] for r in con.execute(
            "SELECT offer_id FROM pending_withdrawals WHERE source_id = ? AND resolved_at IS NULL "
            "AND offer_id IN (SELECT offer_id FROM offers WHERE status <> 'withdrawn')",
            [source_id],
        ).fetchall()]
        for offer_id in held:
            con.execute(
                "INSERT INTO offer_versions SELECT offer_id, version + 1, 'withdrawn', "
                "'steward', ?, content_hash, NULL, NULL FROM offers WHERE offer_id = ?",
                [now, offer_id],
            )
            con.execute(
                "UPDATE offers SET status = 'withdrawn', withdrawn_at = ?, version = version + 1, "
                "last_changed = ? WHERE offer_id = ?", [now, now, offer_id],
            )
        con.execute(
            "UPDATE pending_withdrawals SET resolved_at = ?, resolution = 'approved' "
            "WHERE source_id = ? AND resolved_at IS NULL", [now, source_id],
        )
    return len(held)


def dismiss(con: duckdb.DuckDBPyConnection, source_id: str, *, now: datetime) -> int:
    """Keep the held offers published; returns how many were held."""
    with transaction(con):
        n = con.execute(
            "SELECT count(*) FROM pending_withdrawals WHERE source_id = ? AND resolved_at IS NULL",
            [source_id],
        ).fetchone()[0]
        con.execute(
            "UPDATE pending_withdrawals SET resolved_at = ?, resolution = 'dismissed' "
            "WHERE source_id = ? AND resolved_at IS NULL", [now, source_id],
        )
    return n
