"""``familienpunkt inspect``: what an adapter makes of one file or URL, before it is a source.

A steward points it at a provider's file (or URL) and sees the raw records an adapter extracts,
as JSON lines; with ``normalise`` the canonical offers with their quality flags, or the reason a
record would go to quarantine. The adapter is detected when not given:

1. by content: a ZIP with ``xl/workbook.xml`` is XLSX; ``BEGIN:VCALENDAR`` is iCalendar; markup
   whose root is ``rss``/``rdf:RDF``/``feed`` is RSS/Atom, ``catalog`` (or an XCRI namespace) is
   XCRI-CAP, ``OPENQCAT``/``SERVICE`` is openQ-cat, HTML is read for schema.org objects
   (``structured``: JSON-LD and microdata); JSON with a GeoJSON ``type`` (or ``features``/
   ``geometries``) is GeoJSON, an RPDE page (``items`` with ``next``), RPDE item or OpenActive
   object is RPDE, any other JSON with a list of objects is a JSON API (the list's path becomes
   the option ``items``); text whose lines split into the same number of cells is CSV/TSV;
2. then by the file extension, then by the HTTP content type.

Nothing here raises a traceback at a steward: every failure is an :class:`InspectError` with a
one-line reason (missing file, unreadable bytes, unknown format, a reader's error, the network).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, TextIO
from urllib.parse import unquote, urlsplit

import orjson
from pydantic import ValidationError

from core.clock import now_berlin
from schemas.raw import RawRecord, RawShape
from schemas.source import AdapterKind, Registry, RegistryError, Source, SourceDefaults
from schemas.vocab import OfferKind
from scrapers.readers.base import ReaderError
from scrapers.readers.parsing import get_parser
from scrapers.readers.problems import ProblemLog, RowProblem

STRUCTURED = "structured"
"""The generic structured-data adapter: schema.org objects (JSON-LD, microdata) of an HTML page."""
SPIDER = AdapterKind.SPIDER.value
FEED_KINDS: tuple[str, ...] = tuple(k.value for k in AdapterKind if k is not AdapterKind.SPIDER)
KINDS: tuple[str, ...] = (*FEED_KINDS, STRUCTURED)
INSPECT_ID = "inspect"
SNIFF_BYTES = 65536
PROBE_ROWS = 200
SHOWN_PROBLEMS = 5

EXTENSIONS = {
    ".csv": "csv", ".tsv": "csv", ".tab": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".ics": "ical", ".ical": "ical", ".ifb": "ical", ".json": "json_api", ".geojson": "geojson",
    ".gml": "gml",
    ".rss": "rss", ".atom": "rss", ".html": STRUCTURED, ".htm": STRUCTURED,
}
CONTENT_TYPES = {
    "text/csv": "csv", "text/tab-separated-values": "csv", "text/calendar": "ical",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/geo+json": "geojson", "application/vnd.geo+json": "geojson",
    "application/gml+xml": "gml",
    "application/json": "json_api", "application/ld+json": "json_api",
    "application/rss+xml": "rss", "application/atom+xml": "rss", "text/html": STRUCTURED,
    "application/xhtml+xml": STRUCTURED,
}
GEOJSON_TYPES = frozenset({
    "FeatureCollection", "Feature", "GeometryCollection", "Point", "MultiPoint", "LineString",
    "MultiLineString", "Polygon", "MultiPolygon",
})
HTML_ROOTS = frozenset({"html", "head", "body", "div", "section", "article", "main", "ul", "table",
                        "p", "script", "meta", "title", "header", "nav"})
_ID_NAMES = frozenset({"id", "nr", "no", "nummer", "kennung", "schluessel", "key", "objectid",
                       "fid", "uid", "guid", "code", "kennziffer"})
_MARKUP_SKIP = re.compile(r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.S | re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")


class InspectError(Exception):
    """Inspection is impossible; the message is one line a steward can act on."""


@dataclass(frozen=True)
class Document:
    """The bytes to inspect and where they came from."""

    content: bytes
    url: str
    name: str
    content_type: str
    fetched_at: datetime


@dataclass(frozen=True)
class Detection:
    kind: str
    reason: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Inspection:
    """What one adapter made of one document."""

    document: Document
    kind: str
    how: str
    source: Source
    records: list[RawRecord]
    problems: ProblemLog
    notes: list[str] = field(default_factory=list)


# -- loading


def is_url(target: str) -> bool:
    return urlsplit(target).scheme in ("http", "https", "file")


def load(target: str, *, fetcher_factory: Callable[[], Any] | None = None) -> Document:
    """The bytes of a local path or an http(s)/file URL (fetched politely, robots.txt obeyed)."""
    if is_url(target):
        return _fetch(target, fetcher_factory)
    if "://" in target:
        raise InspectError(f"{target}: only http, https and file URLs can be inspected")
    path = Path(target).expanduser()
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise InspectError(f"{target}: no such file") from None
    except IsADirectoryError:
        raise InspectError(f"{target}: is a folder, not a file") from None
    except OSError as exc:
        raise InspectError(f"{target}: cannot read: {exc.strerror or exc}") from None
    return Document(content, path.resolve().as_uri(), path.name, "", now_berlin())


def _fetch(url: str, fetcher_factory: Callable[[], Any] | None) -> Document:
    import httpx

    from scrapers.fetch import Fetcher, FetchError, FetchPolicy

    factory = fetcher_factory or (lambda: Fetcher(FetchPolicy.open(url)))
    try:
        with factory() as fetcher:
            fetched = fetcher.get(url)
    except FetchError as exc:
        raise InspectError(f"cannot fetch {exc.url}: {exc.reason}") from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
        raise InspectError(f"cannot fetch {url}: {exc}") from None
    name = unquote(PurePosixPath(urlsplit(fetched.url).path).name)
    return Document(fetched.content, fetched.url, name, fetched.content_type, fetched.fetched_at)


# -- detection


def detect(document: Document) -> Detection:
    """The adapter for a document: by content first, then extension, then content type."""
    found, note = sniff(document.content)
    if found is not None:
        return found
    suffix = PurePosixPath(document.name.lower()).suffix
    if suffix in EXTENSIONS:
        return Detection(EXTENSIONS[suffix], f"file extension {suffix}")
    if document.content_type in CONTENT_TYPES:
        return Detection(CONTENT_TYPES[document.content_type],
                         f"content type {document.content_type}")
    reason = note or ("not iCalendar, RSS/Atom, XCRI-CAP, openQ-cat, WFS/GML, JSON, XLSX, CSV "
                      "or HTML")
    raise InspectError(f"{document.name or document.url}: cannot tell the format ({reason}); "
                       f"name one with --adapter ({', '.join(KINDS)})")


def sniff(content: bytes) -> tuple[Detection | None, str | None]:
    """The adapter the bytes themselves show, or None with a note on what they looked like."""
    body = content.removeprefix(b"\xef\xbb\xbf")
    if not body.strip():
        raise InspectError("the file is empty")
    if body.startswith(b"PK\x03\x04"):
        return _zip(body)
    if body.startswith(b"\xd0\xcf\x11\xe0"):
        raise InspectError("an old Excel (.xls) or other OLE document: save it as .xlsx or CSV")
    head = _head_text(body)
    text = head.lstrip()
    if text[:15].upper() == "BEGIN:VCALENDAR":
        return Detection("ical", "content: BEGIN:VCALENDAR"), None
    if text.startswith("<"):
        return _markup(text)
    if text[:1] in ("{", "["):
        return _json(body), None
    if "\x00" in head:
        return None, "binary content"
    tabular = _tabular(body)
    if tabular is not None:
        return tabular, None
    return None, "text without a regular column layout"


def _head_text(body: bytes) -> str:
    sample = body[:SNIFF_BYTES]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if sample.startswith(bom):
            return sample[2:].decode(codec, errors="replace")
    return sample.decode("utf-8", errors="replace")


def _zip(body: bytes) -> tuple[Detection | None, str | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise InspectError(f"a damaged ZIP file: {exc}") from None
    if "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names):
        return Detection("xlsx", "content: ZIP with an Excel workbook"), None
    return None, "a ZIP archive that is no Excel workbook"


def _markup(text: str) -> tuple[Detection | None, str | None]:
    rest = text
    while (skip := _MARKUP_SKIP.match(rest)) and skip.end():
        rest = rest[skip.end():]
    match = _ROOT.match(rest)
    if match is None:
        return None, "markup without a root element"
    root = match.group(1)
    local = root.rsplit(":", 1)[-1]
    if re.search(r"<!DOCTYPE\s+html", text[:2000], re.I) or local.lower() in HTML_ROOTS:
        return Detection(STRUCTURED, "content: HTML page (schema.org objects)"), None
    if local in ("rss", "RDF", "feed"):
        return Detection("rss", f"content: <{root}> feed"), None
    if local in ("catalog", "provider", "course") and ("xcri" in text[:4000] or local == "catalog"):
        return Detection("xcri_cap", f"content: XCRI-CAP <{root}>"), None
    if local in ("OPENQCAT", "SERVICE", "NEW_CATALOG"):
        return Detection("openqcat", f"content: openQ-cat <{root}>"), None
    if local == "FeatureCollection" and re.search(r"opengis\.net/(?:gml|wfs)", text[:4000]):
        return Detection("gml", f"content: WFS/GML <{root}>"), None
    if local in ("ExceptionReport", "ServiceExceptionReport"):
        raise InspectError(f"a WFS/OWS exception report <{root}>: {_text_of(text)[:300]}")
    return None, f"XML with the root <{root}>, which no reader knows"


def _text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def _json(body: bytes) -> Detection:
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise InspectError(f"not valid JSON: {exc}") from None
    if isinstance(document, dict):
        if document.get("type") in GEOJSON_TYPES or any(
                isinstance(document.get(k), list) for k in ("features", "geometries")):
            return Detection("geojson", f"content: GeoJSON {document.get('type') or 'object'}")
        if isinstance(document.get("items"), list) and {"next", "license"} & document.keys():
            return Detection("rpde", "content: RPDE page (items, next)")
        if _openactive_item(document):
            return Detection("rpde", "content: RPDE item / OpenActive object")
    elif isinstance(document, list) and document and all(_openactive_item(i) for i in document):
        return Detection("rpde", "content: list of RPDE items")
    path = items_path(document)
    if path is None:
        keys = ", ".join(list(document)[:8]) if isinstance(document, dict) else "no objects"
        raise InspectError(f"JSON without a list of items ({keys}); name the adapter with "
                           f"--adapter, or the list with --source-id and option 'items'")
    where = "the top level" if path == "" else repr(path)
    return Detection("json_api", f"content: JSON with a list of objects at {where}",
                     {"items": path} if path else {})


def _openactive_item(value: Any) -> bool:
    """An RPDE item envelope, an item without envelope fields, or a bare OpenActive object."""
    if not isinstance(value, dict):
        return False
    if {"state", "kind"} <= value.keys() and ("data" in value or "id" in value):
        return True
    data = value.get("data")
    if isinstance(data, dict) and ("@type" in data or "type" in data):
        return True
    return "openactive" in str(value.get("@context", "")).lower()


def items_path(document: Any, depth: int = 3) -> str | None:
    """Dotted path of the longest list of objects in a JSON document ("" for the document)."""
    best: tuple[int, int, str] | None = None
    queue: list[tuple[str, Any, int]] = [("", document, 0)]
    while queue:
        path, value, level = queue.pop(0)
        if isinstance(value, list):
            objects = sum(isinstance(v, dict) for v in value)
            if value and objects * 2 >= len(value):
                candidate = (objects, -level, path)
                best = candidate if best is None or candidate[:2] > best[:2] else best
        elif isinstance(value, dict) and level < depth:
            for name, inner in value.items():
                queue.append((f"{path}.{name}" if path else str(name), inner, level + 1))
    return None if best is None else best[2]


def _tabular(body: bytes) -> Detection | None:
    from scrapers.readers.csv_reader import sniff as csv_sniff

    try:
        layout = csv_sniff(body)
    except (ReaderError, LookupError):
        return None
    lines = body[:SNIFF_BYTES].decode(layout.encoding, errors="replace").splitlines()
    if len(body) > SNIFF_BYTES:
        lines = lines[:-1]
    lines = [ln for ln in lines[1 if layout.sep_line else 0:] if ln.strip() and
             not ln.startswith("#")][:50]
    counts = [len(row) for row in csv.reader(lines, delimiter=layout.delimiter)]
    if len(counts) < 2:
        return None
    modal, share = Counter(counts).most_common(1)[0]
    if modal < 2 or share < 0.6 * len(counts):
        return None
    name = "TSV" if layout.delimiter == "\t" else "CSV"
    return Detection("csv", f"content: {name} text, delimiter {layout.delimiter!r}, "
                            f"encoding {layout.encoding}")


# -- the source an inspection reads with


def throwaway_source(kind: str, url: str, *, key: str | None = None,
                     kind_default: str | None = None,
                     options: dict[str, Any] | None = None) -> Source:
    """A source that exists only for this inspection: id 'inspect', closed licence, no mapping."""
    adapter = SPIDER if kind == STRUCTURED else kind
    try:
        return Source(
            id=INSPECT_ID, provider=INSPECT_ID, adapter=adapter,
            spider=STRUCTURED if kind == STRUCTURED else None, url=_source_url(url),
            licence="other-closed", key=key, options=options or {},
            defaults=SourceDefaults(kind=kind_default),
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "source"
        raise InspectError(f"{where}: {error['msg'].removeprefix('Value error, ')}") from None


def _source_url(url: str) -> str:
    return url if urlsplit(url).scheme in ("http", "https", "file") else "file:///inspect"


def registry_source(source_id: str, registry_path: Path | None) -> tuple[Source, Registry]:
    from core.settings import get_settings

    try:
        registry = Registry.load(registry_path or get_settings().registry)
    except RegistryError as exc:
        raise InspectError(str(exc).splitlines()[0]) from None
    if source_id not in registry.sources:
        raise InspectError(f"{registry.path}: no source named {source_id!r} "
                           f"(known: {', '.join(sorted(registry.sources))})")
    return registry.sources[source_id], registry


# -- reading


def inspect_document(
    document: Document,
    *,
    adapter: str | None = None,
    source: Source | None = None,
    key: str | None = None,
    kind_default: str | None = None,
) -> Inspection:
    """Records (and reader problems) of a document, read as a registry source would read it."""
    notes: list[str] = []
    if adapter is not None and adapter not in (*KINDS, SPIDER):
        raise InspectError(f"unknown adapter {adapter!r}; choose one of {', '.join(KINDS)}")
    if source is not None:
        kind = adapter or source.adapter.value
        how = f"source {source.id!r}" if adapter is None else "given"
        updates: dict[str, Any] = {}
        if key:
            updates["key"] = key
        if kind_default:
            updates["defaults"] = source.defaults.model_copy(update={"kind": kind_default})
        source = source.model_copy(update=updates) if updates else source
    else:
        detection = detect(document) if adapter is None else Detection(adapter, "given")
        kind, how = detection.kind, detection.reason
        options = dict(detection.options)
        if kind == "json_api" and adapter is not None:
            options = _json_options(document.content)
        if kind == SPIDER:
            raise InspectError("adapter 'spider' needs the spider's source: pass --source-id")
        if kind in ("csv", "xlsx") and not key:
            key, why = guess_key(document.content, kind)
            notes.append(f"key {key!r} {why} (set it with --key)")
        elif kind == "json_api" and not key:
            key = _json_key(document.content, options.get("items", ""))
            if key:
                notes.append(f"key {key!r} guessed: the items have no 'id' (set it with --key)")
        source = throwaway_source(kind, document.url, key=key, kind_default=kind_default,
                                  options=options)
    problems = ProblemLog(log_first=0)
    if kind == SPIDER and source.spider != STRUCTURED:
        records = _spider_records(document, source, notes)
    elif kind in (STRUCTURED, SPIDER):
        kind = STRUCTURED
        records = _structured_records(document, source, problems, notes)
    else:
        records = _feed_records(document, source, kind, problems)
    return Inspection(document, kind, how, source, records, problems, notes)


def _feed_records(document: Document, source: Source, kind: str,
                  problems: ProblemLog) -> list[RawRecord]:
    parser = get_parser(kind)
    try:
        return list(parser(document.content, source, url=document.url,
                           fetched_at=document.fetched_at, problems=problems))
    except ReaderError as exc:
        raise InspectError(one_line(str(exc))) from None
    except RecursionError:
        raise InspectError(f"the {kind} reader gave up: the document nests too deeply") from None
    except Exception as exc:  # a reader meeting input it never expected: still one line
        raise InspectError(f"the {kind} reader cannot read {document.name or document.url}: "
                           f"{type(exc).__name__}: {one_line(str(exc))}") from None


def _structured_records(document: Document, source: Source, problems: ProblemLog,
                        notes: list[str]) -> list[RawRecord]:
    from scrapers.spiders.base import object_key
    from scrapers.structured import StructuredReport, extract_schema_org

    report = StructuredReport()
    try:
        objects = extract_schema_org(document.content, document.url, report=report)
    except Exception as exc:  # hostile markup
        raise InspectError(f"cannot read the page's structured data: {type(exc).__name__}: "
                           f"{one_line(str(exc))}") from None
    if report.jsonld_repaired:
        notes.append(f"{report.jsonld_repaired} broken JSON-LD block(s) repaired")
    if report.jsonld_unrecoverable:
        problems.add(RowProblem(source.id, "page", None, f"{report.jsonld_unrecoverable} JSON-LD "
                                "block(s) could not be repaired", kind="jsonld"))
    if not objects:
        notes.append("no schema.org objects on the page: a site spider with selectors is needed "
                     "(familienpunkt new-source ID --adapter spider --spider-base listing)")
    records, seen = [], Counter[str]()
    for obj in objects:
        key = object_key(obj, document.url)
        seen[key] += 1
        records.append(RawRecord(
            source_id=source.id, record_key=key if seen[key] == 1 else f"{key}#{seen[key]}",
            url=document.url, fetched_at=document.fetched_at, shape=RawShape.SCHEMA_ORG,
            fields=obj))
    return records


def _spider_records(document: Document, source: Source, notes: list[str]) -> list[RawRecord]:
    """One page through the source's own spider: its records; links are counted, not followed.

    The page goes to the spider's ``parse`` (a listing or start page); when that finds neither
    records nor links, or the spider has no ``parse`` of its own (sitemap spiders), to its
    ``parse_page`` (a detail page); a WordPress events spider reads a REST page of events.
    """
    from scrapy.http import HtmlResponse, Request, TextResponse
    from scrapy.spiderloader import SpiderLoader

    from scrapers.crawl import crawl_settings

    try:
        loader = SpiderLoader.from_settings(crawl_settings("/dev/null", "/dev/null"))
        spider_class = loader.load(source.spider or "")
    except KeyError:
        raise InspectError(f"source {source.id!r}: no spider named {source.spider!r}") from None
    url = document.url if document.url.startswith("http") else "http://inspect.invalid/page"
    is_json = document.content.lstrip()[:1] in (b"{", b"[")
    response = (TextResponse(url, body=document.content, encoding="utf-8", request=Request(url))
                if is_json else HtmlResponse(url, body=document.content, request=Request(url)))
    spider = spider_class(source=source, clock=lambda: document.fetched_at)
    readers: list[tuple[str, dict[str, Any]]] = [("parse", {}), ("parse_page", {})]
    if hasattr(spider, "parse_events"):
        readers = [("parse_events", {"page": 1})]
    records: list[RawRecord] = []
    links = 0
    try:
        for number, (method, arguments) in enumerate(readers):
            try:
                found = list(getattr(spider, method)(response, **arguments))
            except NotImplementedError:
                continue
            records = [r for r in found if isinstance(r, RawRecord)]
            links = sum(isinstance(r, Request) for r in found)
            if records or links:
                if number:
                    notes.append("read as a detail page")
                break
    except Exception as exc:
        raise InspectError(f"spider {source.spider!r} failed on this page: "
                           f"{type(exc).__name__}: {one_line(str(exc))}") from None
    if links:
        notes.append(f"{links} link(s) to follow found (inspect reads one page)")
    return records


def _json_options(content: bytes) -> dict[str, Any]:
    try:
        path = items_path(orjson.loads(content.removeprefix(b"\xef\xbb\xbf")))
    except orjson.JSONDecodeError:
        return {}  # the reader says why
    return {"items": path} if path else {}


def _json_key(content: bytes, path: str) -> str | None:
    from scrapers.readers.base import lookup

    try:
        document = orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return None
    items = document if path == "" else lookup(document, path)
    rows = [i for i in items if isinstance(i, dict)][:PROBE_ROWS] if isinstance(items, list) else []
    if not rows or all(i.get("id") not in (None, "") for i in rows):
        return None
    scalar = [{k: str(v) for k, v in row.items() if isinstance(v, str | int)} for row in rows]
    return pick_key(scalar)


# -- the key of a table without one


def guess_key(content: bytes, kind: str) -> tuple[str, str]:
    """A key column for a CSV or XLSX file read without a registry entry, and why it was taken."""
    try:
        rows = csv_rows(content) if kind == "csv" else xlsx_rows(content)
    except ReaderError as exc:
        raise InspectError(one_line(str(exc))) from None
    except Exception as exc:
        raise InspectError(f"cannot read the {kind.upper()} header: {type(exc).__name__}: "
                           f"{one_line(str(exc))}") from None
    if not rows:
        raise InspectError(f"no rows below the header of this {kind.upper()} file")
    return pick_key(rows) or next(iter(rows[0])), "guessed"


def pick_key(rows: list[dict[str, str]]) -> str | None:
    """The first id-like column (then any column) that is filled and unique in ``rows``."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    id_like = [n for n in names if _is_id_name(n)]
    for candidates in (id_like, names):
        for name in candidates:
            values = [str(row.get(name) or "").strip() for row in rows]
            filled = [v for v in values if v]
            if len(filled) >= 0.9 * len(values) and len(set(filled)) >= 0.95 * len(filled):
                return name
    return id_like[0] if id_like else None


