"""The per-source run table, as markdown (Prefect artifact, logs) and as a rich table (CLI).

Counts are exact and add up: every fetched record is valid or quarantined (or a duplicate of
one); every valid record is new, changed, reinstated or unchanged; withdrawn counts offers that
went because the source no longer lists them, deleted those the source deleted explicitly, held
those kept back because too many would have gone at once.
"""

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
    "reinstated",
    "unchanged",
    "withdrawn",
    "deleted",
    "held",
    "seconds",
    "reason",
)
COUNTS = ("fetched", "valid", "quarantined", "new", "changed", "reinstated", "unchanged",
          "withdrawn", "deleted", "pending")


def rows(reports: Sequence[SourceRunReport]) -> list[list[str]]:
    out = []
    for r in sorted(reports, key=lambda r: r.source_id):
        status = r.status + (" (expected)" if r.expected and r.status != "ok" else "")
        out.append(
            [
                r.source_id,
                status,
                *(str(getattr(r, name)) for name in COUNTS),
                f"{r.duration_s:.1f}",
                r.reason or "",
            ]
        )
    return out


def totals(reports: Sequence[SourceRunReport]) -> list[str]:
    def total(attr: str) -> str:
        return str(sum(getattr(r, attr) for r in reports))

    ok = sum(r.status == "ok" for r in reports)
    return ["**total**", f"{ok}/{len(reports)} ok", *(total(a) for a in COUNTS), "", ""]


def markdown(run_id: str, reports: Sequence[SourceRunReport]) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    body = [line(COLUMNS), line(["---"] * len(COLUMNS))]
    body += [line(r) for r in rows(reports)]
    body.append(line(totals(reports)))
    return f"## Import run `{run_id}`\n\n" + "\n".join(body) + "\n"
