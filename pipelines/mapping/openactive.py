"""Raw OpenActive items (shape OPENACTIVE, one RPDE item as read) → draft slots.

Handles SessionSeries, ScheduledSession (title, description, organiser, location, offers and
ages come from its embedded ``superEvent`` where the session has none), CourseInstance, Event,
FacilityUse/IndividualFacilityUse and Slot (parent: ``facilityUse``); both ``@type``/``@id`` and
the older ``type``/``id`` spellings. Tombstones (``state: deleted``) map to nothing: the
pipeline withdraws the offer by its key.

Timing: the first ``eventSchedule`` becomes ``start``/``end`` of the first session (ISO with the
offset of ``scheduleTimezone``), an ``rrule`` (``repeatFrequency`` P1D/P7D/P2W/P1M/P1Y…,
``byDay`` as schema.org day URIs or iCalendar codes, ``byMonthDay``, ``byMonth``;
``repeatCount`` → COUNT, else ``endDate`` → UNTIL at the end of that day in UTC) and
``exception_dates`` (``exceptDate`` as written). Without a schedule, ``startDate``/``endDate``
as written, else the span of embedded ``subEvent``\\ s.

Prices: each offer as ``"name: 5,75 GBP"``. Ages: ``ageRange`` min/max (years). A Person as
organiser is left out (private person). This module overlaps with the schema.org JSON-LD mapper
in what an Event or Place looks like; it stays self-contained because OpenActive adds its own
structures (Schedule with scheduleTimezone, RPDE envelope, beta offers, facility hours).
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipelines.mapping._feed_values import as_list, number_text, price_expression, text, texts
from pipelines.mapping.base import register_shape
from pipelines.sessions import ScheduleError, localise, parse_duration
from schemas.raw import RawRecord, RawShape
from schemas.source import Source

_DAYS = {
    "monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH",
    "friday": "FR", "saturday": "SA", "sunday": "SU",
}
_ICAL_DAY = re.compile(r"^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$")
_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_COORDINATES = re.compile(r"^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$")
_STATUS = {"eventcancelled": "abgesagt", "eventpostponed": "verschoben"}
_PARENT_KEYS = ("superEvent", "facilityUse")


@register_shape(RawShape.OPENACTIVE)
def map_openactive(record: RawRecord, source: Source) -> dict[str, Any]:
    fields = record.fields
    if fields.get("state") == "deleted":
        return {}
    data = fields.get("data") if isinstance(fields.get("data"), dict) else fields
    parent = next((data[k] for k in _PARENT_KEYS if isinstance(data.get(k), dict)), {})

    def pick(key: str) -> Any:
        value = data.get(key)
        return value if value not in (None, "", [], {}) else parent.get(key)

    slots: dict[str, Any] = {
        "kind": _type(data),
        "title": text(pick("name")),
        "description": text(pick("description")),
        "url": text(pick("url")),
        "organizer": _organizer(pick("organizer") or pick("provider")),
        "categories": _labels(pick("activity")) + texts(pick("category")),
        "status": _STATUS.get(_last_segment(text(data.get("eventStatus")))),
        "prices": [p for p in (_price(o) for o in as_list(pick("offers"))) if p],
        "is_free": "true" if pick("isAccessibleForFree") is True else None,
        "booking_url": next((text(o.get("url")) for o in as_list(pick("offers"))
                             if isinstance(o, dict) and text(o.get("url"))), None),
        "target_groups": _gender(pick("genderRestriction")),
        "accessibility": _labels(pick("accessibilitySupport"))
        + texts(pick("accessibilityInformation")),
        "capacity": _number(data.get("maximumAttendeeCapacity")),
        "free_places": _number(data.get("remainingAttendeeCapacity")),
        "opening_hours": _hours(pick("hoursAvailable")),
    }
    age = pick("ageRange")
    if isinstance(age, dict):
        slots["age_min"] = _number(age.get("minValue"))
        slots["age_max"] = _number(age.get("maxValue"))
    slots.update(_location(pick("location"), pick("eventAttendanceMode")))
    slots.update(_timing(data, source.timezone))
    return {name: value for name, value in slots.items() if value not in (None, "", [])}


def _type(data: dict[str, Any]) -> str | None:
    value = data.get("@type", data.get("type"))
    return text(value[0] if isinstance(value, list) and value else value)


def _last_segment(value: str | None) -> str:
    if not value:
        return ""
    return re.split(r"[/#:]", value)[-1].strip().lower()


def _organizer(value: Any) -> str | None:
    for item in as_list(value):
        if isinstance(item, dict):
            if _type(item) == "Person":
                continue
            name = text(item.get("name")) or text(item.get("legalName"))
            if name:
                return name
        elif isinstance(item, str) and not item.startswith(("http://", "https://")):
            return item.strip() or None
    return None


def _labels(value: Any) -> list[str]:
    labels: list[str] = []
    for item in as_list(value):
        if isinstance(item, dict):
            labels += texts(item.get("prefLabel") or item.get("name"))
        else:
            labels += texts(item)
    return labels


def _gender(value: Any) -> list[str]:
    """``https://openactive.io/FemaleOnly`` → ``["FemaleOnly"]``; no restriction → nothing."""
    written = text(value)
    if not written or _last_segment(written) == "norestriction":
        return []
    return [re.split(r"[/#:]", written)[-1].strip()]


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return number_text(value)
    return text(value)


