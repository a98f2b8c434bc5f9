"""RSS 2.0, RSS 1.0 and Atom feeds (via feedparser): one raw record per item or entry.

Each record (shape ``rss``) keeps what the feed said, under feedparser's names:

``id``               guid (RSS) or id (Atom); ``title``; ``link`` (the main link); ``links``
``summary``          description/summary, HTML exactly as found (feedparser's sanitising and
                     relative-link rewriting are switched off: cleaning is the pipeline's job)
``content``          list of ``{type, language, value}`` (``content:encoded``, Atom content)
``published``, ``updated``        the date text as the feed wrote it, and
``published_utc``, ``updated_utc`` feedparser's reading of it as ISO 8601 in UTC (or null)
``author``; ``categories`` (list of ``{term, scheme, label}``); ``enclosures`` (list of
``{href, type, length}``, the ``rel="enclosure"`` links); ``feed`` (``{title, link,
language}`` of the channel)
any other element of the entry under feedparser's key: the event module gives
``ev_startdate``, ``ev_enddate``, ``ev_location``, ``ev_organizer``, ``ev_type``; xCal gives
``xcal_dtstart``, ``xcal_dtend``, ``xcal_location`` (prefix as declared in the feed).

The record key is the guid/id, else the link. An entry with neither is recorded as a problem
and skipped. A feed that is not well-formed but still yields entries is read leniently and
reported once; one that yields nothing is a ``ReaderError``.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers.base import ReaderError
from scrapers.readers.parsing import (
    ReaderOptions,
    make_record,
    parse_options,
    register_file_reader,
    register_parser,
)
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem
from scrapers.truncation import xml_cut_off

_CURATED = {
    "id", "title", "link", "links", "summary", "content", "published", "published_parsed",
    "updated", "updated_parsed", "author", "tags", "enclosures",
}
_DROPPED = {
    "guidislink", "title_detail", "summary_detail", "author_detail", "authors",
    "publisher_detail", "contributors",
}


class RssOptions(ReaderOptions):
    """The RSS reader has no options yet; an unknown one is still an error."""


@register_parser("rss")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of an RSS/Atom document's bytes (pure: no fetching)."""
    parse_options(RssOptions, source)
    problems = problems if problems is not None else ProblemLog()
    # a file object, never bytes or str: feedparser would treat those as a path or URL to open
    feed = feedparser.parse(io.BytesIO(content), sanitize_html=False,
                            resolve_relative_uris=False)
    if feed.bozo and not feed.entries and not feed.version:
        raise ReaderError(f"source {source.id!r}: not an RSS or Atom feed: "
                          f"{feed.get('bozo_exception')}")
    if feed.bozo and xml_cut_off(content):
        raise ReaderError(f"source {source.id!r}: the feed ends before its last element is "
                          "closed: it looks cut off, and a cut-off feed is never read as complete")
    if feed.bozo:
        problems.add(RowProblem(source.id, "document", None,
                                f"feed is not well-formed ({feed.get('bozo_exception')}); "
                                f"entries were read leniently", kind="feed", skipped=False))
    channel = {
        "title": feed.feed.get("title"),
        "link": feed.feed.get("link"),
        "language": feed.feed.get("language"),
    }
    keys = KeyTracker(source.id, problems)
    for index, entry in enumerate(feed.entries, start=1):
        fields = entry_fields(entry)
        fields["feed"] = channel
        where = f"entry {index}"
        fallback = fields.get("id") or fields.get("link")
        if fallback is None and source.key is None:
            problems.add(RowProblem(source.id, where, "id",
                                    f"entry {fields.get('title')!r} has neither guid/id nor "
                                    f"link", kind="no_key"))
            continue
        record = make_record(source, fields, where=where, url=url, fetched_at=fetched_at,
                             problems=problems, keys=keys, fallback_key=fallback,
                             shape=RawShape.RSS)
        if record is not None:
            yield record


def entry_fields(entry: dict[str, Any]) -> dict[str, Any]:
    """One feedparser entry as plain JSON-ready fields (see the module text).

    Values are read with ``dict.get``, past feedparser's aliases: its ``entry.get("updated")``
    answers with the published date when the feed has no updated date, which is not what the
    feed wrote.
    """
    def raw(name: str, default: Any = None) -> Any:
        return dict.get(entry, name, default)

    fields: dict[str, Any] = {
        "id": raw("id") or None,
        "title": raw("title"),
        "link": raw("link"),
        "links": _plain(raw("links", [])),
        "summary": raw("summary"),
        "content": [
            {"type": c.get("type"), "language": c.get("language"), "value": c.get("value")}
            for c in raw("content", [])
        ],
        "published": raw("published"),
        "published_utc": _iso(raw("published_parsed")),
        "updated": raw("updated"),
        "updated_utc": _iso(raw("updated_parsed")),
        "author": raw("author"),
        "categories": [
            {"term": t.get("term"), "scheme": t.get("scheme"), "label": t.get("label")}
            for t in raw("tags", [])
        ],
        "enclosures": [
            {"href": e.get("href"), "type": e.get("type"), "length": e.get("length")}
            for e in raw("links", []) if e.get("rel") == "enclosure"
        ],
    }
    for name, value in entry.items():
        if name not in _CURATED and name not in _DROPPED:
            fields[name] = _plain(value)
    return fields


def _iso(value: Any) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    return datetime(*value[:6], tzinfo=UTC).isoformat()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple) and not isinstance(value, time.struct_time):
        return [_plain(v) for v in value]
    if isinstance(value, time.struct_time):
        return _iso(value)
    return value


read = register_file_reader("rss", RssOptions, parse)
