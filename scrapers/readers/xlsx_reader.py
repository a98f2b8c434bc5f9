"""Excel workbooks (XLSX): one raw record per data row of one sheet, every cell as text.

The sheet is streamed with openpyxl's read-only mode. Cell values become strings the way a
careful person would copy them out of Excel, without interpreting them further:

- text as stored (no stripping; placeholders such as ``"."`` or ``"-"`` stay);
- numbers as their shortest exact decimal text. Excel stores binary doubles, so a cell showing
  9,7 holds ``9.6999999999999993``; Python's ``repr`` of that double is the shortest text that
  reads back to the same double (``9.7``), and going through ``Decimal`` writes it without an
  exponent or a trailing ``.0`` (``1675``, ``0.00001``, ``12000000000000000``). Integers in a
  pure zero format such as ``00000`` keep their leading zeros (postcodes: ``04315``); other
  display formats (percent, thousands separators, currency) are ignored: the value is what
  the cell holds, not how it is shown;
- dates as ISO ``2014-12-31``, date-times as ``2014-12-31T10:30:00`` (a date cell whose
  format has no time of day is a date), times as ``10:30:00``, durations as ``26:15:00``;
- booleans ``TRUE``/``FALSE``; error values as their code (``#N/A``); formulas as the value
  Excel last computed and stored (empty when the file holds none, e.g. written by a script);
- an empty cell is ``""``.

Options: ``sheet`` (name, or position counted from 1; default the first sheet),
``header_row`` (1-based; default: the first of the first 50 rows that looks like a header —
at least two cells, all text, covering at least half the width of the widest row),
``header_rows`` (stacked header rows, default 1; merged header cells are filled across their
whole range first, then each column's parts are joined), ``header_joiner`` (default ``" / "``).

Empty rows are skipped; columns after the last named header column are dropped. A value in a
column without a header is reported (the row is still yielded, since a spreadsheet cannot be
misaligned the way a CSV row can).
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from pydantic import Field

from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.readers.base import ReaderError
from scrapers.readers.parsing import (
    ReaderOptions,
    make_record,
    missing_required,
    parse_options,
    register_file_reader,
    register_parser,
)
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem
from scrapers.readers.tabular import name_columns, stack_headers

HEADER_SEARCH_ROWS = 50
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MERGE = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref=["']([A-Z0-9:$]+)["']""")
_ZERO_FORMAT = re.compile(r"^0+$")
_TIME_CODE = re.compile(r"[hHsS]|AM/PM")
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')

Box = tuple[int, int, int, int]
"""A merged range as (min_col, min_row, max_col, max_row), 1-based and inclusive."""


class XlsxOptions(ReaderOptions):
    sheet: str | int | None = None
    header_row: int | None = Field(None, ge=1)
    header_rows: int = Field(1, ge=1, le=20)
    header_joiner: str = " / "
    require: list[str] = Field(default_factory=list)


@register_parser("xlsx")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of an XLSX workbook's bytes (pure: no fetching)."""
    options = parse_options(XlsxOptions, source)
    problems = problems if problems is not None else ProblemLog()
    if source.key is None:
        raise ReaderError(f"source {source.id!r}: field 'key' is required for XLSX sources")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReaderError(f"source {source.id!r}: not a readable XLSX workbook: {exc}") from None
    try:
        index = _sheet_index(workbook.sheetnames, options.sheet, source.id)
        sheet = workbook.worksheets[index]
        sheet.reset_dimensions()  # the stored size is often wrong; read what is there
        merges = _merged_ranges(content, index)
        yield from _records(sheet.iter_rows(), merges, options, source, url, fetched_at,
                            problems)
    finally:
        workbook.close()