def _price(offer: Any) -> str | None:
    if not isinstance(offer, dict):
        return None
    return price_expression(offer.get("price"), offer.get("priceCurrency"), offer.get("name"))


def _hours(value: Any) -> str | None:
    parts: list[str] = []
    for spec in as_list(value):
        if not isinstance(spec, dict):
            continue
        days = [_DAYS.get(_last_segment(d), "") for d in as_list(spec.get("dayOfWeek"))]
        days = [d[:1] + d[1:].lower() for d in days if d]
        opens, closes = text(spec.get("opens")), text(spec.get("closes"))
        if days and opens and closes:
            parts.append(f"{','.join(days)} {opens}-{closes}")
    return "; ".join(parts) or None


def _location(value: Any, attendance: Any) -> dict[str, Any]:
    place = value[0] if isinstance(value, list) and value else value
    if not isinstance(place, dict):
        if _last_segment(text(attendance)) == "onlineeventattendancemode":
            return {"location_name": "online"}
        return {"location_name": text(place)} if isinstance(place, str) else {}
    slots: dict[str, Any] = {}
    name = text(place.get("name"))
    if name and not _COORDINATES.match(name):
        slots["location_name"] = name
    slots["location_key"] = text(place.get("identifier")) or text(place.get("@id")) \
        or text(place.get("id"))
    address = place.get("address")
    if isinstance(address, dict):
        slots["street"] = text(address.get("streetAddress"))
        slots["postal_code"] = text(address.get("postalCode"))
        slots["city"] = text(address.get("addressLocality"))
    elif isinstance(address, str):
        slots["address"] = text(address)
    geo = place.get("geo")
    if isinstance(geo, dict):
        slots["latitude"] = _number(geo.get("latitude"))
        slots["longitude"] = _number(geo.get("longitude"))
    return slots


def _timing(data: dict[str, Any], default_zone: str) -> dict[str, Any]:
    schedules = [s for s in as_list(data.get("eventSchedule")) if isinstance(s, dict)]
    if schedules:
        return _schedule(schedules[0], default_zone)
    start, end = text(data.get("startDate")), text(data.get("endDate"))
    if start is None:
        subs = [s for s in as_list(data.get("subEvent")) if isinstance(s, dict)
                and text(s.get("startDate"))]
        if subs:
            first = min(subs, key=lambda s: text(s.get("startDate")) or "")
            last = max(subs, key=lambda s: text(s.get("endDate")) or text(s.get("startDate")) or "")
            start = text(first.get("startDate"))
            end = text(last.get("endDate")) or end
    return {"start": start, "end": end}


