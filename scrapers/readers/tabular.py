"""Header handling shared by the CSV and XLSX readers: stacked header rows and column names."""

from __future__ import annotations

from collections.abc import Sequence

from scrapers.readers.problems import ProblemLog, RowProblem


def stack_headers(rows: Sequence[Sequence[str]], joiner: str, *, fill_left: bool) -> list[str]:
    """One name per column from one or more header rows.

    A single header row is returned as found. Several rows are read as groups over columns:
    each column's name joins its non-empty parts, top to bottom, with ``joiner`` (parts are
    stripped, and a part equal to the one above it is not repeated: that is a cell merged down).
    With ``fill_left`` an empty cell of a group row (every row but the last) takes the value on
    its left, as a merged cell would, as long as the rows above it belong to the same group and
    a row below names the column (an unnamed trailing column does not join the last group).
    """
    if len(rows) == 1:
        return list(rows[0])
    width = max((len(row) for row in rows), default=0)
    grid = [list(row) + [""] * (width - len(row)) for row in rows]
    if fill_left:
        for r, row in enumerate(grid[:-1]):
            for c in range(1, width):
                same_group = all(grid[above][c] == grid[above][c - 1] for above in range(r))
                named_below = any(grid[below][c].strip() for below in range(r + 1, len(grid)))
                if not row[c].strip() and same_group and named_below:
                    row[c] = row[c - 1]
    names = []
    for c in range(width):
        parts: list[str] = []
        for row in grid:
            part = row[c].strip()
            if part and (not parts or parts[-1] != part):
                parts.append(part)
        names.append(joiner.join(parts))
    return names


def name_columns(
    names: Sequence[str], *, source_id: str, where: str, problems: ProblemLog
) -> list[str]:
    """Column names ready to be dict keys.

    Empty names after the last named column are dropped (a trailing delimiter, unused
    spreadsheet columns): the result is only as long as the named part. An empty name inside
    becomes ``_column_<n>`` (1-based) and a repeated name gets `` (2)``, `` (3)`` … appended;
    both are reported, since the provider's names could not be kept as they are.
    """
    width = max((i + 1 for i, name in enumerate(names) if name.strip()), default=0)
    result: list[str] = []
    seen: set[str] = set()
    for index, name in enumerate(names[:width]):
        final = name
        if not name.strip():
            final = f"_column_{index + 1}"
            problems.add(RowProblem(source_id, where, final,
                                    f"column {index + 1} has no name", kind="header",
                                    skipped=False))
        if final in seen:
            n = 2
            while f"{final} ({n})" in seen:
                n += 1
            problems.add(RowProblem(source_id, where, final,
                                    f"column {index + 1} repeats the name {final!r}; "
                                    f"named {final + f' ({n})'!r}", kind="header",
                                    skipped=False))
            final = f"{final} ({n})"
        seen.add(final)
        result.append(final)
    return result