def _sheet_index(names: list[str], wanted: str | int | None, source_id: str) -> int:
    if wanted is None:
        return 0
    if isinstance(wanted, int):
        if 1 <= wanted <= len(names):
            return wanted - 1
        raise ReaderError(f"source {source_id!r}: option 'sheet': no sheet number {wanted}; "
                          f"the workbook has {len(names)}")
    if wanted in names:
        return names.index(wanted)
    raise ReaderError(f"source {source_id!r}: option 'sheet': no sheet named {wanted!r}; "
                      f"sheets: {', '.join(map(repr, names))}")


Row = tuple[int, tuple[Any, ...], tuple[str, ...]]
"""A sheet row: its 1-based number, the cell values as stored and as text."""


def _records(
    rows: Iterator[Sequence[Any]],
    merges: list[Box],
    options: XlsxOptions,
    source: Source,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog,
) -> Iterator[RawRecord]:
    numbered: Iterator[Row] = (
        (number, tuple(getattr(c, "value", c) for c in row), tuple(cell_text(c) for c in row))
        for number, row in enumerate(rows, start=1)
    )
    head: list[Row] = []
    window = options.header_row or HEADER_SEARCH_ROWS
    for row in numbered:
        head.append(row)
        if len(head) >= window:
            break
    first = options.header_row or _find_header(head, merges)
    if first is None:
        raise ReaderError(f"source {source.id!r}: no header row found in the first "
                          f"{HEADER_SEARCH_ROWS} rows (set the option 'header_row')")
    last = first + options.header_rows - 1
    while len(head) < last and (row := next(numbered, None)) is not None:
        head.append(row)
    if len(head) < last:
        raise ReaderError(f"source {source.id!r}: the sheet ends before header row {last}")
    header = [list(texts) for number, _, texts in head if first <= number <= last]
    _fill_merged(header, first, merges, {number: texts for number, _, texts in head})
    names = name_columns(stack_headers(header, options.header_joiner, fill_left=False),
                         source_id=source.id, where=f"header (row {first})", problems=problems)
    if not names:
        raise ReaderError(f"source {source.id!r}, row {first}: header row is empty")
    keys = KeyTracker(source.id, problems)
    for number, _, cells in itertools.chain((r for r in head if r[0] > last), numbered):
        if not any(cells):
            continue
        where = f"row {number}"
        for column in range(len(names), len(cells)):
            if cells[column]:
                problems.add(RowProblem(
                    source.id, where, None,
                    f"value {cells[column][:40]!r} in column {get_column_letter(column + 1)}, "
                    f"which has no header", kind="ragged", skipped=False))
        fields = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names)}
        if missing_required(source, fields, options.require, where=where, problems=problems):
            continue
        record = make_record(source, fields, where=where, url=url, fetched_at=fetched_at,
                             problems=problems, keys=keys)
        if record is not None:
            yield record


def _find_header(head: list[Row], merges: list[Box]) -> int | None:
    """The first row that looks like a header (see the module text)."""
    covered = {number: _covered(number, texts, merges) for number, _, texts in head}
    widest = max(covered.values(), default=0)
    for number, values, _ in head:
        filled = [v for v in values if v not in (None, "")]
        if (
            len(filled) >= 2
            and all(isinstance(v, str) for v in filled)
            and covered[number] >= max(2, widest / 2)
        ):
            return number
    return None


def _covered(number: int, texts: tuple[str, ...], merges: list[Box]) -> int:
    columns = {i + 1 for i, text in enumerate(texts) if text}
    for min_col, min_row, max_col, max_row in merges:
        if min_row <= number <= max_row:
            columns.update(range(min_col, max_col + 1))
    return len(columns)


