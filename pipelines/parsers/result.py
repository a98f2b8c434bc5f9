"""The two ways a parser says no, and a JSON view of every parser result.

* :class:`Unparsed` (returned): the phrase was not recognised. The caller clears the field,
  flags it and counts it; the record lives on.
* :class:`InvalidValue` (raised): the phrase was recognised but describes something impossible
  ("31.06.2027", "25:00 Uhr", an end before its start). The caller quarantines the record.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel


@dataclasses.dataclass(frozen=True, slots=True)
class Unparsed:
    """A phrase the parser did not recognise, with the reason (falsy)."""

    text: str
    reason: str

    def __bool__(self) -> bool:
        return False


class InvalidValue(ValueError):
    """A recognised value that cannot be right, e.g. "day 31 is out of range for June 2027"."""


def unparsed(text: str | None, reason: str) -> Unparsed:
    return Unparsed("" if text is None else str(text), reason)


def jsonable(value: Any) -> Any:
    """Plain JSON data for a parser result (dataclasses, pydantic models, dates, Decimals)."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, BaseModel):
        return {k: jsonable(v) for k, v in value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")
