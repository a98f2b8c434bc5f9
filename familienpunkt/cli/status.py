"""``status``, ``quarantine`` and ``withdrawals``: what the runs did, read from the ledger
snapshot (never from the warehouse file, so they answer at once, also during a run)."""

from __future__ import annotations

import socket
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from familienpunkt.cli.common import EXIT_BUSY, RegistryOption, console, fail, load_registry

withdrawals_app = typer.Typer(help="Withdrawals held back for a steward.", no_args_is_help=True)


def _snapshot():
    from core.settings import get_settings
    from warehouse.access import snapshot_dir
    from warehouse.snapshot import open_snapshot

    db = get_settings().warehouse_path
    con = open_snapshot(snapshot_dir(db))
    if con is None:
        fail(f"no runs recorded for {db} yet: run 'familienpunkt run' first")
    return con


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    seconds = (now - moment).total_seconds()
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.0f} h ago"
    return f"{seconds / 86400:.0f} days ago"


def _run_state(status: str, pid: int | None, host: str | None, ticks: int | None) -> str:
    """'running' as the ledger says, unless its process is visibly gone (reaped next start)."""
    from core.processes import same_process

    if status == "running" and host == socket.gethostname() and pid \
            and not same_process(pid, ticks):
        return "died (not yet tidied)"
    return status


def status(
    runs: Annotated[int, typer.Option(help="How many runs to list")] = 5,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Statistics of this source's last run")
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """The last runs and every source's health: latest run, last success, failing since."""
    from core.clock import now_berlin
    from warehouse.db import sql

    con = _snapshot()
    try:
        if source:
            _print_source_stats(con, source)
            return
        now = now_berlin()
        table = Table(title="runs")
        for column in ("run", "kind", "started", "status", "sources", "note"):
            table.add_column(column, overflow="fold")
        for run_id, kind, started, state, count, note, pid, host, ticks in con.execute(
            "SELECT run_id, kind, started_at, status, sources, note, pid, host, pid_start "
            "FROM runs ORDER BY started_at DESC LIMIT ?", [runs]
        ).fetchall():
            table.add_row(run_id, kind, f"{started:%Y-%m-%d %H:%M:%S}",
                          _run_state(state, pid, host, ticks), str(count or ""), note or "")
        console.print(table)
        health = {row[0]: row for row in con.execute(sql("source_health")).fetchall()}
        known = list(load_registry(registry).sources)
        detail = Table(title="sources")
        for column in ("source", "latest", "when", "last success", "failing since", "held",
                       "reason"):
            detail.add_column(column, overflow="fold")
        colour = {"ok": "green", "suspicious": "yellow", "failed": "red"}
        for source_id in sorted(set(known) | set(health)):
            row = health.get(source_id)
            if row is None:
                detail.add_row(source_id, "[dim]never run[/]", "", "", "", "", "")
                continue
            _, _, state, reason, started, expected, last_ok, failing, held = row
            label = f"[{colour.get(state, 'white')}]{state}[/]"
            label += " (expected)" if expected else ""
            detail.add_row(
                source_id, label, _ago(started, now), _ago(last_ok, now),
                f"{failing:%Y-%m-%d %H:%M}" if failing else "", str(held or ""), reason or "",
            )
        console.print(detail)
    finally:
        con.close()


def _print_source_stats(con, source_id: str) -> None:
    """HTTP, paging, field coverage and quality figures of a source's last run."""
    import orjson

    row = con.execute(
        "SELECT run_id, status, reason, fetched, valid, quarantined, duration_s, stats "
        "FROM source_runs WHERE source_id = ? ORDER BY started_at DESC LIMIT 1",
        [source_id],
    ).fetchone()
    if row is None:
        fail(f"source {source_id!r} has no run yet")
    run_id, state, reason, fetched, valid, quarantined, seconds, raw = row
    stats = orjson.loads(raw) if raw else {}
    extract, normalise = stats.get("extract", {}), stats.get("normalise", {})
    console.print(f"[bold]{source_id}[/] in run {run_id}: {state} {reason or ''}")
    console.print(
        f"fetched {fetched}, valid {valid}, quarantined {quarantined} in {seconds:.1f} s; "
        f"pages {extract.get('pages_fetched', 0)}, HTTP {extract.get('http_status_counts', {})}, "
        f"records per page {extract.get('records_per_page', 0)}, "
        f"robots.txt forbidden {extract.get('robots_forbidden', 0)}"
        + (f", pages lost {extract['pages_lost']}" if extract.get("pages_lost") else "")
    )
    coverage = Table(title="fields (per record)")
    names = ("present", "missing", "unparsed", "invalid", "read_in_sentence")
    for column in ("slot", *names):
        justify = "left" if column == "slot" else "right"
        coverage.add_column(column.replace("_", " "), justify=justify)
    for slot, counts in sorted(normalise.get("fields", {}).items()):
        coverage.add_row(slot, *(str(counts.get(k, 0)) for k in names))
    console.print(coverage)
    for title, key in (("quality flags", "flags"), ("unmapped categories", "unmapped_categories"),
                       ("read in the description (field empty)", "from_text")):
        if normalise.get(key):
            console.print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in normalise[key].items()))


