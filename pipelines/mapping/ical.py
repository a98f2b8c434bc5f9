"""Raw iCalendar records (shape ICAL, see :mod:`scrapers.readers.ical`) → draft slots.

* ``start``/``end``: DTSTART and DTEND as ISO; without DTEND, DTSTART + DURATION. For all-day
  events ``end`` is the **last day** (DTEND is exclusive in iCalendar, the draft's end date is
  inclusive like every German "bis"), and ``all_day`` is ``"true"``.
* ``rrule``, ``exception_dates`` (EXDATE as ISO dates/date-times) carry the recurrence; RDATEs
  and RECURRENCE-ID overrides have no draft slot: sessions come from the raw record
  (:func:`pipelines.sessions.ical_occurrences`).
* ``description``: the plain DESCRIPTION, else the HTML of X-ALT-DESC.
* ``LOCATION`` goes to ``address`` when it reads like one (postcode or street number), else to
  ``location_name``; ``GEO`` to latitude/longitude.
* ``status``: CANCELLED → "abgesagt" (other iCalendar states mean an ordinary event).
* ``organizer``: the organiser's common name only — never its (possibly private) e-mail address.
* ``confidential``: ``"true"`` for CLASS PRIVATE or CONFIDENTIAL.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from pipelines.mapping._feed_values import looks_like_address, text, texts
from pipelines.mapping.base import register_shape
from pipelines.sessions import ScheduleError, parse_duration
from schemas.raw import RawRecord, RawShape
from schemas.source import Source

_STATUS = {"CANCELLED": "abgesagt"}
_CONFIDENTIAL = frozenset({"PRIVATE", "CONFIDENTIAL"})


@register_shape(RawShape.ICAL)
def map_ical(record: RawRecord, source: Source) -> dict[str, Any]:
    fields = record.fields
    slots: dict[str, Any] = {
        "title": text(fields.get("SUMMARY")),
        "description": text(fields.get("DESCRIPTION")) or text(fields.get("X-ALT-DESC")),
        "url": text(fields.get("URL")),
        "categories": texts(fields.get("CATEGORIES")),
        "status": _STATUS.get((text(fields.get("STATUS")) or "").upper()),
        "organizer": text(_percent_decoded(fields.get("ORGANIZER-CN"))),
        "rrule": text(fields.get("RRULE")),
        "exception_dates": texts(fields.get("EXDATE")),
    }
    location = text(fields.get("LOCATION"))
    if location:
        slots["address" if looks_like_address(location) else "location_name"] = location
    slots.update(_geo(text(fields.get("GEO"))))
    slots.update(_timing(fields))
    if (text(fields.get("CLASS")) or "").upper() in _CONFIDENTIAL:
        slots["confidential"] = "true"
    return {name: value for name, value in slots.items() if value not in (None, [])}


def _geo(value: str | None) -> dict[str, str]:
    if not value:
        return {}
    latitude, _, longitude = value.partition(";")
    if not latitude.strip() or not longitude.strip():
        return {}
    return {"latitude": latitude.strip(), "longitude": longitude.strip()}


def _timing(fields: dict[str, Any]) -> dict[str, str | None]:
    start = text(fields.get("DTSTART"))
    end = text(fields.get("DTEND"))
    duration = text(fields.get("DURATION"))
    if start is None:
        return {"end": end}
    begin = _parse(start)
    if end is None and duration and begin is not None:
        end = _plus(begin, duration)
    if begin is None or isinstance(begin, datetime):
        return {"start": start, "end": end}
    finish = _parse(end) if end else None
    if finish is not None and not isinstance(finish, datetime):
        end = max(begin, finish - timedelta(days=1)).isoformat()  # exclusive → last day
    return {"start": start, "end": end, "all_day": "true"}


def _parse(value: str) -> date | datetime | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return None


def _plus(begin: date | datetime, duration: str) -> str | None:
    try:
        delta = parse_duration(duration)
    except ScheduleError:
        return None
    if isinstance(begin, datetime):
        return (begin + delta).isoformat()
    return (begin + timedelta(days=delta.days)).isoformat()


_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def _percent_decoded(value: str | None) -> str | None:
    """Some exporters (WordPress event calendars) percent-encode the organiser's CN."""
    if value and _PERCENT.search(value):
        return unquote(value)
    return value