def _is_id_name(name: str) -> bool:
    plain = re.sub(r"[^a-z0-9]", "", name.lower().replace("ü", "ue"))
    return plain in _ID_NAMES or plain.endswith(("nr", "nummer", "id", "kennung"))


def csv_rows(content: bytes) -> list[dict[str, str]]:
    """The first data rows of a CSV file as header -> cell, for choosing a key column."""
    from scrapers.readers.csv_reader import sniff as csv_sniff
    from scrapers.readers.tabular import name_columns

    layout = csv_sniff(content)
    lines = content[:SNIFF_BYTES * 4].decode(layout.encoding, errors="replace").splitlines()
    lines = lines[1 if layout.sep_line else 0:]
    rows = [row for row in csv.reader(itertools.dropwhile(lambda ln: ln.startswith("#"), lines),
                                      delimiter=layout.delimiter) if any(c.strip() for c in row)]
    if not rows:
        return []
    names = name_columns(rows[0], source_id=INSPECT_ID, where="header",
                         problems=ProblemLog(log_first=0))
    return [dict(zip(names, row, strict=False)) for row in rows[1:PROBE_ROWS + 1]]


def xlsx_rows(content: bytes) -> list[dict[str, str]]:
    """The first data rows of a workbook's first sheet, named by the XLSX reader's own header
    rules (header row search and merged cells), for choosing a key column."""
    from openpyxl import load_workbook

    from scrapers.readers import xlsx_reader as xlsx
    from scrapers.readers.tabular import name_columns, stack_headers

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = [(n, tuple(getattr(c, "value", c) for c in row),
                 tuple(xlsx.cell_text(c) for c in row))
                for n, row in enumerate(itertools.islice(sheet.iter_rows(), PROBE_ROWS), 1)]
    finally:
        workbook.close()
    merges = xlsx._merged_ranges(content, 0)
    first = xlsx._find_header(rows[:xlsx.HEADER_SEARCH_ROWS], merges)
    if first is None:
        raise InspectError("no header row in the first 50 rows of the workbook")
    header = [list(texts) for number, _, texts in rows if number == first]
    xlsx._fill_merged(header, first, merges, {n: t for n, _, t in rows})
    names = name_columns(stack_headers(header, " / ", fill_left=False), source_id=INSPECT_ID,
                         where="header", problems=ProblemLog(log_first=0))
    return [dict(zip(names, texts, strict=False)) for number, _, texts in rows
            if number > first and any(texts)]


