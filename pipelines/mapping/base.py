"""Turning a raw record into a :class:`~schemas.draft.Draft`.

Each raw shape (flat fields, schema.org, iCalendar, OpenActive, …) has one mapper that knows
where that shape keeps a title, a start, a price. Afterwards the source's registry ``mapping``
is applied on top, so a steward can always point a slot at another provider field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.draft import DRAFT_SLOTS, LIST_SLOTS, Draft
from schemas.raw import RawRecord, RawShape
from schemas.source import FieldSpec, Source
from scrapers.readers.base import lookup

ShapeMapper = Callable[[RawRecord, Source], dict[str, Any]]
"""Returns slot values (str, list[str] or None) for a raw record of one shape."""

MAPPERS: dict[RawShape, ShapeMapper] = {}


class MappingError(ValueError):
    """A registry mapping cannot be applied to a record (names source, record and slot)."""


def register_shape(shape: RawShape) -> Callable[[ShapeMapper], ShapeMapper]:
    def add(mapper: ShapeMapper) -> ShapeMapper:
        MAPPERS[shape] = mapper
        return mapper

    return add


@register_shape(RawShape.FLAT)
def _flat(record: RawRecord, source: Source) -> dict[str, Any]:
    """Flat records whose field names already are slot names (spiders) map onto themselves."""
    return {name: value for name, value in record.fields.items() if name in DRAFT_SLOTS}


def to_draft(record: RawRecord, source: Source) -> Draft:
    import pipelines.mapping.shapes  # noqa: F401  (registers every shape mapper)

    try:
        mapper = MAPPERS[record.shape]
    except KeyError:
        raise MappingError(f"no mapper for raw shape {record.shape.value!r}") from None
    slots = mapper(record, source)
    for slot, spec in source.mapping.items():
        slots[slot] = _mapped_value(record, source, slot, spec)
    return Draft.model_validate({k: _as_slot(k, v) for k, v in slots.items() if v is not None})


def _mapped_value(
    record: RawRecord, source: Source, slot: str, spec: str | FieldSpec | list[str | FieldSpec]
) -> Any:
    if isinstance(spec, list):
        values = [_mapped_value(record, source, slot, part) for part in spec]
        values = [v for v in values if v not in (None, "", [])]
        if slot in LIST_SLOTS:  # every non-empty value, lists flattened
            return [item for v in values for item in (v if isinstance(v, list) else [v])]
        return values[0] if values else None
    if isinstance(spec, str):
        return lookup(record.fields, spec)
    names = [spec.from_] if isinstance(spec.from_, str) else spec.from_
    values = [lookup(record.fields, name) for name in names]
    if spec.template is not None:
        if any(v in (None, "") for v in values):
            return None  # a template needs every field it names
        try:
            value: Any = spec.template.format(*values)
        except (IndexError, KeyError) as exc:
            raise MappingError(
                f"source {source.id!r}, record {record.record_key!r}, slot {slot!r}: "
                f"template {spec.template!r} needs {exc}"
            ) from None
    elif spec.join is not None:
        value = spec.join.join(str(v).strip() for v in values if v not in (None, ""))
    else:
        value = next((v for v in values if v not in (None, "", [])), None)
    if spec.each is not None and isinstance(value, list):
        value = [_each(item, spec.each) for item in value]
        value = [item for item in value if item not in (None, "")]
    if isinstance(value, str) and spec.values:
        value = spec.values.get(value.strip(), value)
    if isinstance(value, str) and spec.split is not None:
        value = [part.strip() for part in value.split(spec.split) if part.strip()]
        if spec.values:
            value = [spec.values.get(part, part) for part in value]
    return value


def _each(item: Any, spec: str) -> Any:
    """One value per list item: a dotted path, or a template over the item's fields
    ("{datum}T{von}")."""
    if "{" not in spec:
        return lookup(item, spec)
    if not isinstance(item, dict):
        return None
    try:
        return spec.format(**{k: v for k, v in item.items() if v is not None})
    except (KeyError, IndexError, ValueError):
        return None


def _as_slot(slot: str, value: Any) -> Any:
    """Slots hold text: numbers and booleans become strings, lists only where the slot is a list."""
    if slot in LIST_SLOTS:
        if isinstance(value, list | tuple):
            return [_text(v) for v in value if v not in (None, "")]
        return [] if value in (None, "") else [_text(value)]
    if isinstance(value, list | tuple):
        parts = [_text(v) for v in value if v not in (None, "")]
        return "; ".join(parts) if parts else None
    return _text(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        import orjson

        return orjson.dumps(value).decode()
    return str(value)
