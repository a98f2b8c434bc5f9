"""The ceiling: DuckDB's own ``read_csv`` of the same feed file into a table.

No parsing of German values, no validation, no history: just the bytes into a typed table of a
fresh database file, closed (checkpointed) like the warehouse after a merge. Runs in a process of
its own: ``python -m benchmarks.reference --csv F --work DIR --result R.json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.measure import measured, process_peak_mb


def read_csv_reference(csv_path: Path, work: Path, *, size: int) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    database = work / "reference.duckdb"
    database.unlink(missing_ok=True)
    with measured("duckdb read_csv", size) as stage:
        con = duckdb.connect(str(database))
        try:
            con.execute(
                "CREATE TABLE feed AS SELECT * FROM read_csv(?, delim = ';', header = true)",
                [str(csv_path)],
            )
            rows = con.execute("SELECT count(*) FROM feed").fetchone()[0]
        finally:
            con.close()
    stage.detail = {"rows": rows, "database_mb": round(database.stat().st_size / 1e6, 1)}
    database.unlink(missing_ok=True)
    return {"size": size, "stage": stage.as_dict(), "peak_rss_mb": process_peak_mb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="DuckDB read_csv of a feed file (the ceiling).")
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    result = read_csv_reference(args.csv, args.work, size=args.size)
    args.result.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