# -- normalising


@dataclass
class Outcome:
    record: RawRecord
    line: dict[str, Any]
    status: str


def normalise(inspection: Inspection, *, reference: date | None = None) -> Iterator[Outcome]:
    """Each record through the one normalisation road: an offer, a deletion or quarantine."""
    from pipelines.normalise import Deletion, Rejected, normalise_record
    from pipelines.source_run import make_context

    source = inspection.source
    ctx = make_context(source, provider_key=source.provider,
                       reference=reference or now_berlin().date())
    for record in inspection.records:
        key = record.record_key
        try:
            result = normalise_record(record, ctx)
        except Rejected as exc:
            yield Outcome(record, {"record_key": key, "quarantined": {
                "field": exc.field, "reason": exc.reason, "message": exc.message}}, "quarantined")
            continue
        except Exception as exc:  # a normaliser bug on this record: shown, not raised
            yield Outcome(record, {"record_key": key, "quarantined": {
                "field": "record", "reason": "error",
                "message": f"{type(exc).__name__}: {one_line(str(exc))}"}}, "quarantined")
            continue
        if isinstance(result, Deletion):
            yield Outcome(record, {"record_key": key, "deleted": result.offer_id}, "deleted")
            continue
        line: dict[str, Any] = {
            "record_key": key,
            "quality_flags": result.offer.quality_flags,
            "offer": result.offer.model_dump(mode="json", exclude_none=True),
        }
        if result.location is not None:
            line["location"] = result.location.model_dump(mode="json", exclude_none=True)
        yield Outcome(record, line, "valid")


