"""``familienpunkt new-source``: everything a new source needs, written the same way every time.

A **feed** gets a registry entry (appended with tomlkit, so the file keeps its comments) whose
``mapping`` lines are proposed, commented, from the sample's field names; the sample is saved as
a fixture and a test runs the feed's parser on it (record count and the first whole record).
A **spider** gets its module on a base spider (from a template), the page as a fixture, a test
asserting what the spider makes of the page, and its registry entry. Nothing is overwritten:
when any target exists the command refuses and writes nothing.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from string import Template
from typing import Any

import tomlkit
from pydantic import ValidationError
from tomlkit.items import Table

from core.clock import today_berlin
from familienpunkt import inspect as insp
from schemas.draft import LIST_SLOTS
from schemas.raw import RawRecord, RawShape
from schemas.source import AdapterKind, Registry, Source
from schemas.vocab import OfferKind, OrganizationType
from scrapers.readers.problems import ProblemLog

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_LICENCE = "other-closed"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
MULTI_SLOTS = LIST_SLOTS | {"price_text"}
"""Slots that take several provider fields (``price_text`` ones become a ``prices`` list)."""
LOCATION_PARENTS = frozenset({"ort", "location", "venue", "place", "veranstaltungsort",
                              "standort", "adresse", "address", "spielort"})
NAME_WORDS = frozenset({"name", "bezeichnung", "titel", "title"})
PINNED_FIELDS_MAX = 6000
"""Longer first records are pinned by their short text fields only (GeoJSON outlines …)."""


@dataclass(frozen=True)
class SpiderBase:
    """A base spider the scaffold can write on, and how its test hands it the saved page."""

    class_name: str
    template: str
    method: str = "parse"
    arguments: dict[str, Any] = field(default_factory=dict)
    response: str = "HtmlResponse"
    fixture_suffix: str = ".html"

    def reads(self) -> str:
        extra = "".join(f", {name}={value!r}" for name, value in self.arguments.items())
        return f"{self.method}(response{extra})"


BASES = {
    "listing": SpiderBase("ListingDetailSpider", "spider_listing.py.tmpl"),
    "structured": SpiderBase("StructuredDataSpider", "spider_structured.py.tmpl"),
    "sitemap": SpiderBase("SitemapDetailSpider", "spider_sitemap.py.tmpl", "parse_page"),
    "tribe": SpiderBase("TribeEventsSpider", "spider_tribe.py.tmpl", "parse_events", {"page": 1},
                        "TextResponse", ".json"),
}
TRIBE_PAGE = "/wp-json/tribe/events/v1/events?per_page=50"
"""What the scaffold saves of a WordPress events site when no sample is given: its REST page."""
OFFER_PAGE_WORDS = "/(veranstaltung|termin|kurs|angebot)"
"""Default ``detail_urls`` of a sitemap spider: German words in offer page paths."""


class ScaffoldError(Exception):
    """The source cannot be scaffolded; the message says why and what to do."""


@dataclass(frozen=True)
class Layout:
    """Where a project keeps what a source consists of (tests point it at a copy)."""

    root: Path
    registry: Path

    def module(self, source_id: str) -> str:
        return source_id.replace("-", "_")

    def spider_module(self, source_id: str) -> Path:
        return self.root / "scrapers" / "spiders" / f"{self.module(source_id)}.py"

    def spider_test(self, source_id: str) -> Path:
        return self.root / "tests" / "spiders" / f"test_{self.module(source_id)}.py"

    def spider_fixture(self, source_id: str, suffix: str = ".html") -> Path:
        return self.root / "tests" / "fixtures" / "spiders" / f"{source_id}{suffix}"

    def feed_test(self, source_id: str) -> Path:
        return self.root / "tests" / "sources" / f"test_{self.module(source_id)}_source.py"

    def feed_fixture(self, source_id: str, name: str) -> Path:
        return self.root / "tests" / "fixtures" / "sources" / source_id / name

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path.resolve())


@dataclass
class NewSource:
    """What the steward asked for."""

    id: str
    provider: str
    adapter: str
    url: str | None = None
    sample: Path | None = None
    spider_base: str = "structured"
    title: str | None = None
    licence: str = DEFAULT_LICENCE
    kind: str | None = None


@dataclass
class Plan:
    """Files to write (path -> content) and the new registry text, all checked before writing."""

    files: dict[Path, bytes] = field(default_factory=dict)
    registry_text: str = ""
    notes: list[str] = field(default_factory=list)


# -- the command


def new_source(request: NewSource, layout: Layout, *, fetcher_factory: Any = None) -> Plan:
    """Check, plan and write a new source; returns the plan (``files`` were written, in order,
    then the registry). Raises :class:`ScaffoldError` before writing anything when it cannot."""
    _check_request(request)
    document_text, doc = _registry_document(layout, request)
    document = _document(request, fetcher_factory)
    if request.adapter == AdapterKind.SPIDER.value:
        plan = _plan_spider(request, layout, doc, document)
    else:
        plan = _plan_feed(request, layout, doc, document)
    _refuse_existing(layout, plan)
    _write(plan, layout, document_text)
    return plan


def _check_request(request: NewSource) -> None:
    if not ID_PATTERN.match(request.id):
        raise ScaffoldError(f"{request.id!r} is no valid source id: lower-case letters, digits, "
                            f"'-' and '_', starting with a letter or digit")
    if request.adapter not in AdapterKind.__members__.values():
        raise ScaffoldError(f"unknown adapter {request.adapter!r}; choose one of "
                            f"{', '.join(k.value for k in AdapterKind)}")
    if request.kind is not None and request.kind not in OfferKind.__members__.values():
        raise ScaffoldError(f"unknown offer kind {request.kind!r}; choose one of "
                            f"{', '.join(k.value for k in OfferKind)}")
    if request.adapter == AdapterKind.SPIDER.value:
        base = BASES.get(request.spider_base)
        if base is None:
            raise ScaffoldError(f"unknown spider base {request.spider_base!r}; choose one of "
                                f"{', '.join(BASES)}")
        import scrapers.spiders.base as bases

        if not hasattr(bases, base.class_name):
            raise ScaffoldError(f"spider base {request.spider_base!r} ({base.class_name}) is not "
                                f"in scrapers.spiders.base; choose another")
        if not request.url:
            raise ScaffoldError("a spider needs its start page: pass --url (and --sample PATH to "
                                "use a saved copy of that page instead of fetching it)")
    elif not (request.url or request.sample):
        raise ScaffoldError("a feed needs --url or a sample file (--sample PATH) to read")


def _registry_document(layout: Layout, request: NewSource) -> tuple[str, tomlkit.TOMLDocument]:
    try:
        text = layout.registry.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScaffoldError(f"{layout.registry}: cannot read the registry: "
                            f"{exc.strerror or exc}") from None
    try:
        Registry.load(layout.registry)
        doc = tomlkit.parse(text)
    except (ValueError, tomlkit.exceptions.TOMLKitError) as exc:
        raise ScaffoldError(f"fix the registry first: {str(exc).splitlines()[0]}") from None
    if request.id in doc.get("sources", {}):
        raise ScaffoldError(f"{layout.registry}: source {request.id!r} exists already")
    if request.provider not in doc.get("providers", {}):
        raise ScaffoldError(
            f"{layout.registry}: no provider {request.provider!r}; add it first, e.g. "
            f"[providers.{request.provider}] name = \"…\" type = \"municipal\" (types: "
            f"{', '.join(t.value for t in OrganizationType)})")
    return text, doc


def _document(request: NewSource, fetcher_factory: Any) -> insp.Document:
    target = str(request.sample) if request.sample else str(request.url)
    if not request.sample and request.adapter == "spider" and request.spider_base == "tribe":
        target = str(request.url).rstrip("/") + TRIBE_PAGE
    try:
        document = insp.load(target, fetcher_factory=fetcher_factory)
    except insp.InspectError as exc:
        raise ScaffoldError(str(exc)) from None
    if not document.content.strip():
        raise ScaffoldError(f"{target}: is empty; a source needs a sample with offers in it")
    return document


# -- feeds


def _plan_feed(request: NewSource, layout: Layout, doc: tomlkit.TOMLDocument,
               document: insp.Document) -> Plan:
    try:
        inspection = insp.inspect_document(document, adapter=request.adapter)
    except insp.InspectError as exc:
        raise ScaffoldError(f"the sample cannot be read as {request.adapter}: "
                            f"{insp.unprefixed(str(exc))}") from None
    records = inspection.records
    fixture_name = _fixture_name(document, request)
    fixture = layout.feed_fixture(request.id, fixture_name)
    url = request.url or fixture.resolve().as_uri()
    table = _feed_entry(request, inspection, url, from_sample=not request.url)
    registry_text, source = _with_entry(doc, request.id, table, layout.registry)
    problems = ProblemLog(log_first=0)
    try:
        pinned = list(insp.get_parser(request.adapter)(
            document.content, source, url=document.url, fetched_at=document.fetched_at,
            problems=problems))
    except Exception as exc:  # the entry's key/options as written must read the sample
        raise ScaffoldError(f"the new entry cannot read its sample: {insp.one_line(str(exc))}") \
            from None
    test = _render("feed_test.py.tmpl", {
        "source_id": request.id, "module": layout.module(request.id),
        "fixture": layout.relative(fixture), "registry": layout.relative(layout.registry),
        "count": len(pinned), "problems": problems.count,
        "assertions": _first_record_test(layout.module(request.id), pinned, "read()[0]",
                                         (document.url, "SAMPLE.as_uri()")),
    })
    plan = Plan({fixture: document.content, layout.feed_test(request.id): test.encode()},
                registry_text)
    plan.notes += inspection.notes
    plan.notes.append(f"{len(records)} records in the sample")
    try:
        looks = insp.detect(document)
    except insp.InspectError:
        looks = None
    if looks is not None and looks.kind != request.adapter:
        plan.notes.append(f"note: the sample looks like {looks.kind} ({looks.reason}), "
                          f"not {request.adapter}")
    return plan


def _feed_entry(request: NewSource, inspection: insp.Inspection, url: str, *,
                from_sample: bool) -> Table:
    source = inspection.source
    table = _entry_head(request, url, from_sample=from_sample)
    count = len(inspection.records)
    minimum = tomlkit.item(max(1, count // 2))
    minimum.comment(f"half of the {count} records in the sample")
    table.add("min_records", minimum)
    if source.key is not None:
        key = tomlkit.item(source.key)
        key.comment("guessed from the sample: the provider's own id of a record")
        table.add("key", key)
    if source.options:
        table.add("options", _inline(source.options))
    table.add("defaults", _defaults(request))
    mapping = tomlkit.table()
    flat = [r for r in inspection.records if r.shape is RawShape.FLAT]
    if flat:
        names = [n for n in field_paths(flat[:50]) if n != source.key]
        suggested, other = suggest_mapping(names)
        mapping.add(tomlkit.comment("suggested from the sample's field names: check each line, "
                                    "then remove its '#'"))
        for slot, value in suggested.items():
            mapping.add(tomlkit.comment(f"{slot} = {tomlkit.item(value).as_string()}"))
        if other:
            mapping.add(tomlkit.comment(f"not matched: {', '.join(other)}"))
    else:
        shape = inspection.records[0].shape.value if inspection.records else "its"
        mapping.add(tomlkit.comment(f"the {shape} mapper fills the slots; a line here "
                                    "overrides one, e.g. description = \"…\""))
    table.add("mapping", mapping)
    return table


def _entry_head(request: NewSource, url: str, *, from_sample: bool) -> Table:
    table = tomlkit.table()
    table.add(tomlkit.comment(f"added by `familienpunkt new-source` on {today_berlin():%Y-%m-%d}: "
                              f"check every line"))
    table.add("provider", request.provider)
    if request.title:
        table.add("title", request.title)
    table.add("adapter", request.adapter)
    if request.adapter == AdapterKind.SPIDER.value:
        table.add("spider", request.id)
    address = tomlkit.item(url)
    if from_sample:
        address.comment("the saved sample: put the provider's URL here")
    table.add("url", address)
    table.add("schedule", "0 5 * * *")
    licence = tomlkit.item(request.licence)
    if request.licence == DEFAULT_LICENCE:
        licence.comment("the provider's licence (e.g. dl-by-de/2.0); other-closed is never "
                        "published")
    table.add("licence", licence)
    return table


def _defaults(request: NewSource) -> Table:
    defaults = tomlkit.table()
    if request.kind:
        defaults.add("kind", request.kind)
    else:
        kinds = ", ".join(k.value for k in OfferKind)
        defaults.add(tomlkit.comment(f'kind = "course"  # when a record names none: {kinds}'))
    return defaults


def _inline(values: dict[str, Any]) -> Any:
    table = tomlkit.inline_table()
    table.update(values)
    return table


def _with_entry(doc: tomlkit.TOMLDocument, source_id: str, table: Table,
                registry: Path) -> tuple[str, Source]:
    # appended as text after everything else: the steward's file stays byte-identical as a
    # prefix, even when its [sources.*] tables are spread over the file
    entry = tomlkit.document()
    sources = tomlkit.table(is_super_table=True)
    sources.append(source_id, table)
    entry.append("sources", sources)
    text = tomlkit.dumps(doc).rstrip("\n") + "\n\n" + tomlkit.dumps(entry)
    try:
        checked = Registry.model_validate({**tomllib.loads(text), "path": registry})
    except (ValidationError, tomllib.TOMLDecodeError) as exc:
        raise ScaffoldError(f"the new entry would not be valid: {insp.one_line(str(exc))}") \
            from None
    return text, checked.sources[source_id]


def _fixture_name(document: insp.Document, request: NewSource) -> str:
    name = re.sub(r"[^\w.-]", "_", document.name)
    if PurePosixPath(name).suffix:
        return name
    suffix = {"csv": ".csv", "xlsx": ".xlsx", "ical": ".ics", "geojson": ".geojson",
              "rss": ".xml", "xcri_cap": ".xml", "openqcat": ".xml"}.get(request.adapter, ".json")
    return f"{request.id}{suffix}"


# -- mapping suggestions


def slot_words() -> dict[str, str]:
    """Plain provider word -> slot, from ``templates/slot_names.toml``."""
    vocabulary = tomllib.loads((TEMPLATES / "slot_names.toml").read_text(encoding="utf-8"))
    return {plain(word): slot for slot, words in vocabulary.items() for word in words}


def plain(name: str) -> str:
    """Lower case, umlauts folded, bracketed notes and everything but letters and digits gone."""
    text = name.lower()
    for umlaut, folded in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, folded)
    return re.sub(r"[^a-z0-9]", "", re.sub(r"\([^)]*\)", "", text))


def slot_for(name: str, words: dict[str, str]) -> str | None:
    """The slot a provider field name suggests, or None."""
    segments = name.split(".")
    last, parent = segments[-1], plain(segments[-2]) if len(segments) > 1 else ""
    if parent in LOCATION_PARENTS and plain(last) in NAME_WORDS:
        return "location_name"
    parts = [p for p in re.split(r"\s+/\s+", last) if p.strip()]
    for candidate in (name, last, *reversed(parts)):
        slot = words.get(plain(candidate))
        if slot is not None:
            return slot
    return None


def suggest_mapping(names: list[str]) -> tuple[dict[str, str | list[str]], list[str]]:
    """Mapping lines (slot -> field, or fields for list slots and prices) and unmatched names."""
    words = slot_words()
    found: dict[str, list[str]] = {}
    other: list[str] = []
    for name in names:
        slot = slot_for(name, words)
        if slot is None or (slot in found and slot not in MULTI_SLOTS):
            other.append(name)
            continue
        found.setdefault(slot, []).append(name)
    suggested: dict[str, str | list[str]] = {}
    for slot, fields in found.items():
        if slot == "price_text" and len(fields) > 1:
            suggested["prices"] = fields
        elif slot in LIST_SLOTS and len(fields) > 1:
            suggested[slot] = fields
        else:
            suggested[slot] = fields[0]
    return suggested, other


def field_paths(records: list[RawRecord], depth: int = 3) -> list[str]:
    """Field names of the records, nested objects as dotted paths (geometries left out)."""
    names: dict[str, None] = {}

    def walk(value: dict[str, Any], prefix: str, level: int) -> None:
        for name, inner in value.items():
            if name == "geometry":
                continue
            path = f"{prefix}.{name}" if prefix else str(name)
            if isinstance(inner, dict) and inner and level < depth:
                walk(inner, path, level + 1)
            else:
                names[path] = None

    for record in records:
        walk(record.fields, "", 1)
    return list(names)


# -- spiders


def _plan_spider(request: NewSource, layout: Layout, doc: tomlkit.TOMLDocument,
                 document: insp.Document) -> Plan:
    table = _entry_head(request, str(request.url), from_sample=False)
    minimum = tomlkit.item(1)
    minimum.comment("raise to about half the usual count after the first runs")
    table.add("min_records", minimum)
    table.add("defaults", _defaults(request))
    registry_text, source = _with_entry(doc, request.id, table, layout.registry)
    module = layout.module(request.id)
    class_name = "".join(part.capitalize() for part in re.split(r"[-_]", request.id)) + "Spider"
    code = _spider_code(request, class_name, document)
    base = BASES[request.spider_base]
    page_url = _page_url(document, str(request.url))
    records, links = _try_spider(code, class_name, source, document.content, page_url, base)
    fixture = layout.spider_fixture(request.id, base.fixture_suffix)
    response_args = '' if base.response == "HtmlResponse" else ', encoding="utf-8"'
    test = _render("spider_test.py.tmpl", {
        "name": request.id, "module": module, "class_name": class_name,
        "fixture": layout.relative(fixture), "url": _literal(page_url, 0),
        "registry": layout.relative(layout.registry), "source_id": request.id,
        "http_imports": ", ".join(sorted([base.response, "Request"])),
        "make_response": f"{base.response}(URL, body=PAGE.read_bytes(){response_args}, "
                         f"request=Request(URL))",
        "reads": base.reads(),
        "assertions": _spider_assertions(module, records, links, page_url),
    })
    plan = Plan({layout.spider_module(request.id): code.encode(), fixture: document.content,
                 layout.spider_test(request.id): test.encode()}, registry_text)
    plan.notes.append(f"the spider makes {len(records)} record(s) and {len(links)} link(s) of "
                      f"the page")
    if not records and not links:
        plan.notes.append("its test fails until the selectors in the spider find the offers")
    if page_url == request.url and request.sample and request.spider_base == "sitemap":
        plan.notes.append(f"the saved page names no address of its own (canonical link): its "
                          f"test reads it as {page_url}")
    return plan


def _spider_code(request: NewSource, class_name: str, document: insp.Document) -> str:
    summary = request.title or f"Offers of the provider {request.provider!r}"
    values: dict[str, Any] = {"summary": summary, "class_name": class_name, "name": request.id}
    template = BASES[request.spider_base].template
    types = _schema_types(document)
    values["types"] = ", ".join(_quoted(t) for t in types or ["Event"])
    values["detail_urls"] = _quoted(OFFER_PAGE_WORDS)
    if request.spider_base == "listing":
        values.update(_card_guess(document.content))
    elif request.spider_base == "sitemap" and not types:
        template = "spider_sitemap_detail.py.tmpl"  # no structured data: selectors instead
        values["key"] = _quoted(GENERIC_KEY)
        values["fields"] = _detail_fields(document.content)
    return _render(template, values)


def _schema_types(document: insp.Document) -> list[str]:
    """The broad schema.org types of the page's objects that can be offers."""
    from scrapers.schemaorg import type_family, type_names
    from scrapers.structured import extract_schema_org

    try:
        objects = extract_schema_org(document.content, document.url)
    except Exception:  # an unreadable page still gets a spider to edit
        objects = []
    families = {type_family(name) for obj in objects for name in type_names(obj)}
    return [t for t in ("Event", "Course", "Place") if t in families]


