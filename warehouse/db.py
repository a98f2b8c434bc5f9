"""Opening the warehouse file, creating its schema, and running the SQL files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from core.clock import now_berlin

SQL_DIR = Path(__file__).parent / "sql"
SCHEMA_VERSION = 2
MIGRATIONS = {2: "migrate_2"}
"""Schema version -> SQL file that brings the version before it up to it."""
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@cache
def sql(name: str) -> str:
    """Text of ``warehouse/sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    """Split a SQL file into statements (``;`` at the end of a line ends a statement)."""
    parts = re.split(r";\s*\n", text)
    out = []
    for part in parts:
        lines = [ln for ln in part.splitlines() if ln.strip() and not ln.strip().startswith("--")]
        if lines:
            out.append("\n".join(lines).rstrip(";"))
    return out


def run_script(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> None:
    """Run every statement of a SQL file, each with the named parameters it uses."""
    params = params or {}
    for statement in statements(sql(name)):
        used = set(_PARAM.findall(statement))
        missing = used - set(params)
        if missing:
            raise KeyError(f"{name}.sql needs parameter(s) {sorted(missing)}")
        con.execute(statement, {k: params[k] for k in used} if used else None)


def connect(
    path: Path | str, *, read_only: bool = False, memory_limit: str | None = None
) -> duckdb.DuckDBPyConnection:
    """Open (and if needed create) the warehouse. One read-write process at a time.

    DuckDB would take 80 % of the machine's memory; it gets a budget instead (settings
    ``duckdb_memory_limit``) and spills large merges to a temp folder beside the file."""
    from core.settings import get_settings

    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        str(path),
        read_only=read_only,
        config={
            "memory_limit": memory_limit or get_settings().duckdb_memory_limit,
            "preserve_insertion_order": False,
            "temp_directory": str(path.parent / f".{path.name}.tmp"),
        },
    )
    con.execute("SET TimeZone = 'Europe/Berlin'")
    if not read_only:
        migrate(con)
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, then run every migration newer than the file's version."""
    run_script(con, "schema")
    current = con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    if current is not None and current > SCHEMA_VERSION:
        raise RuntimeError(
            f"warehouse schema version {current} is newer than this code ({SCHEMA_VERSION})"
        )
    for version in range(2, SCHEMA_VERSION + 1):
        if current is not None and current >= version:
            continue
        run_script(con, MIGRATIONS[version])
    if current != SCHEMA_VERSION:
        con.execute(
            "INSERT INTO schema_migrations VALUES (?, ?)", [SCHEMA_VERSION, now_berlin()]
        )


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")
