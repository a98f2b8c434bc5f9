"""Publishing a release: an immutable dated folder written aside and renamed into place, then
the ``latest`` pointer swapped atomically. A half-written release is never visible."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import orjson

from core.checkpoints import checkpoint
from pipelines.parsers import SchoolHolidays
from schemas.dictionary import data_dictionary, json_schemas
from schemas.licences import LICENCES
from schemas.source import Registry
from schemas.tables import export_tables
from schemas.version import SCHEMA_VERSION
from warehouse.datapackage import descriptor, file_resource, tabular_resource
from warehouse.export import Published, collect, table_rows, write_csv, write_json, write_parquet

JSON_FILES = {"offers": "offers", "locations": "locations", "organizations": "organizations"}


@dataclass(frozen=True)
class Release:
    release_id: str
    path: Path
    latest: Path
    counts: dict[str, int]
    withheld: dict[str, int]


def gather(
    con: duckdb.DuckDBPyConnection,
    *,
    registry: Registry,
    taxonomy_terms: list[dict],
    now: datetime,
) -> Published:
    """Read what a release holds from the warehouse (the only part that needs the file)."""
    return collect(
        con, taxonomy_terms, now=now, holidays=SchoolHolidays.load(),
        publication=registry.publication,
    )


def publish(
    con: duckdb.DuckDBPyConnection,
    *,
    export_root: Path,
    registry: Registry,
    taxonomy_terms: list[dict],
    release_id: str,
    now: datetime,
    city: str = "Mülheim an der Ruhr",
) -> Release:
    """Gather and write a release in one go (tests and tools holding a connection)."""
    published = gather(con, registry=registry, taxonomy_terms=taxonomy_terms, now=now)
    return write_release(
        published, export_root=export_root, registry=registry, release_id=release_id,
        now=now, city=city,
    )


def write_release(
    published: Published,
    *,
    export_root: Path,
    registry: Registry,
    release_id: str,
    now: datetime,
    city: str = "Mülheim an der Ruhr",
) -> Release:
    """Write the release folder aside, rename it into place, then switch ``latest``."""
    releases = export_root / "releases"
    final = releases / release_id
    tmp = releases / f".tmp-{release_id}-{os.getpid()}"
    if final.exists():
        raise FileExistsError(f"release {release_id} exists already: releases are immutable")
    shutil.rmtree(tmp, ignore_errors=True)
    for folder in ("csv", "parquet", "json", "schema"):
        (tmp / folder).mkdir(parents=True)
    try:
        counts, resources = _write_tables(tmp, published, now, release_id)
        for name, schema in json_schemas().items():
            (tmp / "schema" / f"{name}.schema.json").write_text(
                json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        (tmp / "DATA_DICTIONARY.md").write_text(data_dictionary(), encoding="utf-8")
        licence_ids = _licences(published, registry)
        (tmp / "README.md").write_text(
            _readme(release_id, now, published, counts, licence_ids, registry, city),
            encoding="utf-8",
        )
        package = descriptor(
            release_id=release_id,
            created=now.isoformat(),
            resources=resources,
            licence_ids=licence_ids,
            sources=_sources(published, registry),
            city=city,
        )
        (tmp / "release.json").write_bytes(
            orjson.dumps(_release_pointer(release_id, now), option=orjson.OPT_INDENT_2) + b"\n"
        )
        (tmp / "datapackage.json").write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        checkpoint("publishing")
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    latest = _point_latest(export_root, final, release_id, now)
    return Release(release_id, final, latest, counts, published.withheld)


def _write_tables(root: Path, published: Published, now: datetime, release_id: str):
    counts: dict[str, int] = {}
    resources: list[dict] = []
    parquet_resources: list[dict] = []
    for table in export_tables():
        csv_rel = f"csv/{table.name}.csv"
        counts[table.name] = write_csv(root / csv_rel, table, table_rows(table, published))
        resources.append(tabular_resource(root, table, csv_rel, counts[table.name]))
        parquet_rel = f"parquet/{table.name}.parquet"
        write_parquet(root / parquet_rel, table, table_rows(table, published))
        parquet_resources.append(
            file_resource(
                root,
                f"{table.name}-parquet",
                parquet_rel,
                "parquet",
                "application/vnd.apache.parquet",
                f"{table.title} as Parquet (typed columns)",
            )
        )
    meta = {
        "schema_version": SCHEMA_VERSION,
        "release": release_id,
        "generated_at": now.isoformat(),
    }
    json_resources = []
    for name, attribute in JSON_FILES.items():
        rel = f"json/{name}.json"
        write_json(root / rel, getattr(published, attribute), meta)
        json_resources.append(
            file_resource(
                root,
                f"{name}-json",
                rel,
                "json",
                "application/json",
                f"{name} as nested JSON records (schema/{name[:-1]}.schema.json)",
            )
        )
    return counts, resources + parquet_resources + json_resources


def _licences(published: Published, registry: Registry) -> list[str]:
    used = {o.provenance.source_licence for o in published.offers}
    return sorted(lic.id for lic in LICENCES.values() if lic.uri in used)


def _sources(published: Published, registry: Registry) -> list[dict[str, str]]:
    used = sorted({o.provenance.source_id for o in published.offers})
    out = []
    for source_id in used:
        source = registry.sources.get(source_id)
        if source is None:
            out.append({"title": source_id})
            continue
        provider = registry.providers[source.provider]
        out.append(
            {
                "title": f"{provider.name}: {source.title or source.id}",
                "path": provider.website or "",
            }
        )
    return [{k: v for k, v in s.items() if v} for s in out]


def _point_latest(export_root: Path, final: Path, release_id: str, now: datetime) -> Path:
    """Switch ``latest`` to the new release in one rename.

    ``latest.json`` is a symlink to ``latest/release.json``: it always describes the release
    ``latest`` points at, because there is only one pointer to switch."""
    latest = export_root / "latest"
    link_tmp = export_root / f".latest-{release_id}-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    os.symlink(final.relative_to(export_root), link_tmp)
    os.replace(link_tmp, latest)
    pointer = export_root / "latest.json"
    if not pointer.is_symlink():
        json_tmp = export_root / f".latest-json-{os.getpid()}"
        json_tmp.unlink(missing_ok=True)
        os.symlink("latest/release.json", json_tmp)
        os.replace(json_tmp, pointer)
    return latest


def _release_pointer(release_id: str, now: datetime) -> dict:
    return {
        "release": release_id,
        "path": f"releases/{release_id}",
        "published_at": now.isoformat(),
        "schema_version": SCHEMA_VERSION,
    }


def _readme(
    release_id: str,
    now: datetime,
    published: Published,
    counts: dict[str, int],
    licence_ids: list[str],
    registry: Registry,
    city: str,
) -> str:
    kinds = Counter(o.kind for o in published.offers)
    by_source = Counter(o.provenance.source_id for o in published.offers)
    lines = [
        f"# Familienpunkt – Angebote für Familien in {city}",
        "",
        f"Release `{release_id}`, published {now:%Y-%m-%d %H:%M %Z}, "
        f"schema version {SCHEMA_VERSION}.",
        "",
        "Offers for families gathered from the providers who publish them, cleaned and tied to "
        "the city's districts. / Angebote für Familien, gesammelt bei den Anbietern, bereinigt "
        "und den Stadtteilen zugeordnet.",
        "",
        "## Files",
        "",
        "| file | rows | what |",
        "|---|---|---|",
    ]
    for table in export_tables():
        lines.append(f"| `csv/{table.name}.csv` | {counts[table.name]} | {table.description} |")
    lines += [
        "",
        "The same tables are in `parquet/` (typed columns, exact money amounts) and the offers, "
        "locations and organisations as nested records in `json/`, described by the JSON Schemas "
        "in `schema/`. `datapackage.json` describes every file (Frictionless Data Package v2, "
        "with sha256 hashes): `frictionless validate datapackage.json` checks the whole release. "
        "Every column is explained in `DATA_DICTIONARY.md`.",
        "",
        "CSV files are UTF-8, comma-separated, quoted as RFC 4180. In a spreadsheet use "
        "*Data → From Text/CSV* and choose UTF-8 and comma. Lists inside a cell are separated by "
        "`;`. A free-text cell that a spreadsheet would run as a formula (starting with `=`, `+`, "
        "`-`, `@`) starts with an apostrophe in the CSV only.",
        "",
        "## Offers by kind",
        "",
        "| kind | offers |",
        "|---|---|",
        *[f"| {kind.label_en} / {kind.label_de} | {n} |" for kind, n in sorted(kinds.items())],
        "",
        "## Sources and licences",
        "",
        "Each offer names its source and that source's licence in `provenance_source_id` and "
        "`provenance_source_licence`. Please credit the providers as listed here.",
        "",
        "| source | provider | licence | offers |",
        "|---|---|---|---|",
    ]
    for source_id, n in sorted(by_source.items()):
        source = registry.sources.get(source_id)
        provider = registry.providers[source.provider].name if source else "?"
        licence = LICENCES[source.licence].title if source else "?"
        lines.append(f"| `{source_id}` | {provider} | {licence} | {n} |")
    lines += [
        "",
        "## One record per offer",
        "",
        "Several sources often list the same offer; it is published once, with the values of "
        "the best source for each field. `csv/offer_links.csv` lists every source record and "
        "the published offer that stands for it"
        + (
            f" (this release merged {published.dedupe['absorbed']} records into "
            f"{published.dedupe['clusters']} offers)."
            if published.dedupe.get("clusters") else "."
        ),
        "",
        "## Keeping up to date",
        "",
        "Ids are stable: an offer keeps its `id` across releases. `csv/changes.csv` lists every "
        "version of every offer with the time it was seen; read the rows after the last "
        "`changed_at` you know instead of downloading everything again. Withdrawn offers appear "
        "there with `change = withdrawn` and are no longer in `offers`.",
        "",
        "## Not published",
        "",
        "Offers of sources without an open licence, confidential addresses and personal data of "
        "private persons are never published"
        + (
            f" (this release withheld: {_withheld(published.withheld)})."
            if any(published.withheld.values())
            else "."
        ),
        "",
    ]
    return "\n".join(lines)


def _withheld(counts: dict[str, int]) -> str:
    return ", ".join(f"{reason.replace('_', ' ')}: {n}" for reason, n in counts.items() if n)