# -- reporting


def raw_line(record: RawRecord) -> dict[str, Any]:
    return record.model_dump(mode="json")


def json_line(value: dict[str, Any]) -> bytes:
    return orjson.dumps(value, default=str) + b"\n"


def summary(inspection: Inspection, outcomes: Counter[str] | None = None,
            reasons: Counter[str] | None = None) -> list[str]:
    """The stderr lines after the records: problems, notes and one summary line."""
    lines = [f"problem: {unprefixed(str(p))}"
             for p in itertools.islice(inspection.problems, SHOWN_PROBLEMS)]
    if inspection.problems.count > SHOWN_PROBLEMS:
        lines.append(f"problem: … and {inspection.problems.count - SHOWN_PROBLEMS} more")
    for reason, n in (reasons or Counter()).most_common(SHOWN_PROBLEMS):
        lines.append(f"quarantined: {n} × {reason}")
    lines += [f"note: {note}" for note in inspection.notes]
    parts = [f"{len(inspection.records)} records", f"{inspection.problems.count} problems"]
    if outcomes is not None:
        parts.append(", ".join(f"{outcomes[s]} {s}" for s in ("valid", "quarantined", "deleted")
                               if outcomes[s] or s != "deleted"))
    parts.append(f"adapter {inspection.kind} ({inspection.how})")
    lines.append("inspect: " + " · ".join(parts))
    return lines


