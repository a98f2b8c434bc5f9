"""The data dictionary and JSON Schemas, generated from the models (never written by hand)."""

from __future__ import annotations

from typing import Any

from schemas.location import Location
from schemas.offer import Offer
from schemas.organization import Organization
from schemas.tables import LIST_DELIMITER, Table, export_tables
from schemas.version import SCHEMA_VERSION
from schemas.vocab import VOCABULARIES

JSON_SCHEMA_MODELS = {"offer": Offer, "location": Location, "organization": Organization}


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema (draft 2020-12) of each published record type, keyed by file stem."""
    out = {}
    for name, model in JSON_SCHEMA_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        schema["version"] = SCHEMA_VERSION
        out[name] = schema
    return out


def _constraints(column) -> str:
    notes = []
    if column.required:
        notes.append("required")
    if column.type == "list":
        notes.append(f"list of {column.item_type}, separated by '{LIST_DELIMITER}'")
    if column.enum:
        notes.append("one of: " + ", ".join(f"`{v}`" for v in column.enum))
    if column.pattern:
        notes.append(f"pattern `{column.pattern}`")
    if column.format == "uri":
        notes.append("http(s) URL")
    if column.minimum is not None:
        notes.append(f"≥ {column.minimum:g}")
    if column.maximum is not None:
        notes.append(f"≤ {column.maximum:g}")
    if column.max_length is not None:
        notes.append(f"at most {column.max_length} characters")
    return "; ".join(notes)


def table_markdown(table: Table) -> str:
    lines = [f"## `{table.name}` — {table.title}", "", table.description, ""]
    lines.append(f"Primary key: {', '.join(f'`{k}`' for k in table.primary_key)}.")
    for fk in table.foreign_keys:
        lines.append(
            f"`{fk['fields']}` refers to "
            f"`{fk['reference']['resource']}.{fk['reference']['fields']}`."
        )
    lines += ["", "| column | type | description | constraints |", "|---|---|---|---|"]
    for column in table.columns:
        lines.append(
            f"| `{column.name}` | {column.type} | {column.description} | {_constraints(column)} |"
        )
    return "\n".join(lines)


def vocabulary_markdown() -> str:
    lines = ["## Controlled vocabularies", ""]
    for scheme, enum in VOCABULARIES.items():
        lines += [f"### `{scheme}`", "", "| code | Deutsch | English |", "|---|---|---|"]
        lines += [f"| `{m.value}` | {m.label_de} | {m.label_en} |" for m in enum]
        lines.append("")
    lines.append("Categories are listed with their labels in the `taxonomy` table of each export.")
    return "\n".join(lines)


def data_dictionary() -> str:
    parts = [
        f"# Familienpunkt data dictionary (schema {SCHEMA_VERSION})",
        "",
        "Generated from the pydantic models in `schemas/`. Dates and times are ISO 8601 with "
        "offset (Europe/Berlin); ages are in months; money is in the stated currency with two "
        "decimals; empty cells mean 'not stated'.",
        "",
    ]
    parts += [table_markdown(t) + "\n" for t in export_tables()]
    parts.append(vocabulary_markdown())
    return "\n".join(parts) + "\n"
