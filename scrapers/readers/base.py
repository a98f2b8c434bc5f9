"""The reader registry and helpers shared by all feed readers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.fetch import Fetcher

Reader = Callable[[Source, Fetcher], Iterator[RawRecord]]

READERS: dict[str, Reader] = {}
OPTIONS: dict[str, type] = {}
"""Each reader's options model, so a registry check can validate options without reading."""


class ReaderError(ValueError):
    """A feed cannot be read; the message names the source and, where known, record and field."""


def register(kind: str, options: type | None = None) -> Callable[[Reader], Reader]:
    def add(reader: Reader) -> Reader:
        READERS[kind] = reader
        if options is not None:
            OPTIONS[kind] = options
        return reader

    return add


def get_reader(kind: str) -> Reader:
    import scrapers.readers.all  # noqa: F401  (registers every reader)

    try:
        return READERS[kind]
    except KeyError:
        raise ReaderError(f"no feed reader for adapter {kind!r}") from None


def record_key(source: Source, fields: dict[str, Any], *, fallback: str | None = None) -> str:
    """The provider's key of a record: the source's ``key`` field(s), else ``fallback``."""
    if source.key is None:
        if fallback is None:
            raise ReaderError(
                f"source {source.id!r}: field 'key' is required for adapter "
                f"{source.adapter.value!r}"
            )
        return fallback
    names = [source.key] if isinstance(source.key, str) else source.key
    parts = []
    for name in names:
        value = lookup(fields, name)
        if value in (None, ""):
            raise ReaderError(f"source {source.id!r}: record has no value in key field {name!r}")
        parts.append(str(value).strip())
    return "/".join(parts)


def lookup(data: Any, path: str) -> Any:
    """Value at a dotted path (``a.b.0.c``) in nested dicts and lists; None when absent."""
    if isinstance(data, dict) and path in data:
        return data[path]
    current = data
    for part in path.split("."):
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and part.lstrip("-").isdigit():
            index = int(part)
            current = current[index] if -len(current) <= index < len(current) else None
        else:
            return None
        if current is None:
            return None
    return current