GENERIC_KEY = r"([^/?#]+)/?(?:[?#].*)?$"
"""The last part of a card's link: a provider's id when nothing better marks the cards."""
HEADINGS = ".//*[self::h2 or self::h3 or self::h4 or self::h5]"


def _card_guess(content: bytes) -> dict[str, str]:
    """Selectors for a listing of cards: the largest group of same-class elements that each
    hold a heading; the key from an ``id``/``data-*`` attribute, else from each card's link."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        tree = None
    groups: dict[str, list[Any]] = {}
    for element in tree.iter() if tree is not None else []:
        classes = (element.get("class") or "").split() if isinstance(element.tag, str) else []
        if classes and element.xpath(HEADINGS):
            groups.setdefault(f"{element.tag}.{classes[0]}", []).append(element)
    ranked = [(len(members), -i, name, members) for i, (name, members) in enumerate(groups.items())
              if len(members) >= 2]
    selector, heading, key = "article", "h2", ("key_from_url", GENERIC_KEY)
    fields = {"title": heading, "url": f"{heading} a::attr(href)", "description": "p"}
    if ranked:
        _, _, selector, members = max(ranked)
        title = members[0].xpath(HEADINGS)[0]
        heading = title.tag
        fields = {"title": heading, "description": "p"}
        if title.xpath(".//a[@href]"):
            fields["url"] = f"{heading} a::attr(href)"
        data = sorted({a for m in members for a in m.attrib if a.startswith("data-")})
        for attribute in ["id", *data]:
            values = [m.get(attribute) for m in members]
            if all(values) and len(set(values)) == len(values):
                key = ("key", f"./@{attribute}")
                break
    lines = [f"            {_quoted(slot)}: {_quoted(expression)},"
             for slot, expression in fields.items()]
    return {"cards": _quoted(selector), "key_attribute": key[0], "key": _quoted(key[1]),
            "fields": "\n".join(lines)}


def _detail_fields(content: bytes) -> str:
    """``extract_fields`` lines for a detail page: the heading, the first paragraph, and each
    label of a fact list (``<dt>``/``<th>``) whose words suggest a slot, read with ``dd()``."""
    import lxml.html

    try:
        labels = lxml.html.fromstring(content).xpath("//dt|//th")
    except (lxml.etree.ParserError, ValueError):
        labels = []
    lines = {"title": _quoted("h1"), "description": _quoted("p")}
    words = slot_words()
    for label in labels:
        text = " ".join(label.text_content().split())
        slot = slot_for(text.rstrip(":"), words)
        if slot and slot not in lines:
            lines[slot] = f"dd({_quoted(text)})"
    return "\n".join(f"            {_quoted(slot)}: {expression}," for slot, expression in
                     lines.items())


def _page_url(document: insp.Document, start_url: str) -> str:
    """The address of the saved page: where it was fetched, else its canonical link, else the
    source's start URL."""
    if document.url.startswith("http"):
        return document.url
    match = re.search(rb"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']""",
                      document.content[:65536], re.I) or re.search(
        rb"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""",
        document.content[:65536], re.I)
    return match.group(1).decode("utf-8", "replace") if match else start_url