def quarantine_reason(line: dict[str, Any]) -> str:
    """A quarantine message without the record's own key, so equal reasons group together."""
    info = line["quarantined"]
    message = re.sub(r"^source '[^']*', record '[^']*', ", "", info["message"])
    return f"{info['field']} {info['reason']}: {message}"


def unprefixed(message: str) -> str:
    """A message without the name of the throw-away source, which tells a steward nothing."""
    return re.sub(rf"^source '{INSPECT_ID}'(?:, |: )", "", message)


def one_line(text: str) -> str:
    return " ; ".join(part.strip() for part in text.splitlines() if part.strip())


# -- the command


def run(
    target: str,
    *,
    out: BinaryIO,
    err: TextIO,
    adapter: str | None = None,
    normalise_records: bool = False,
    source_id: str | None = None,
    registry: Path | None = None,
    limit: int | None = None,
    kind: str | None = None,
    key: str | None = None,
    fetcher_factory: Callable[[], Any] | None = None,
) -> int:
    """``familienpunkt inspect``: JSON lines on ``out``, problems and a summary on ``err``.

    Returns the exit code: 0 when the document could be read (even with record problems), 1
    with a one-line reason on ``err`` when it could not.
    """
    try:
        if kind is not None and kind not in OfferKind.__members__.values():
            raise InspectError(f"unknown offer kind {kind!r}; choose one of "
                               f"{', '.join(k.value for k in OfferKind)}")
        source = registry_source(source_id, registry)[0] if source_id else None
        document = load(target, fetcher_factory=fetcher_factory)
        inspection = inspect_document(document, adapter=adapter, source=source, key=key,
                                      kind_default=kind)
        outcomes: Counter[str] | None = None
        reasons: Counter[str] = Counter()
        shown = 0
        if normalise_records:
            outcomes = Counter()
            for outcome in normalise(inspection):
                outcomes[outcome.status] += 1
                if outcome.status == "quarantined":
                    reasons[quarantine_reason(outcome.line)] += 1
                if limit is None or shown < limit:
                    out.write(json_line(outcome.line))
                    shown += 1
        else:
            for record in inspection.records[:limit]:
                out.write(json_line(raw_line(record)))
                shown += 1
        out.flush()
    except InspectError as exc:
        err.write(f"error: {unprefixed(str(exc))}\n")
        return 1
    except BrokenPipeError:  # the reader of stdout (head, less) has had enough
        _silence(out)
        return 0
    except Exception as exc:  # never a traceback at a steward
        err.write(f"error: unexpected {type(exc).__name__}: {one_line(str(exc))} "
                  f"(please report this file)\n")
        return 1
    if shown < len(inspection.records):
        inspection.notes.append(f"showing the first {shown} (--limit)")
    inspection.notes += _hints(inspection, reasons)
    for line in summary(inspection, outcomes, reasons):
        err.write(line + "\n")
    return 0


def _hints(inspection: Inspection, reasons: Counter[str]) -> list[str]:
    """What a steward can do about the commonest quarantine reasons of a throw-away source."""
    hints = []
    throwaway = inspection.source.id == INSPECT_ID
    if any(r.startswith("kind missing") for r in reasons) and throwaway:
        hints.append("records name no offer kind: pass --kind (one of "
                     f"{', '.join(k.value for k in OfferKind)}) or set defaults.kind")
    flat = any(r.shape is RawShape.FLAT for r in inspection.records)
    if any(r.startswith("title missing") for r in reasons) and throwaway and flat:
        hints.append("the provider's field names are no slot names: a registry mapping is needed "
                     "(familienpunkt new-source ID --provider KEY --adapter "
                     f"{inspection.kind} --sample FILE suggests one)")
    return hints


def _silence(out: BinaryIO) -> None:
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