def _fill_merged(header: list[list[str]], first: int, merges: list[Box],
                 above: dict[int, tuple[str, ...]]) -> None:
    """Copy each merged range's value into every header cell the range covers.

    The value is the range's top-left cell, which may lie above the header block (a group
    title merged down into the header row); ``above`` holds the rows read so far.
    """
    last = first + len(header) - 1
    for min_col, min_row, max_col, max_row in merges:
        if max_row < first or min_row > last:
            continue
        top = above.get(min_row, ())
        value = top[min_col - 1] if min_col - 1 < len(top) else ""
        for r in range(max(min_row, first), min(max_row, last) + 1):
            row = header[r - first]
            if len(row) < max_col:
                row.extend([""] * (max_col - len(row)))
            for c in range(min_col, max_col + 1):
                row[c - 1] = value


def cell_text(cell: Any) -> str:
    """A cell's value as text (see the module text for the rules)."""
    value = getattr(cell, "value", cell)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    number_format = getattr(cell, "number_format", "General") or "General"
    if isinstance(value, int):
        if value >= 0 and _ZERO_FORMAT.match(number_format):
            return str(value).zfill(len(number_format))
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime):
        if value.time() == time(0) and not _has_time_code(number_format):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _duration(value)
    return str(value)


def number_text(value: float) -> str:
    """Shortest exact decimal text of a double, without exponent or trailing zeros."""
    if value != value or value in (float("inf"), float("-inf")):
        return repr(value)
    text = format(Decimal(repr(value)).normalize(), "f")
    return "0" if text == "-0" else text


def _has_time_code(number_format: str) -> bool:
    return bool(_TIME_CODE.search(_FORMAT_LITERALS.sub("", number_format)))


def _duration(value: timedelta) -> str:
    seconds = value.total_seconds()
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# -- merged cells: read-only worksheets do not report them, so read them from the sheet's XML


def _merged_ranges(content: bytes, sheet_index: int) -> list[Box]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            path = _sheet_path(archive, sheet_index)
            if path is None:
                return []
            return [range_boundaries(ref) for ref in _merge_refs(archive, path) if ":" in ref]
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return []


def _sheet_path(archive: zipfile.ZipFile, index: int) -> str | None:
    workbook = _target(archive, "_rels/.rels", "", kind="/officeDocument") or "xl/workbook.xml"
    root = ElementTree.fromstring(archive.read(workbook))
    sheets = [el for el in root.iter() if el.tag.endswith("}sheet")]
    if index >= len(sheets):
        return None
    rel_id = sheets[index].get(f"{{{_REL_NS}}}id")
    folder = workbook.rsplit("/", 1)[0] if "/" in workbook else ""
    rels = f"{folder}/_rels/{workbook.rsplit('/', 1)[-1]}.rels" if folder else \
        f"_rels/{workbook}.rels"
    return _target(archive, rels, folder, rel_id=rel_id)


def _target(
    archive: zipfile.ZipFile, rels: str, folder: str, *, kind: str = "", rel_id: str | None = None
) -> str | None:
    root = ElementTree.fromstring(archive.read(rels))
    for rel in root.iter(f"{{{_PKG_REL_NS}}}Relationship"):
        if (rel_id is not None and rel.get("Id") == rel_id) or (
            rel_id is None and kind and (rel.get("Type") or "").endswith(kind)
        ):
            target = rel.get("Target") or ""
            if target.startswith("/"):
                return target.lstrip("/")
            return f"{folder}/{target}" if folder else target
    return None


def _merge_refs(archive: zipfile.ZipFile, path: str) -> list[str]:
    """``ref`` of every ``<mergeCell>``, scanning the sheet XML as a stream of bytes.

    A literal ``<`` cannot occur in XML text, so the pattern only matches markup. The merge
    list comes after all rows; the scan keeps a short overlap between chunks.
    """
    refs: list[str] = []
    tail = b""
    with archive.open(path) as stream:
        while chunk := stream.read(1 << 20):
            buffer = tail + chunk
            end = 0
            for match in _MERGE.finditer(buffer):
                refs.append(match.group(1).decode().replace("$", ""))
                end = match.end()
            tail = buffer[max(end, len(buffer) - 512):]
    return refs


read = register_file_reader("xlsx", XlsxOptions, parse)