def _string_literal(text: str, level: int) -> str:
    """A string literal, split over lines in parentheses when it would make a long line."""
    quoted = _quoted(text)
    width = 76 - 4 * level
    if len(quoted) <= width:
        return quoted
    parts: list[str] = []
    rest = text
    while rest:
        cut = len(rest)
        if len(_quoted(rest)) > width:
            space = rest.rfind(" ", 0, width - 12)
            cut = space + 1 if space > 0 else width - 12
        parts.append(rest[:cut])
        rest = rest[cut:]
    inner = "    " * (level + 1)
    return "(\n" + "".join(f"{inner}{_quoted(p)}\n" for p in parts) + "    " * level + ")"


def _quoted(text: str) -> str:
    """A Python string literal in double quotes."""
    return json.dumps(text, ensure_ascii=False)


def _try_spider(code: str, class_name: str, source: Source, page: bytes, url: str,
                base: SpiderBase) -> tuple[list[RawRecord], list[str]]:
    """What the new spider makes of the page: imported from a scratch copy, run once."""
    from scrapy import http

    from core.clock import now_berlin

    response_class = getattr(http, base.response)
    encoding = {} if base.response == "HtmlResponse" else {"encoding": "utf-8"}
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "new_spider.py"
        path.write_text(code, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(f"_scaffold_{source.id}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            spider = getattr(module, class_name)(source=source, clock=now_berlin)
            response = response_class(url, body=page, request=http.Request(url), **encoding)
            found = list(getattr(spider, base.method)(response, **base.arguments))
        except Exception as exc:  # a template that does not fit the page must not crash here
            raise ScaffoldError(f"the new spider fails on the page: {type(exc).__name__}: "
                                f"{insp.one_line(str(exc))}") from None
        finally:
            sys.modules.pop(spec.name, None)
    return ([r for r in found if isinstance(r, RawRecord)],
            [r.url for r in found if isinstance(r, http.Request)])


def _spider_assertions(module: str, records: list[RawRecord], links: list[str],
                       page_url: str) -> str:
    lines = [f"\n\ndef test_{module}_page_count():",
             "    records, links = results()"]
    if not records and not links:
        lines += ['    assert records, ("no offers on the saved page yet: write the selectors, "',
                  '                     "then pin the count and one whole record here")']
        return "\n".join(lines) + "\n"
    lines.append(f"    assert (len(records), len(links)) == ({len(records)}, {len(links)})")
    if links:
        lines.append(f"    assert links[:3] == {_literal(links[:3], 1)}")
    text = "\n".join(lines) + "\n"
    if not records:
        return text
    return text + _first_record_test(module, records, "results()[0]", (page_url, "URL"))


def _first_record_test(module: str, records: list[RawRecord], call: str,
                       page: tuple[str, str]) -> str:
    """A test pinning the first record whole (its short text fields when it is very long);
    ``page`` is the URL the page was read from and the test's expression for it."""
    if not records:
        return ""
    first = records[0]
    url = page[1] if first.url == page[0] else _literal(str(first.url), 2)
    head = [f"\n\ndef test_{module}_first_record_whole():", f"    first = {call}[0]"]
    fields = _literal(first.fields, 2)
    if len(fields) > PINNED_FIELDS_MAX:
        short = {k: v for k, v in first.fields.items() if isinstance(v, str) and len(v) < 200}
        body = [f"    assert first.record_key == {_literal(first.record_key, 1)}",
                f"    expected = {_literal(short, 1)}",
                "    assert {name: first.fields.get(name) for name in expected} == expected"]
        return "\n".join(head + body) + "\n"
    body = ["    assert first == RawRecord(",
            f"        source_id={_quoted(first.source_id)},",
            f"        record_key={_literal(first.record_key, 2)},",
            f"        url={url},",
            "        fetched_at=FROZEN_NOW,",
            f"        shape=RawShape.{first.shape.name},",
            f"        fields={fields},",
            "    )"]
    return "\n".join(head + body) + "\n"


def _literal(value: Any, level: int) -> str:
    """Python source of a JSON-like value: double quotes, one entry per line when it is long."""
    if isinstance(value, str):
        return _string_literal(value, level)
    if not isinstance(value, dict | list):
        return repr(value)
    inner = "    " * (level + 1)
    if isinstance(value, dict):
        entries = [f"{_quoted(str(k))}: {_literal(v, level + 1)}" for k, v in value.items()]
        opening, closing = "{", "}"
    else:
        entries = [_literal(v, level + 1) for v in value]
        opening, closing = "[", "]"
    flat = opening + ", ".join(entries) + closing
    if len(flat) + 4 * level <= 80 and "\n" not in flat:
        return flat
    return opening + "\n" + "".join(f"{inner}{e},\n" for e in entries) + "    " * level + closing


def _render(template: str, values: dict[str, Any]) -> str:
    text = Template((TEMPLATES / template).read_text(encoding="utf-8"))
    if "assertions" in values:  # a test imports RawShape only when it pins a whole record
        shape = "RawShape." in values["assertions"]
        values = {**values, "raw_imports": "RawRecord, RawShape" if shape else "RawRecord"}
    return text.substitute({k: str(v) for k, v in values.items()})


# -- writing


def _refuse_existing(layout: Layout, plan: Plan) -> None:
    existing = [layout.relative(p) for p in plan.files if p.exists()]
    tests = [p for p in plan.files if p.name.startswith("test_")]
    tests_root = layout.root / "tests"
    clashes = [layout.relative(q) for p in tests for q in tests_root.rglob(p.name) if q != p]
    if existing or clashes:
        what = existing + [f"{c} (a test of the same name: pytest needs unique names)"
                           for c in clashes]
        raise ScaffoldError(f"not overwriting {', '.join(what)}; choose another id or remove "
                            f"them")


def _write(plan: Plan, layout: Layout, old_registry: str) -> None:
    written: list[Path] = []
    try:
        for path, content in plan.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:
                handle.write(content)
            written.append(path)
        if layout.registry.read_text(encoding="utf-8") != old_registry:
            raise ScaffoldError(f"{layout.registry} changed while the source was planned; "
                                f"run the command again")
        layout.registry.write_text(plan.registry_text, encoding="utf-8")
    except (OSError, ScaffoldError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, ScaffoldError):
            raise
        raise ScaffoldError(f"cannot write {exc.filename}: {exc.strerror}") from None


def written_paths(plan: Plan, layout: Layout) -> list[str]:
    """What was written, relative to the project, registry first."""
    return [layout.relative(layout.registry)] + [layout.relative(p) for p in plan.files]


def next_steps(request: NewSource, plan: Plan, layout: Layout) -> list[str]:
    """What the steward does after the scaffold, as commands to copy."""
    registry = layout.relative(layout.registry)
    test = next(layout.relative(p) for p in plan.files if p.name.startswith("test_"))
    page = request.sample or request.url
    steps = [f"edit the entry of {request.id!r} in {registry} (licence, mapping, defaults)"]
    steps.append(f"familienpunkt inspect {page} --source-id {request.id} -r {registry} "
                 f"--normalise")
    steps.append(f"pytest {test}; familienpunkt sources --check -r {registry}")
    return steps
