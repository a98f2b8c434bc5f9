"""Reading what is published from the warehouse and writing it as CSV, Parquet and JSON."""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.dedupe import find_duplicates
from pipelines.offer_sessions import all_sessions
from pipelines.parsers import SchoolHolidays
from pipelines.privacy import DistrictCentre, protect
from schemas.childminding import ChildmindingSummary
from schemas.licences import LICENCES
from schemas.link import OfferLink
from schemas.location import Location
from schemas.offer import Offer
from schemas.organization import Organization
from schemas.session import Session
from schemas.source import Publication
from schemas.tables import LIST_DELIMITER, Column, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
OPEN_LICENCE_URIS = frozenset(lic.uri for lic in LICENCES.values() if lic.open)


@dataclass
class Published:
    """The published state: validated canonical records, ready to be written."""

    offers: list[Offer] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    childminding: list[ChildmindingSummary] = field(default_factory=list)
    links: list[OfferLink] = field(default_factory=list)
    dedupe: dict[str, Any] = field(default_factory=dict)
    taxonomy: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    withheld: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """What could not be published as it should (offers without sessions, budgets hit)."""


def collect(
    con: duckdb.DuckDBPyConnection,
    taxonomy_terms: list[dict[str, Any]],
    *,
    now: datetime,
    holidays: SchoolHolidays,
    district_centre: DistrictCentre | None = None,
    publication: Publication | None = None,
) -> Published:
    """Everything that may be published: current offers under an open licence, their venues
    (never a confidential one), organisations and sessions, childminding as counts, the
    taxonomy, and the change feed. Personal data is filtered out here (pipelines.privacy)."""
    out = Published(taxonomy=taxonomy_terms)
    withheld: Counter[str] = Counter()
    offers: list[Offer] = []
    rows = con.execute(
        """
        SELECT o.record::VARCHAR, o.status, o.run_id, o.raw_id, o.fetched_at, o.first_seen,
               o.last_changed, o.last_verified, r.url
        FROM offers o LEFT JOIN (SELECT DISTINCT ON (raw_id) raw_id, url FROM raw_records) r
             USING (raw_id)
        WHERE o.status <> 'withdrawn' ORDER BY o.offer_id
        """
    ).fetchall()
    for (
        record,
        status,
        run_id,
        raw_id,
        fetched_at,
        first_seen,
        last_changed,
        last_verified,
        url,
    ) in rows:
        data = orjson.loads(record)
        if data["provenance"]["source_licence"] not in OPEN_LICENCE_URIS:
            withheld["closed_licence"] += 1
            continue
        data["status"] = status
        if data.get("free_places") is not None:  # confirmed by the last fetch
            data["free_places_seen_at"] = fetched_at
        data["provenance"].update(
            source_url=url if url and url.startswith(("http://", "https://")) else None,
            run_id=run_id,
            raw_record_id=raw_id,
            fetched_at=fetched_at,
            first_seen=first_seen,
            last_changed=last_changed,
            last_verified=last_verified,
        )
        offers.append(Offer.model_validate(data))

    wanted = {o.location_id for o in offers if o.location_id}
    locations = {
        location.id: location
        for (record,) in con.execute("SELECT record::VARCHAR FROM locations").fetchall()
        if (location := Location.model_validate_json(record)).id in wanted
    }
    protected = protect(offers, locations, district_centre=district_centre)
    out.offers, out.locations, out.childminding = (
        protected.offers,
        protected.locations,
        protected.summaries,
    )
    publication = publication or Publication()
    if publication.deduplicate:
        _merge_duplicates(out, publication)
    withheld.update(protected.withheld)

    organization_ids = {o.organization_id for o in out.offers} | {
        s.organization_id for s in out.childminding
    }
    for (record,) in con.execute(
        "SELECT record::VARCHAR FROM organizations ORDER BY organization_id"
    ).fetchall():
        organization = Organization.model_validate_json(record)
        if organization.id in organization_ids:
            out.organizations.append(organization)

    out.sessions = list(all_sessions(out.offers, now, holidays, out.problems))
    published_ids = [o.id for o in out.offers]
    cursor = con.execute(
        """
        SELECT v.offer_id, v.version, v.change, v.changed_at, v.run_id, v.content_hash
        FROM offer_versions v
        WHERE list_contains(?, v.offer_id)
           OR v.offer_id IN (SELECT offer_id FROM offers WHERE status = 'withdrawn'
                             AND list_contains(?, source_id))
        ORDER BY v.changed_at, v.offer_id, v.version
        """,
        [published_ids, sorted({o.provenance.source_id for o in out.offers})],
    )
    names = [d[0] for d in cursor.description]
    out.changes = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    out.withheld = dict(withheld)
    return out


