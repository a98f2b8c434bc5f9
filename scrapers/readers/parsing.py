"""Pieces every file-format reader shares: option models and the registry of pure parsers.

Each reader module splits its work in two: ``read(source, fetcher)`` fetches, and a pure
``parse(content, source, url=…, fetched_at=…, problems=…)`` turns bytes into raw records. The
parsers are registered here by adapter kind so that ``inspect FILE`` and tests can run them on
saved files without any network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers.base import ReaderError, record_key
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem


class ReaderOptions(BaseModel):
    """Base of each reader's ``options`` model: unknown options are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


OptionsT = TypeVar("OptionsT", bound=ReaderOptions)


def parse_options(model: type[OptionsT], source: Source) -> OptionsT:
    """The source's ``options`` validated by ``model``; a ReaderError names source and option."""
    try:
        return model.model_validate(source.options)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"] if not _is_union_tag(p))
            message = err["msg"].removeprefix("Value error, ")
            lines.append(f"source {source.id!r}: option {loc or '(options)'!r}: {message}")
        raise ReaderError("\n".join(lines)) from None


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and (part.startswith(("function-", "tagged-union")) or "[" in part)


class Parser(Protocol):
    def __call__(
        self,
        content: bytes,
        source: Source,
        *,
        url: str | None,
        fetched_at: datetime,
        problems: ProblemLog | None = None,
    ) -> Iterator[RawRecord]: ...


PARSERS: dict[str, Parser] = {}


def register_parser(kind: str) -> Callable[[Parser], Parser]:
    def add(parser: Parser) -> Parser:
        PARSERS[kind] = parser
        return parser

    return add


def get_parser(kind: str) -> Parser:
    """The pure bytes-to-records parser of a feed kind (for ``inspect FILE`` and tests)."""
    import scrapers.readers.all  # noqa: F401  (registers every reader and parser)

    try:
        return PARSERS[kind]
    except KeyError:
        raise ReaderError(f"no file parser for adapter {kind!r}") from None


def make_record(
    source: Source,
    fields: dict[str, Any],
    *,
    where: str,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog,
    keys: KeyTracker | None = None,
    fallback_key: str | None = None,
    shape: RawShape = RawShape.FLAT,
) -> RawRecord | None:
    """A raw record with the provider's key, or None after recording why there is none.

    The key comes from the source's ``key`` field(s), else from ``fallback_key``; a record
    without either is a ``no_key`` problem and is skipped. ``keys`` reports repeated keys.
    """
    if source.key is None and fallback_key in (None, ""):
        problems.add(
            RowProblem(
                source.id,
                where,
                None,
                "record has no key (no 'key' configured and no identifier in the record)",
                kind="no_key",
            )
        )
        return None
    try:
        key = record_key(source, fields, fallback=fallback_key)
    except ReaderError as exc:
        field = source.key if isinstance(source.key, str) else None
        problems.add(RowProblem(source.id, where, field, _without_source(str(exc)), kind="no_key"))
        return None
    try:
        record = RawRecord(
            source_id=source.id,
            record_key=key,
            url=url,
            fetched_at=fetched_at,
            shape=shape,
            fields=fields,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        problems.add(RowProblem(source.id, where, field, err["msg"]))
        return None
    if keys is not None:
        keys.see(record.record_key, where)
    return record


def _without_source(message: str) -> str:
    return message.split(": ", 1)[1] if message.startswith("source ") else message


def missing_required(
    source: Source, fields: dict[str, Any], require: list[str], *, where: str, problems: ProblemLog
) -> bool:
    """True (and a ``skipped_row`` problem) when a row leaves a required column empty.

    Spreadsheets carry section titles, notes and subtotals between their records; a source
    names the columns every real record fills (``require = ["Angebot"]``) to pass over them.
    """
    for name in require:
        if str(fields.get(name) or "").strip() == "":
            problems.add(
                RowProblem(
                    source.id,
                    where,
                    name,
                    "row passed over: required column is empty (a section, note or subtotal row)",
                    kind="skipped_row",
                )
            )
            return True
    return False


def register_file_reader(kind: str, options: type[ReaderOptions], parse: Parser):
    """Register the reader of a feed that is one file: fetch it, then ``parse`` its bytes."""
    from scrapers.readers.base import register

    def read(source: Source, fetcher, problems: ProblemLog | None = None) -> Iterator[RawRecord]:
        parse_options(options, source)  # bad options fail before anything is fetched
        document = fetcher.get(source.url)
        yield from parse(
            document.content,
            source,
            url=document.url,
            fetched_at=document.fetched_at,
            problems=problems,
        )

    read.__name__ = read.__qualname__ = f"read_{kind}"
    read.__doc__ = f"Fetch the source's {kind} file and read its records."
    register(kind, options=options)(read)
    return read


def item_records(
    items: Iterable[tuple[str | None, dict[str, Any], str]],
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog,
    shape: RawShape,
) -> Iterator[RawRecord]:
    """Raw records of (fallback key, fields, position) items a format module found."""
    keys = KeyTracker(source.id, problems)
    for key, fields, where in items:
        record = make_record(
            source,
            fields,
            where=where,
            url=url,
            fetched_at=fetched_at,
            problems=problems,
            keys=keys,
            fallback_key=key,
            shape=shape,
        )
        if record is not None:
            yield record