def _schedule(schedule: dict[str, Any], default_zone: str) -> dict[str, Any]:
    zone_name = text(schedule.get("scheduleTimezone")) or default_zone
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(default_zone)
    start_day = _date(text(schedule.get("startDate")))
    end_day = _date(text(schedule.get("endDate")))
    start_time = _time(text(schedule.get("startTime")))
    end_time = _time(text(schedule.get("endTime")))
    slots: dict[str, Any] = {
        "exception_dates": texts(schedule.get("exceptDate")),
        "rrule": _rrule(schedule, end_day, end_time, zone, timed=start_time is not None),
    }
    if start_day is None:
        slots["time_text"] = _times_text(start_time, end_time)
        return slots
    if start_time is None:
        slots["start"] = start_day.isoformat()
        slots["all_day"] = "true"
        return slots
    begin = localise(datetime.combine(start_day, start_time), zone)
    slots["start"] = begin.isoformat()
    if end_time is not None:
        finish_day = start_day if end_time > start_time else start_day + timedelta(days=1)
        slots["end"] = localise(datetime.combine(finish_day, end_time), zone).isoformat()
    elif text(schedule.get("duration")):
        with contextlib.suppress(ScheduleError):
            duration = parse_duration(text(schedule.get("duration")) or "")
            slots["end"] = (begin + duration).isoformat()
    return slots


def _rrule(
    schedule: dict[str, Any], end_day: date | None, end_time: time | None, zone: ZoneInfo,
    *, timed: bool,
) -> str | None:
    frequency = _frequency(text(schedule.get("repeatFrequency")))
    days = [_day(d) for d in as_list(schedule.get("byDay"))]
    days = [d for d in days if d]
    if frequency is None and not days:
        return None
    parts = [frequency or "FREQ=WEEKLY"]
    if days:
        parts.append("BYDAY=" + ",".join(days))
    month_days = [number_text(v) for v in as_list(schedule.get("byMonthDay"))
                  if isinstance(v, int | float)]
    if month_days:
        parts.append("BYMONTHDAY=" + ",".join(month_days))
    months = [number_text(v) for v in as_list(schedule.get("byMonth"))
              if isinstance(v, int | float)]
    if months:
        parts.append("BYMONTH=" + ",".join(months))
    count = schedule.get("repeatCount")
    if isinstance(count, int) and not isinstance(count, bool) and count > 0:
        parts.append(f"COUNT={count}")
    elif end_day is not None:
        if timed:
            last = localise(datetime.combine(end_day, time(23, 59, 59)), zone).astimezone(UTC)
            parts.append(f"UNTIL={last:%Y%m%dT%H%M%SZ}")
        else:
            parts.append(f"UNTIL={end_day:%Y%m%d}")
    return ";".join(parts)


def _frequency(period: str | None) -> str | None:
    if not period:
        return None
    match = _PERIOD.match(period.strip().upper())
    if not match or not any(match.groups()):
        return None
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    if years and not (months or weeks or days):
        unit, interval = "YEARLY", years
    elif months and not (years or weeks or days):
        unit, interval = "MONTHLY", months
    elif (weeks or days) and not (years or months):
        total = weeks * 7 + days
        unit, interval = ("WEEKLY", total // 7) if total % 7 == 0 else ("DAILY", total)
    else:
        return None
    return f"FREQ={unit}" + (f";INTERVAL={interval}" if interval > 1 else "")


def _day(value: Any) -> str | None:
    written = text(value)
    if not written:
        return None
    if _ICAL_DAY.match(written.upper()):
        return written.upper()
    return _DAYS.get(_last_segment(written))


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _time(value: str | None) -> time | None:
    if not value:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        return None


def _times_text(start: time | None, end: time | None) -> str | None:
    if start and end:
        return f"{start:%H:%M}-{end:%H:%M}"
    return f"{start:%H:%M}" if start else None
