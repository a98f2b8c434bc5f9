"""JSON APIs, paged or not: one raw record per item, the item's JSON as found.

Options:

``items``     dotted path to the item list in each page (``"data.events"``); ``""`` when the
              page itself is the list (default)
``params``    query parameters sent with every request (the first one for ``next`` paging)
``headers``   extra request headers, e.g. ``{Accept = "application/json"}``
``max_pages`` hard limit (default 1000): a feed that still has a next page after that many
              is an error rather than an endless crawl
``paging``    ``"none"`` (default) or a table with ``style`` and that style's settings:

- ``page``: ``param`` (``"page"``), ``start`` (1), ``size_param``/``size`` (optional page size
  to ask for), ``pages_path`` (page count in the body) or ``total_path`` (item count);
  stops at an empty page or when the count is reached;
- ``offset``: ``offset_param`` (``"offset"``), ``limit_param`` (``"limit"``), ``limit`` (100),
  ``start`` (0), ``total_path``; the offset advances by the items received; stops at an empty
  page or at the total;
- ``next``: ``next_path`` to the next page's URL in the body (relative URLs are resolved);
  without it, the HTTP ``Link: <…>; rel="next"`` header; stops when there is none;
- ``cursor``: ``cursor_path`` to the cursor in the body, sent back as ``param``
  (``"cursor"``); stops when the cursor is missing, null or empty.

A page that repeats an earlier page's items, or a next link / cursor seen before, means the
API ignores the paging: that is a ``ReaderError`` (a loop), as is ``max_pages``.

The record key is the source's ``key`` (dotted path) or else the item's ``id``. An item that
is not an object or has no key is recorded as a problem and skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urljoin

import orjson
from pydantic import Field, field_validator

from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.fetch import FetchedDocument, Fetcher
from scrapers.readers.base import ReaderError, lookup, register
from scrapers.readers.parsing import ReaderOptions, make_record, parse_options, register_parser
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem

ParamValue = str | int | float | bool


class NoPaging(ReaderOptions):
    style: Literal["none"] = "none"


class PagePaging(ReaderOptions):
    style: Literal["page"]
    param: str = "page"
    start: int = 1
    size_param: str | None = None
    size: int | None = Field(None, ge=1)
    pages_path: str | None = None
    total_path: str | None = None


class OffsetPaging(ReaderOptions):
    style: Literal["offset"]
    offset_param: str = "offset"
    limit_param: str = "limit"
    limit: int = Field(100, ge=1)
    start: int = Field(0, ge=0)
    total_path: str | None = None


class NextPaging(ReaderOptions):
    style: Literal["next"]
    next_path: str | None = None


class CursorPaging(ReaderOptions):
    style: Literal["cursor"]
    cursor_path: str
    param: str = "cursor"


Paging = Annotated[
    NoPaging | PagePaging | OffsetPaging | NextPaging | CursorPaging,
    Field(discriminator="style"),
]


class JsonApiOptions(ReaderOptions):
    items: str = ""
    paging: Paging = NoPaging()
    params: dict[str, ParamValue] = Field(default_factory=dict)
    headers: dict[str, str] = Field(default_factory=dict)
    max_pages: int = Field(1000, ge=1)

    @field_validator("paging", mode="before")
    @classmethod
    def _style_shorthand(cls, value: Any) -> Any:
        return {"style": value} if isinstance(value, str) else value


@dataclass
class _Request:
    url: str
    params: dict[str, ParamValue]

    def identity(self) -> str:
        return f"{self.url} {sorted((k, str(v)) for k, v in self.params.items())}"


@register("json_api", options=JsonApiOptions)
def read(
    source: Source, fetcher: Fetcher, problems: ProblemLog | None = None
) -> Iterator[RawRecord]:
    """Every item of every page; see the module text for paging, stops and loop guards."""
    options = parse_options(JsonApiOptions, source)
    problems = problems if problems is not None else ProblemLog()
    keys = KeyTracker(source.id, problems)
    paging = options.paging
    request: _Request | None = _Request(source.url, {**options.params, **_first_params(paging)})
    requested: set[str] = set()
    page_prints: dict[bytes, int] = {}
    received = 0
    page = 0
    while request is not None:
        page += 1
        if page > options.max_pages:
            raise ReaderError(f"source {source.id!r}: still a next page after max_pages="
                              f"{options.max_pages} pages; raise the option 'max_pages' if "
                              f"the feed really is that long")
        if request.identity() in requested:
            raise ReaderError(f"source {source.id!r}, page {page}: paging loops, "
                              f"{request.url} with {request.params} was already read")
        requested.add(request.identity())
        document = fetcher.get(request.url, params=request.params or None,
                               headers=options.headers or None, followed=page > 1)
        body = _load(document.content, source.id, f"page {page} ({document.url})")
        items = _items(body, options.items, source.id, page)
        if items:
            fingerprint = hashlib.sha256(orjson.dumps(items, option=orjson.OPT_SORT_KEYS)).digest()
            if fingerprint in page_prints:
                raise ReaderError(f"source {source.id!r}, page {page}: repeats the items of page "
                                  f"{page_prints[fingerprint]}; the API seems to ignore the "
                                  f"paging parameters (a loop)")
            page_prints[fingerprint] = page
        yield from _records(items, source, f"page {page}, ", document.url, document.fetched_at,
                            problems, keys)
        received += len(items)
        request = _next_request(paging, request, document, body, items, page, received,
                                source.id, problems)


@register_parser("json_api")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of one saved JSON page (pure: no fetching, no paging)."""
    options = parse_options(JsonApiOptions, source)
    problems = problems if problems is not None else ProblemLog()
    body = _load(content, source.id, url or "document")
    items = _items(body, options.items, source.id, 1)
    yield from _records(items, source, "", url, fetched_at, problems,
                        KeyTracker(source.id, problems))


