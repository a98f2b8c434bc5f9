"""The Frictionless Data Package (v2) descriptor of a release, generated from the models."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from schemas.licences import LICENCES
from schemas.tables import Table
from schemas.version import SCHEMA_VERSION

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
MUNICIPALITY_URI = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05117000"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_facts(root: Path, relative: str) -> dict[str, Any]:
    path = root / relative
    return {"bytes": path.stat().st_size, "hash": f"sha256:{sha256_file(path)}"}


def tabular_resource(root: Path, table: Table, relative: str, rows: int) -> dict[str, Any]:
    return {
        "$schema": RESOURCE_PROFILE,
        "name": table.name,
        "title": table.title,
        "description": f"{table.description} ({rows} rows)",
        "type": "table",
        "path": relative,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
        **file_facts(root, relative),
        "schema": {"$schema": TABLE_SCHEMA_PROFILE, **table.table_schema()},
    }


def file_resource(
    root: Path, name: str, relative: str, fmt: str, mediatype: str, description: str
) -> dict[str, Any]:
    return {
        "$schema": RESOURCE_PROFILE,
        "name": name,
        "type": "file",
        "path": relative,
        "format": fmt,
        "mediatype": mediatype,
        "description": description,
        **file_facts(root, relative),
    }


def descriptor(
    *,
    release_id: str,
    created: str,
    resources: list[dict[str, Any]],
    licence_ids: list[str],
    sources: list[dict[str, str]],
    city: str,
) -> dict[str, Any]:
    licences = []
    for licence_id in licence_ids:
        lic = LICENCES[licence_id]
        entry = {"path": lic.uri, "title": lic.title}
        if lic.spdx:
            entry["name"] = lic.spdx
        licences.append(entry)
    return {
        "$schema": PROFILE,
        "name": "familienpunkt-" + city.lower().replace(" ", "-"),
        "id": f"familienpunkt:{release_id}",
        "title": f"Familienpunkt – Angebote für Familien ({city})",
        "description": (
            "Every family-relevant offer published by the providers of the city – holiday care, "
            "courses, sport, culture, Kita places, counselling, meeting places, nursing and "
            "changing spots – gathered, cleaned and tied to the city's districts. Each offer "
            "carries the licence of its source in provenance_source_licence; the package licences "
            "are the union of those."
        ),
        "version": f"{SCHEMA_VERSION}+{release_id}",
        "created": created,
        "keywords": ["Familie", "Kinder", "Ferienbetreuung", "Kita", "Kurse", "open data"],
        "licenses": licences,
        "sources": sources,
        "politicalGeocodingURI": MUNICIPALITY_URI,
        "resources": resources,
    }