def quarantine(
    source: Annotated[str | None, typer.Argument(help="Only this source")] = None,
    limit: Annotated[int, typer.Option(help="At most this many records")] = 50,
) -> None:
    """Records of the last runs that failed validation, with source, record, field and reason."""
    con = _snapshot()
    try:
        rows = con.execute(
            "SELECT source_id, record_key, field, message FROM quarantine_last "
            "WHERE ? IS NULL OR source_id = ? ORDER BY source_id, record_key LIMIT ?",
            [source, source, limit],
        ).fetchall()
    finally:
        con.close()
    table = Table(title="quarantine (last run of each source)")
    for column in ("source", "record", "field", "message"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table if rows else "nothing in quarantine")


@withdrawals_app.command("list")
def withdrawals_list() -> None:
    """Offers held back from withdrawal, by source."""
    con = _snapshot()
    try:
        rows = con.execute(
            "SELECT source_id, count(*), min(detected_at), any_value(run_id) "
            "FROM pending_withdrawals WHERE resolved_at IS NULL GROUP BY source_id ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    if not rows:
        console.print("no withdrawals held")
        return
    table = Table(title="withdrawals held")
    for column in ("source", "offers", "since", "run"):
        table.add_column(column)
    for source_id, n, since, run_id in rows:
        table.add_row(source_id, str(n), f"{since:%Y-%m-%d %H:%M}", run_id)
    console.print(table)


def _resolve(source_id: str, resolution: str) -> int:
    from core.clock import now_berlin
    from core.settings import get_settings
    from warehouse.access import WarehouseBusy, writing
    from warehouse.withdrawals import approve, dismiss

    action = approve if resolution == "approved" else dismiss
    try:
        with writing(get_settings().warehouse_path, f"{resolution} withdrawals of {source_id}") \
                as con:
            return action(con, source_id, now=now_berlin())
    except WarehouseBusy as exc:
        fail(str(exc), EXIT_BUSY)


@withdrawals_app.command("approve")
def withdrawals_approve(source: Annotated[str, typer.Argument(help="Source id")]) -> None:
    """Withdraw the held offers of a source now (the provider really removed them)."""
    n = _resolve(source, "approved")
    console.print(f"{n} offer(s) of {source} withdrawn; the next release leaves them out")


@withdrawals_app.command("dismiss")
def withdrawals_dismiss(source: Annotated[str, typer.Argument(help="Source id")]) -> None:
    """Keep the held offers of a source (the run was damaged); they stay published."""
    n = _resolve(source, "dismissed")
    console.print(f"{n} held withdrawal(s) of {source} dismissed; the offers stay published")