def _merge_duplicates(out: Published, publication: Publication) -> None:
    """One record per real offer: survivors replace the records several sources publish; the
    links say which source records each survivor stands for."""
    result = find_duplicates(
        out.offers,
        {loc.id: loc for loc in out.locations},
        priority=publication.source_priority,
        field_priority=publication.field_priority,
    )
    out.offers = result.apply(out.offers)
    used = {o.location_id for o in out.offers if o.location_id}
    out.locations = [loc for loc in out.locations if loc.id in used]
    out.links = [
        OfferLink(
            id=link.member_id,
            survivor_id=link.survivor_id,
            source_id=link.source_id,
            source_record_key=link.record_key,
            score=round(link.score, 4),
        )
        for link in sorted(result.links, key=lambda link: (link.survivor_id, link.member_id))
    ]
    out.dedupe = {"clusters": len(result.clusters), "absorbed": len(result.absorbed)}


# -- rows


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
        if data is None:
            return None
    return data


def table_rows(table: Table, published: Published) -> Iterator[dict[str, Any]]:
    """Rows of one export table as Python values (dates, Decimals, lists)."""
    if table.name == "taxonomy":
        yield from published.taxonomy
        return
    if table.name == "changes":
        yield from published.changes
        return
    parent = table.parent or table.name
    records: Iterable[Any] = {
        "offers": published.offers,
        "organizations": published.organizations,
        "locations": published.locations,
        "sessions": published.sessions,
        "childminding": published.childminding,
        "offer_links": published.links,
    }[parent]
    for record in records:
        data = record.model_dump()
        if table.parent is None:
            yield {c.name: _get(data, c.path) for c in table.columns}
            continue
        key_column = table.columns[0].name
        for position, item in enumerate(data.get(table.list_field) or [], start=1):
            item_data = item if isinstance(item, dict) else item.model_dump()
            row = {key_column: data["id"], "position": position}
            row.update({c.name: _get(item_data, c.path) for c in table.columns[2:]})
            yield row


# -- CSV


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.type == "list":
        return LIST_DELIMITER.join(_csv_scalar(v) for v in value)
    text = _csv_scalar(value)
    if column.free_text and looks_like_formula(text):
        return "'" + text  # a spreadsheet would run it as a formula
    return text


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def looks_like_formula(text: str) -> bool:
    """A cell a spreadsheet might run: it starts (after spaces and invisible characters)
    with = + - @ TAB CR — or a look-alike of them (full-width, small forms, the minus sign),
    which some spreadsheets fold to the ASCII character."""
    head = text.lstrip(" " + _INVISIBLE)[:1]
    if not head:
        return False
    return text.startswith(FORMULA_START) or unicodedata.normalize("NFKC", head) in \
        FORMULA_START or head in "\u2212\u2796\u2795"


def _csv_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value)


def write_csv(path: Path, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """UTF-8, comma, RFC 4180 quoting and CRLF line ends; returns the row count."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, dialect="excel", lineterminator="\r\n")
        writer.writerow([c.name for c in table.columns])
        for row in rows:
            writer.writerow([_csv_cell(c, row.get(c.name)) for c in table.columns])
            count += 1
    return count


# -- Parquet

_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "time": pa.time64("us"),
    "datetime": pa.timestamp("us", tz="Europe/Berlin"),
}


def _arrow_type(column: Column) -> pa.DataType:
    if column.type == "list":
        return pa.list_(_ARROW[column.item_type or "string"])
    if column.name == "amount":
        return pa.decimal128(9, 2)  # money stays exact
    return _ARROW[column.type]


def _arrow_value(value: Any) -> Any:
    if hasattr(value, "value") and not isinstance(value, Decimal | datetime | date | time):
        return value.value
    if isinstance(value, list):
        return [_arrow_value(v) for v in value]
    return value


def write_parquet(path: Path, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    schema = pa.schema(
        [pa.field(c.name, _arrow_type(c), nullable=not c.required) for c in table.columns]
    )
    columns: dict[str, list[Any]] = {c.name: [] for c in table.columns}
    for row in rows:
        for name, values in columns.items():
            values.append(_arrow_value(row.get(name)))
    pq.write_table(pa.table(columns, schema=schema), path, compression="zstd")


# -- JSON


def write_json(path: Path, items: list[Any], meta: dict[str, Any]) -> None:
    """One JSON document: metadata plus the nested canonical records."""
    document = {
        **meta,
        "count": len(items),
        "items": [item.model_dump(mode="json") for item in items],
    }
    path.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2))
