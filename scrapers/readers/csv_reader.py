"""CSV and TSV files: one raw record per data row, every cell as the string found in the file.

Handles what German providers publish: Windows-1252 vs. ISO-8859-1 vs. UTF-8 (see
:mod:`scrapers.readers.encoding`), a byte-order mark, Excel's ``sep=;`` first line, ``;`` ``,``
tab ``^`` ``|`` delimiters, comment lines, title rows above the header, stacked header rows,
trailing delimiters and quoted cells with line breaks. The file is decoded and parsed as a
stream: memory grows with the file's bytes, not with the number of rows.

Options (``[sources.x.options]``), all optional:

``encoding``       codec name; overrides detection
``delimiter``      one character; overrides the ``sep=`` line and sniffing
``quotechar``      default ``"``
``comment``        unset: lines starting with ``#`` are skipped only before the header;
                   a prefix such as ``"#"`` or ``"//"``: such lines are skipped everywhere;
                   ``""``: no comment lines at all
``skip_rows``      rows to drop before the header (after the ``sep=`` line and comments;
                   blank rows are not counted)
``header_rows``    number of stacked header rows (default 1), joined per column
``header_joiner``  default ``" / "``
``pad_short_rows`` default false: a row with fewer cells than the header is a problem and
                   skipped; true: the missing trailing cells are read as empty

A row problem (wrong number of cells, no key value, broken quoting — a quote opened and never
closed makes one "row" of the following lines) is recorded in the
:class:`~scrapers.readers.problems.ProblemLog` with its line number and the row is skipped;
cells after the last named column are ignored when they are empty (a trailing delimiter).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field, field_validator

from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.readers.base import ReaderError
from scrapers.readers.encoding import bom_encoding, detect_encoding
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

DELIMITERS = ";,\t^|"
SNIFF_BYTES = 65536
SNIFF_ROWS = 50


class CsvOptions(ReaderOptions):
    encoding: str | None = None
    delimiter: str | None = Field(None, min_length=1, max_length=1)
    quotechar: str = Field('"', min_length=1, max_length=1)
    comment: str | None = None
    skip_rows: int = Field(0, ge=0)
    header_rows: int = Field(1, ge=1, le=20)
    header_joiner: str = " / "
    pad_short_rows: bool = False
    require: list[str] = Field(default_factory=list)
    max_cell_chars: int = Field(100_000, ge=1_000, le=10_000_000)
    """Longer cells are a row problem (our own limit: the csv module's is process-global)."""

    @field_validator("encoding")
    @classmethod
    def _known_codec(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(f"unknown encoding {value!r}") from None
        return value


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV file is written: what ``inspect`` shows and what the parser uses."""

    encoding: str
    delimiter: str
    sep_line: bool
    """The first line is Excel's ``sep=X`` hint (skipped)."""


def sniff(content: bytes, options: CsvOptions | None = None) -> CsvLayout:
    """Encoding, delimiter and ``sep=`` line of a CSV file."""
    options = options or CsvOptions()
    encoding = options.encoding or detect_encoding(content)
    if codecs.lookup(encoding).name == "utf-8" and bom_encoding(content) == "utf-8-sig":
        encoding = "utf-8-sig"
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    sample = decoder.decode(content[:SNIFF_BYTES], final=len(content) <= SNIFF_BYTES)
    lines = sample.splitlines(keepends=True)
    if len(content) > SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # cut off mid-line
    sep = _sep_line(lines[0]) if lines else None
    if sep is not None:
        lines = lines[1:]
    delimiter = options.delimiter or sep or _sniff_delimiter(lines, options)
    return CsvLayout(encoding=encoding, delimiter=delimiter, sep_line=sep is not None)


def _sep_line(line: str) -> str | None:
    text = line.strip("\r\n").strip('"')
    if len(text) == 5 and text.lower().startswith("sep="):
        return text[4]
    return None


def _sniff_delimiter(lines: list[str], options: CsvOptions) -> str:
    prefix = _comment_prefix(options)
    body = [line for line in lines if line.strip() and not (prefix and line.startswith(prefix))]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(body, delimiter=delimiter, quotechar=options.quotechar)
        try:
            counts = [len(row) for _, row in zip(range(SNIFF_ROWS), reader, strict=False)]
        except csv.Error:
            continue
        if not counts:
            continue
        modal = max(set(counts), key=lambda n: (counts.count(n), n))
        score = (round(counts.count(modal) / len(counts), 2), modal)
        if modal >= 2 and score > best_score:
            best, best_score = delimiter, score
    return best


def _comment_prefix(options: CsvOptions) -> str:
    return "#" if options.comment is None else options.comment


class _Lines:
    """Physical lines handed to ``csv.reader``, remembering where the current record began."""

    def __init__(self, text: io.TextIOBase, quotechar: str):
        self._text = text
        self._quotechar = quotechar
        self.number = 0
        self.start = 0
        self.first = ""
        self.quotes = 0
        self.bad: str | None = None
        self.last_line = ""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._text)
        self.number += 1
        if not self.start:
            self.start, self.first, self.quotes, self.bad = self.number, line, 0, None
        self.quotes += line.count(self._quotechar)
        if isinstance(line, _BadLine) and self.bad is None:
            self.bad = line.problem
        self.last_line = line
        return line

    def record_done(self) -> tuple[int, str]:
        done = (self.start, self.first)
        self.start, self.first = 0, ""
        return done

    def unbalanced(self, start: int) -> bool:
        """The record just read spans lines and has an odd number of quote characters: a
        quote was opened and never closed, and the cell swallowed the lines after it."""
        return self.number > start and self.quotes % 2 == 1


@register_parser("csv")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of a CSV file's bytes (pure: no fetching)."""
    options = parse_options(CsvOptions, source)
    problems = problems if problems is not None else ProblemLog()
    if source.key is None:
        raise ReaderError(f"source {source.id!r}: field 'key' is required for CSV sources")
    try:
        layout = sniff(content, options)
    except ReaderError as exc:
        raise ReaderError(f"source {source.id!r}: {exc}") from None
    lines = _Lines(_decoded_lines(content, layout.encoding), options.quotechar)
    # the csv module's own cell limit is process-global and other libraries change it: lift it
    # above the file's size, so that our limit (max_cell_chars) is the one that applies
    csv.field_size_limit(max(csv.field_size_limit(), len(content) + 1))
    rows = csv.reader(lines, delimiter=layout.delimiter, quotechar=options.quotechar)
    prefix = _comment_prefix(options)
    comments_anywhere = bool(options.comment)
    header: list[list[str]] = []
    to_skip = options.skip_rows
    names: list[str] = []
    keys = KeyTracker(source.id, problems)
    bad_rows = data_rows = 0
    last_kind: str | None = None
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            start, _ = lines.record_done()
            if len(header) < options.header_rows:
                raise ReaderError(f"source {source.id!r}, line {start}: not valid CSV: {exc}") \
                    from None
            problems.add(RowProblem(source.id, f"line {start}", None, f"not valid CSV: {exc}"))
            continue
        except UnicodeDecodeError as exc:
            raise ReaderError(
                f"source {source.id!r}, line {lines.number + 1}: cannot decode as "
                f"{layout.encoding!r} ({exc.reason}); check the option 'encoding'"
            ) from None
        start, first = lines.record_done()
        last_kind = None
        if lines.bad is not None:
            if len(header) < options.header_rows:
                raise ReaderError(f"source {source.id!r}, line {start}: cannot decode as "
                                  f"{layout.encoding!r}: {lines.bad.split(';')[0]}; check the "
                                  "option 'encoding'")
            bad_rows += 1
            problems.add(RowProblem(source.id, f"line {start}", None, lines.bad, kind="encoding"))
            continue
        if start == 1 and layout.sep_line:
            continue
        if any(len(cell) > options.max_cell_chars for cell in row):
            problems.add(RowProblem(source.id, f"line {start}", None, "not valid CSV: a cell is "
                                    f"longer than {options.max_cell_chars} characters"))
            continue
        in_preamble = len(header) < options.header_rows
        if prefix and (in_preamble or comments_anywhere) and first.startswith(prefix):
            continue
        if not any(cell.strip() for cell in row):
            continue
        if in_preamble:
            if to_skip:
                to_skip -= 1
                continue
            header.append(row)
            if len(header) == options.header_rows:
                stacked = stack_headers(header, options.header_joiner, fill_left=True)
                names = name_columns(stacked, source_id=source.id, where=f"header (line {start})",
                                     problems=problems)
                if not names:
                    raise ReaderError(f"source {source.id!r}, line {start}: header row is empty")
            continue
        where = f"line {start}"
        data_rows += 1
        if lines.unbalanced(start):
            last_kind = "quoting"
            problems.add(RowProblem(source.id, where, None,
                                    f"a quote opened here is not closed; lines {start}–"
                                    f"{lines.number} were read as one row", kind="quoting"))
            continue
        cells = _fit(row, len(names), options.pad_short_rows)
        if isinstance(cells, str):
            last_kind = "ragged" if len(row) < len(names) else "wide"
            problems.add(RowProblem(source.id, where, None, cells, kind="ragged"))
            continue
        fields = dict(zip(names, cells, strict=True))
        if missing_required(source, fields, options.require, where=where, problems=problems):
            continue
        record = make_record(source, fields, where=where, url=url,
                             fetched_at=fetched_at, problems=problems, keys=keys)
        if record is not None:
            yield record
    if len(header) < options.header_rows:
        raise ReaderError(f"source {source.id!r}: no header row found "
                          f"(skip_rows={options.skip_rows}, header_rows={options.header_rows})")
    if last_kind in ("ragged", "quoting"):
        what = "an open quote" if last_kind == "quoting" else "too few cells"
        if not lines.last_line.endswith(("\n", "\r")):
            what += ", no line break"
        raise ReaderError(
            f"source {source.id!r}, line {lines.number}: the file ends in the middle of a row "
            f"({what}): it looks cut off, and a cut-off file is never read as complete"
        )
    if bad_rows and bad_rows * 2 > data_rows + bad_rows:
        raise ReaderError(
            f"source {source.id!r}: {bad_rows} of {data_rows + bad_rows} rows cannot be decoded "
            f"as {layout.encoding!r}; check the option 'encoding'"
        )


_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class _BadLine(str):
    """A line that did not decode: its text with U+FFFD, and why (the row is not read)."""

    problem: str


def _decoded_lines(content: bytes, encoding: str) -> Iterator[str]:
    """The file's lines decoded one by one (line ends kept): a byte sequence that is invalid
    in the encoding spoils only its own line, which is reported, never read as mojibake."""
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        yield from io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
        return
    if encoding == "utf-8-sig":
        content, encoding = content.removeprefix(codecs.BOM_UTF8), "utf-8"
    for match in _LINE.finditer(content):  # lazily: rows are never all held at once
        raw = match.group()
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as exc:
            line = _BadLine(raw.decode(encoding, errors="replace"))
            line.problem = (f"invalid {encoding} byte {raw[exc.start:exc.start + 1]!r} at column "
                            f"{exc.start + 1} ({exc.reason}); the row is not read")
            yield line


def _fit(row: list[str], width: int, pad: bool) -> list[str] | str:
    """The row cut or padded to the header's width, or the reason it does not fit."""
    if len(row) > width:
        extra = row[width:]
        if any(cell.strip() for cell in extra):
            return (f"row has {len(row)} cells but the header names {width} columns "
                    f"(extra: {extra[:3]!r})")
        return row[:width]
    if len(row) < width:
        if pad:
            return row + [""] * (width - len(row))
        return f"row has {len(row)} cells but the header names {width} columns"
    return row


read = register_file_reader("csv", CsvOptions, parse)
