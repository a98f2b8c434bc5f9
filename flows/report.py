"""The per-source run table, as markdown (Prefect artifact, logs) and as a rich table (CLI)."""

from __future__ import annotations

from collections.abc import Sequence

from warehouse.ledger import SourceRunReport

COLUMNS = (
    "source",
    "status",
    "fetched",
    "valid",
    "quarantined",
    "new",
    "changed",
    "unchanged",
    "withdrawn",
    "seconds",
    "reason",
)


def rows(reports: Sequence[SourceRunReport]) -> list[list[str]]:
    out = []
    for r in sorted(reports, key=lambda r: r.source_id):
        out.append(
            [
                r.source_id,
                r.status,
                str(r.fetched),
                str(r.valid),
                str(r.quarantined),
                str(r.new),
                str(r.changed),
                str(r.unchanged),
                str(r.withdrawn),
                f"{r.duration_s:.1f}",
                r.reason or "",
            ]
        )
    return out


def totals(reports: Sequence[SourceRunReport]) -> list[str]:
    def total(attr: str) -> str:
        return str(sum(getattr(r, attr) for r in reports))

    ok = sum(r.status == "ok" for r in reports)
    return ["**total**", f"{ok}/{len(reports)} ok", *(total(a) for a in COLUMNS[2:9]), "", ""]


def markdown(run_id: str, reports: Sequence[SourceRunReport]) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    body = [line(COLUMNS), line(["---"] * len(COLUMNS))]
    body += [line(r) for r in rows(reports)]
    body.append(line(totals(reports)))
    return f"## Import run `{run_id}`\n\n" + "\n".join(body) + "\n"
