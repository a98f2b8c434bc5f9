"""Small helpers shared by the feed shape mappers (iCalendar, OpenActive, XCRI-CAP, openQ-cat).

Mappers only move provider text into draft slots; these helpers pick text out of nested raw
values and write the few values a mapper composes (price expressions, ISO dates) in one way.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

_ISO_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T|[+-]\d{2}:?\d{2}$|Z$)")
_POSTCODE = re.compile(r"\b\d{5}\b")


def texts(value: Any) -> list[str]:
    """Non-empty stripped strings in a raw value: a string, a number, a list, or an XML-element
    dict (its ``#text``)."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        return [stripped] if stripped else []
    if isinstance(value, int | float | Decimal):
        return [number_text(value)]
    if isinstance(value, dict):
        return texts(value.get("#text"))
    if isinstance(value, list | tuple):
        return [text for item in value for text in texts(item)]
    return []


def text(value: Any) -> str | None:
    """The first non-empty string of a raw value (see :func:`texts`), else None."""
    found = texts(value)
    return found[0] if found else None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def number_text(value: Any) -> str:
    """A number without a needless ``.0`` (``5.0`` → ``5``, ``5.75`` stays)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def price_expression(amount: Any, currency: Any = None, label: Any = None) -> str | None:
    """``"Label: 5,75 GBP"``: a decimal comma, so the German price parser reads it right.

    An amount that is not a number is passed on as written.
    """
    amount_text = text(amount)
    if amount_text is None:
        return None
    try:
        value = Decimal(amount_text.replace(",", ".") if amount_text.count(",") == 1
                        and "." not in amount_text else amount_text)
    except InvalidOperation:
        written = amount_text
    else:
        written = f"{value:.2f}".replace(".", ",")
    currency_text = text(currency)
    expression = f"{written} {currency_text}" if currency_text else written
    label_text = text(label)
    return f"{label_text}: {expression}" if label_text else expression


def iso_date(value: Any) -> str | None:
    """The calendar date of an ISO date/date-time text, dropping time and offset
    (``2027-02-05T00:00:00.000+01:00`` and ``2026-02-18+01:00`` → the date); other text as is."""
    written = text(value)
    if written is None:
        return None
    match = _ISO_DATE_PREFIX.match(written)
    return match.group(1) if match else written


def looks_like_address(value: str) -> bool:
    """True for a one-line postal address (a German postcode, or a street number before a
    comma), False for a venue name such as ``Haus 5 - machBar``."""
    if _POSTCODE.search(value):
        return True
    head, _, tail = value.partition(",")
    return bool(tail.strip()) and bool(re.search(r"\d", head))