def _first_params(paging: Any) -> dict[str, ParamValue]:
    if isinstance(paging, PagePaging):
        params: dict[str, ParamValue] = {paging.param: paging.start}
        if paging.size_param and paging.size:
            params[paging.size_param] = paging.size
        return params
    if isinstance(paging, OffsetPaging):
        return {paging.offset_param: paging.start, paging.limit_param: paging.limit}
    return {}


def _next_request(
    paging: Any,
    request: _Request,
    document: FetchedDocument,
    body: Any,
    items: list[Any],
    page: int,
    received: int,
    source_id: str,
    problems: ProblemLog,
) -> _Request | None:
    if isinstance(paging, PagePaging):
        if not items:
            _short(body, paging.pages_path, page - 1, "pages", source_id, page, problems)
            _short(body, paging.total_path, received, "items", source_id, page, problems)
            return None
        if _reached(body, paging.pages_path, page, source_id, page, problems) or \
                _reached(body, paging.total_path, received, source_id, page, problems):
            return None
        return _Request(request.url, {**request.params, paging.param: paging.start + page})
    if isinstance(paging, OffsetPaging):
        if not items:
            _short(body, paging.total_path, received, "items", source_id, page, problems)
            return None
        if _reached(body, paging.total_path, received, source_id, page, problems):
            return None
        offset = paging.start + received
        return _Request(request.url, {**request.params, paging.offset_param: offset})
    if isinstance(paging, NextPaging):
        if paging.next_path:
            link = lookup(body, paging.next_path) if isinstance(body, dict) else None
        else:
            link = link_next(document.headers.get("link", ""))
        if not isinstance(link, str) or not link.strip():
            return None
        return _Request(urljoin(document.url, link.strip()), {})
    if isinstance(paging, CursorPaging):
        cursor = lookup(body, paging.cursor_path) if isinstance(body, dict) else None
        if cursor in (None, "", False):
            return None
        return _Request(request.url, {**request.params, paging.param: str(cursor)})
    return None


def _reached(body: Any, path: str | None, done: int, source_id: str, page: int,
             problems: ProblemLog) -> bool:
    """True when the count at ``path`` in the body is known and ``done`` has reached it."""
    if not path:
        return False
    value = lookup(body, path) if isinstance(body, dict) else None
    try:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(value)
        count = int(value)
    except ValueError:
        problems.add(RowProblem(source_id, f"page {page}", path,
                                f"expected a count, found {value!r}; paging goes on until an "
                                f"empty page", kind="paging", skipped=False))
        return False
    return done >= count


def _short(body: Any, path: str | None, done: int, what: str, source_id: str, page: int,
           problems: ProblemLog) -> None:
    """An empty page before the declared count was reached: the feed ended early (a server
    cut the list short). Recorded as an 'incomplete' problem: such a run withdraws nothing."""
    if not path:
        return
    value = lookup(body, path) if isinstance(body, dict) else None
    if isinstance(value, int | str) and not isinstance(value, bool) and str(value).isdigit() \
            and done < int(value):
        problems.add(RowProblem(source_id, f"page {page}", path,
                                f"the list ended after {done} {what} although the API declares "
                                f"{value}", kind="incomplete", skipped=False))


_LINK = re.compile(r'<([^>]*)>((?:\s*;\s*(?:"[^"]*"|[^;,"])*)*)')
_REL = re.compile(r'\brel\s*=\s*(?:"([^"]*)"|([^\s;,]+))', re.IGNORECASE)


def link_next(header: str) -> str | None:
    """The ``rel="next"`` target of an HTTP ``Link`` header (RFC 8288), if any."""
    for match in _LINK.finditer(header):
        rel = _REL.search(match.group(2))
        if rel and "next" in (rel.group(1) or rel.group(2) or "").lower().split():
            return match.group(1)
    return None


def _load(content: bytes, source_id: str, where: str) -> Any:
    try:
        return orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as exc:
        raise ReaderError(f"source {source_id!r}, {where}: not valid JSON: {exc}") from None


def _items(body: Any, path: str, source_id: str, page: int) -> list[Any]:
    value = body if path == "" else (lookup(body, path) if isinstance(body, dict | list) else None)
    if isinstance(value, list):
        return value
    if value is None and page > 1:
        return []  # some APIs drop the list (or send null) once the pages run out
    found = "nothing" if value is None else f"a {type(value).__name__}"
    raise ReaderError(f"source {source_id!r}, page {page}: option 'items' = {path!r} points to "
                      f"{found}, not to a list of items")


def _records(
    items: list[Any],
    source: Source,
    prefix: str,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog,
    keys: KeyTracker,
) -> Iterator[RawRecord]:
    for index, item in enumerate(items, start=1):
        where = f"{prefix}item {index}"
        if not isinstance(item, dict):
            problems.add(RowProblem(source.id, where, None,
                                    f"item is a {type(item).__name__}, not an object"))
            continue
        item_id = item.get("id")
        fallback = None if item_id in (None, "") or isinstance(item_id, dict | list) \
            else str(item_id)
        record = make_record(source, item, where=where, url=url, fetched_at=fetched_at,
                             problems=problems, keys=keys, fallback_key=fallback)
        if record is not None:
            yield record
