"""The tabular projection of the canonical models, derived from them — never written by hand.

Rules: a scalar field is a column; a nested model's fields are columns prefixed with the field
name (``audience_age_min_months``); a list of scalars is one ``list`` column (items joined with
``;``); a list of models becomes a child table keyed by the parent id and a position. Column
types, constraints and descriptions come from the pydantic fields, so the CSV/Parquet files,
the Frictionless Table Schemas and the data dictionary all say the same thing.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import AwareDatetime, BaseModel
from pydantic.fields import FieldInfo

from schemas.childminding import ChildmindingSummary
from schemas.link import OfferLink
from schemas.location import Location
from schemas.offer import Offer
from schemas.organization import Organization
from schemas.session import Session

LIST_DELIMITER = ";"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless field type
    description: str
    path: tuple[str, ...]  # where the value sits in the model's JSON dump
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    item_type: str | None = None  # for list columns
    format: str | None = None  # e.g. "uri"
    free_text: bool = False  # spreadsheet formula neutralisation applies

    def table_schema_field(self) -> dict[str, Any]:
        spec: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.format:
            spec["format"] = self.format
        if self.type == "list":
            spec["delimiter"] = LIST_DELIMITER
            spec["itemType"] = self.item_type or "string"
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum and self.type != "list":
            constraints["enum"] = list(self.enum)
        if self.pattern and self.type == "string":
            constraints["pattern"] = self.pattern
        if self.minimum is not None and self.type in ("integer", "number"):
            constraints["minimum"] = self.minimum
        if self.maximum is not None and self.type in ("integer", "number"):
            constraints["maximum"] = self.maximum
        if self.max_length is not None and self.type == "string":
            constraints["maxLength"] = self.max_length
        if constraints:
            spec["constraints"] = constraints
        return spec


@dataclass
class Table:
    name: str
    title: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    parent: str | None = None  # child tables: the table whose rows own these
    list_field: str | None = None  # child tables: the model field holding the list

    def table_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [c.table_schema_field() for c in self.columns],
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema


# -- type mapping


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """(inner type, optional?, metadata) of an annotation like ``Annotated[str, ...] | None``."""
    optional = False
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"unsupported union {annotation!r}")
            annotation = args[0]
        else:
            return annotation, optional, metadata


def _scalar_type(py_type: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(py_type, type) and issubclass(py_type, Enum):
        return "string", {"enum": tuple(m.value for m in py_type)}
    if py_type is bool:
        return "boolean", {}
    if py_type is int:
        return "integer", {}
    if py_type in (float, Decimal):
        return "number", {}
    if py_type in (datetime, AwareDatetime):
        return "datetime", {}
    if py_type is date:
        return "date", {}
    if py_type is time:
        return "time", {}
    if py_type is str:
        return "string", {}
    if typing.get_origin(py_type) is dict or py_type is dict:
        return "object", {}
    raise TypeError(f"no table type for {py_type!r}")


def _constraints(info: FieldInfo, metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    items = [*info.metadata, *metadata]
    for item in list(items):
        if isinstance(item, FieldInfo):  # Annotated[str, Field(...)] inside a type alias
            items += item.metadata
    for item in items:
        if isinstance(item, Ge):
            out["minimum"] = float(item.ge)
        elif isinstance(item, Le):
            out["maximum"] = float(item.le)
        elif isinstance(item, MaxLen):
            out["max_length"] = item.max_length
        elif isinstance(item, MinLen):
            pass
        elif type(item).__name__ == "_PydanticGeneralMetadata" and getattr(item, "pattern", None):
            out["pattern"] = item.pattern
        elif hasattr(item, "json_schema") and isinstance(getattr(item, "json_schema", None), dict):
            js = item.json_schema
            if js.get("format") == "uri":
                out["format"] = "uri"
    return out


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _columns(
    model: type[BaseModel],
    table: str,
    prefix: str = "",
    path: tuple[str, ...] = (),
    children: list[tuple[str, str, type[BaseModel]]] | None = None,
    parent_optional: bool = False,
) -> list[Column]:
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        inner, optional, metadata = _unwrap(info.annotation)
        col_name = f"{prefix}{name}"
        description = info.description or name.replace("_", " ")
        if _is_model(inner):
            columns += _columns(
                inner, table, f"{col_name}_", (*path, name), children, parent_optional or optional
            )
            continue
        if typing.get_origin(inner) is list:
            (item,) = typing.get_args(inner)
            item_inner, _, item_meta = _unwrap(item)
            if _is_model(item_inner):
                if children is not None:
                    children.append((name, col_name, item_inner))
                continue
            item_type, extra = _scalar_type(item_inner)
            columns.append(
                Column(
                    col_name,
                    "list",
                    description,
                    (*path, name),
                    required=False,
                    enum=extra.get("enum"),
                    item_type=item_type,
                )
            )
            continue
        col_type, extra = _scalar_type(inner)
        constraints = _constraints(info, metadata)
        required = not optional and not parent_optional
        columns.append(
            Column(
                col_name,
                col_type,
                description,
                (*path, name),
                required=required,
                enum=extra.get("enum"),
                pattern=constraints.get("pattern"),
                minimum=constraints.get("minimum"),
                maximum=constraints.get("maximum"),
                max_length=constraints.get("max_length"),
                format=constraints.get("format"),
                free_text=col_type == "string"
                and not extra.get("enum")
                and not constraints.get("pattern")
                and constraints.get("format") != "uri",
            )
        )
    return columns


def _model_tables(
    model: type[BaseModel],
    name: str,
    title: str,
    description: str,
    foreign_keys: list[dict[str, Any]] | None = None,
) -> list[Table]:
    children: list[tuple[str, str, type[BaseModel]]] = []
    columns = _columns(model, name, children=children)
    tables = [Table(name, title, description, columns, ["id"], foreign_keys or [])]
    for field_name, col_name, child_model in children:
        child_name = {"prices": "prices", "opening_hours_spec": "opening_hours"}.get(
            col_name, col_name
        )
        key = f"{name[:-1]}_id"
        child_columns = [
            Column(key, "string", f"The {name[:-1]} this row belongs to", (), required=True),
            Column(
                "position", "integer", "Order within the list, from 1", (), required=True, minimum=1
            ),
            *_columns(child_model, child_name),
        ]
        tables.append(
            Table(
                child_name,
                f"{title}: {child_model.__name__}",
                child_model.__doc__.strip().splitlines()[0] if child_model.__doc__ else child_name,
                child_columns,
                [key, "position"],
                [{"fields": key, "reference": {"resource": name, "fields": "id"}}],
                parent=name,
                list_field=field_name,
            )
        )
    return tables


def export_tables() -> list[Table]:
    """Every table of the open-data export, in publication order."""
    tables: list[Table] = []
    tables += _model_tables(
        Offer,
        "offers",
        "Angebote / Offers",
        "Family-relevant offers, one row per offer",
        [
            {
                "fields": "organization_id",
                "reference": {"resource": "organizations", "fields": "id"},
            },
            {"fields": "location_id", "reference": {"resource": "locations", "fields": "id"}},
        ],
    )
    tables += _model_tables(
        Organization,
        "organizations",
        "Träger / Organisations",
        "Organisations responsible for offers",
    )
    tables += _model_tables(Location, "locations", "Orte / Locations", "Venues of offers")
    tables += _model_tables(
        Session,
        "sessions",
        "Termine / Sessions",
        "Concrete sessions of the offers from the publication day for one year, expanded from "
        "their schedules (exception dates and, where an offer says so, holidays left out)",
        [{"fields": "offer_id", "reference": {"resource": "offers", "fields": "id"}}],
    )
    tables += _model_tables(
        ChildmindingSummary,
        "childminding",
        "Kindertagespflege / Childminding",
        "Childminders are private persons: counts and places per Stadtteil, with the placement "
        "service to contact (individual records only with recorded consent, in offers)",
        [{"fields": "organization_id", "reference": {"resource": "organizations", "fields": "id"}}],
    )
    tables += _model_tables(
        OfferLink, "offer_links", "Quellen-Verweise / Source links",
        "Offers that several sources list are published once: every source record, with the id "
        "of the published offer that stands for it (merged ids resolve here)",
        [{"fields": "survivor_id", "reference": {"resource": "offers", "fields": "id"}}],
    )
    tables.append(TAXONOMY_TABLE)
    tables.append(CHANGES_TABLE)
    return tables


TAXONOMY_TABLE = Table(
    "taxonomy",
    "Begriffe / Taxonomy",
    "Every code used in the export, with German and English labels",
    [
        Column("scheme", "string", "Vocabulary the code belongs to", (), required=True),
        Column("code", "string", "Code as used in the other tables", (), required=True),
        Column("label_de", "string", "German label", (), required=True, free_text=True),
        Column("label_en", "string", "English label", (), required=True, free_text=True),
        Column("parent", "string", "Parent code (categories)", ()),
    ],
    ["scheme", "code"],
)

CHANGES_TABLE = Table(
    "changes",
    "Änderungen / Change feed",
    "Every version of every offer since the first import, oldest first; withdrawn offers "
    "appear as tombstones (change = withdrawn)",
    [
        Column("offer_id", "string", "Offer id", (), required=True),
        Column("version", "integer", "Version of the offer, from 1", (), required=True, minimum=1),
        Column(
            "change",
            "string",
            "What happened",
            (),
            required=True,
            enum=("new", "changed", "withdrawn", "reinstated"),
        ),
        Column("changed_at", "datetime", "When the change was seen", (), required=True),
        Column("run_id", "string", "Import run that saw it", (), required=True),
        Column("content_hash", "string", "sha256 of the offer's content", (), required=True),
    ],
    ["offer_id", "version"],
)
