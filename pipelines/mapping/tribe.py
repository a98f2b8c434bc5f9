"""Shape ``TRIBE``: one event of the WordPress "The Events Calendar" REST API -> draft slots.

The record holds the event JSON as the plugin wrote it (see :mod:`scrapers.spiders.base.tribe`).

* ``title``: HTML entities decoded (WordPress writes ``&#8211;``, ``&amp;``, ``&#8222;`` …);
  ``description``: the HTML as found, else the excerpt; ``url``: the event page.
* ``start``/``end``: ``start_date``/``end_date`` are wall-clock times ("YYYY-MM-DD HH:MM:SS")
  in the event's ``timezone``; they become ISO 8601 with that zone's offset. A WordPress
  offset zone (``UTC+1``, ``UTC+5.5``) is a fixed offset; an unknown zone falls back to
  ``utc_start_date``/``utc_end_date`` shown in the source's timezone. All-day events give
  dates only, ``end`` the last day (the plugin ends them at 23:59:59 of that day) and
  ``all_day`` ``"true"``.
* ``price_text``: ``cost`` as written (``"5 €"``, ``"Kostenlos"``, ``"3 € – 6 €"``);
  ``is_free`` ``"true"`` when every number in ``cost_details.values`` is zero.
* ``venue`` -> ``location_key`` (its id), ``location_name``, ``street``, ``postal_code``,
  ``city``, ``latitude``/``longitude``; an event without venue has ``[]`` there.
* ``organizer``: the organisers' names (their e-mail addresses and phones are left out).
* ``categories``: the names of the event categories, then of the tags, each once.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipelines.mapping._feed_values import number_text, text
from pipelines.mapping.base import register_shape
from schemas.raw import RawRecord, RawShape
from schemas.source import Source

Slots = dict[str, Any]

_OFFSET_ZONE = re.compile(r"^UTC(?:([+-])(\d{1,2})(?:([.:])(\d{1,2}))?)?$")
_WALL_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


@register_shape(RawShape.TRIBE)
def map_tribe(record: RawRecord, source: Source) -> Slots:
    event = record.fields
    slots: Slots = {
        "title": plain(event.get("title")),
        "description": text(event.get("description")) or text(event.get("excerpt")),
        "url": text(event.get("url")) or record.url,
        "price_text": plain(event.get("cost")),
        "is_free": _free(event.get("cost_details")),
        "organizer": _names(event.get("organizer"), "organizer"),
        "categories": _unique(
            _names(event.get("categories"), "name") + _names(event.get("tags"), "name")
        ),
    }
    slots |= _venue(event.get("venue"))
    slots |= _timing(event, source.timezone)
    return {slot: value for slot, value in slots.items() if value not in (None, "", [])}


def plain(value: Any) -> str | None:
    """Text with HTML entities decoded (a no-break space becomes a space)."""
    written = text(value)
    if written is None:
        return None
    return html.unescape(written).replace("\xa0", " ").strip() or None


def event_zone(name: Any) -> tzinfo | None:
    """The zone of a plugin ``timezone``: an IANA name, or a WordPress offset (``UTC+5.5``)."""
    written = text(name)
    if not written:
        return None
    match = _OFFSET_ZONE.match(written.replace(" ", ""))
    if match:
        sign, hours, separator, part = match.groups()
        if not sign:
            return UTC
        minutes = int(hours) * 60
        if part:
            minutes += round(float(f"0.{part}") * 60) if separator == "." else int(part)
        return timezone(timedelta(minutes=-minutes if sign == "-" else minutes))
    try:
        return ZoneInfo(written)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _timing(event: dict[str, Any], source_zone: str) -> Slots:
    if _truthy(event.get("all_day")):
        first, last = _day(event.get("start_date")), _day(event.get("end_date"))
        if first is None:
            return {}
        if last is not None and last < first:
            last = first
        return {
            "start": first.isoformat(),
            "end": last.isoformat() if last else None,
            "all_day": "true",
        }
    zone = event_zone(event.get("timezone"))
    fallback = ZoneInfo(source_zone)
    return {
        "start": _instant(event.get("start_date"), event.get("utc_start_date"), zone, fallback),
        "end": _instant(event.get("end_date"), event.get("utc_end_date"), zone, fallback),
    }


def _instant(local: Any, utc: Any, zone: tzinfo | None, fallback: tzinfo) -> str | None:
    """ISO date-time with offset: the wall time in the event's zone, else the UTC time shown
    in the source's zone, else the wall time read in the source's zone, else as written."""
    wall, universal = _wall(local), _wall(utc)
    if wall is not None and zone is not None:
        return _localise(wall, zone).isoformat()
    if universal is not None:
        return universal.replace(tzinfo=UTC).astimezone(fallback).isoformat()
    if wall is not None:
        return _localise(wall, fallback).isoformat()
    return text(local)


def _localise(wall: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in ``zone``; a time in the spring-forward gap moves forward."""
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def _wall(value: Any) -> datetime | None:
    written = text(value)
    if not written:
        return None
    for form in _WALL_FORMATS:
        try:
            return datetime.strptime(written, form)
        except ValueError:
            continue
    return None


def _day(value: Any) -> date | None:
    written = text(value)
    try:
        return date.fromisoformat(written[:10]) if written else None
    except ValueError:
        return None


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return value is True or value == 1


def _venue(value: Any) -> Slots:
    venue = value[0] if isinstance(value, list) and value else value
    if not isinstance(venue, dict):
        return {}
    return {
        "location_key": _number_or_text(venue.get("id")),
        "location_name": plain(venue.get("venue")),
        "street": plain(venue.get("address")),
        "postal_code": text(venue.get("zip")),
        "city": plain(venue.get("city")),
        "latitude": _number_or_text(venue.get("geo_lat")),
        "longitude": _number_or_text(venue.get("geo_lng")),
    }


def _names(value: Any, field: str) -> list[str]:
    members = value if isinstance(value, list) else [value]
    names = [plain(member.get(field)) for member in members if isinstance(member, dict)]
    return _unique([name for name in names if name])


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _free(details: Any) -> str | None:
    values = details.get("values") if isinstance(details, dict) else None
    if not isinstance(values, list) or not values:
        return None
    try:
        amounts = [float(str(v).replace(",", ".")) for v in values]
    except ValueError:
        return None
    return "true" if all(amount == 0 for amount in amounts) else None


def _number_or_text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return number_text(value)
    return text(value)
