"""iCalendar feeds (RFC 5545): one raw record per UID, shape ICAL.

The text is repaired first (:mod:`scrapers.readers._ical_text`), then parsed with the
``icalendar`` library. Each record holds the master VEVENT's properties as strings and lists:

* ``DTSTART``/``DTEND``/``RDATE``/``EXDATE``/``RECURRENCE-ID``: ISO 8601 — with offset for timed
  values, a plain date for all-day values; ``TZID`` names the IANA zone the timed ``DTSTART`` was
  read in. A TZID is resolved by name (IANA, Windows, vendor-prefixed IANA), else
  ``X-WR-TIMEZONE``, else the source's ``timezone``; floating times use ``X-WR-TIMEZONE``, else the
  source's zone; UTC times are shown in ``X-WR-TIMEZONE`` when the calendar names one (same
  instant, and recurrences then follow the local wall clock as the producer meant).
* ``DURATION``, ``RRULE`` (the first rule, without prefix), ``SUMMARY``, ``DESCRIPTION``,
  ``LOCATION``, ``URL``, ``STATUS``, ``CLASS``, ``CATEGORIES`` (list), ``ORGANIZER`` and
  ``ORGANIZER-CN``, ``GEO`` (``lat;lon``), ``X-ALT-DESC`` — where present; a value the library
  cannot read is kept as written and reported as a problem.
* ``OVERRIDES``: the RECURRENCE-ID components of the same UID, each with ``RECURRENCE-ID``
  (and ``RANGE``), ``DTSTART``, ``DTEND``, ``DURATION``, ``SUMMARY``, ``STATUS``, ``LOCATION``.

Keys: the UID. A feed that reuses one UID for several unrelated events (several components
without RECURRENCE-ID) gets ``UID/DTSTART`` for each of them (``#n`` appended if even that
repeats); overrides go to the latest of those events starting at or before them. A UID with
only overrides (the master was deleted) becomes one record built from its earliest override.
Sources whose UIDs are not stable across files (the ferien-api feeds number their events
1..5 every year) should set ``key = ["UID", "DTSTART"]`` in the registry.
"""

from __future__ import annotations

import codecs
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Component, vDuration
from icalendar.error import GloballyUniqueTZIDGuessed
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from pydantic import Field, field_validator

from schemas.base import TIMEZONE
from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers import _ical_text
from scrapers.readers.base import ReaderError
from scrapers.readers.parsing import (
    ReaderOptions,
    make_record,
    parse_options,
    register_file_reader,
    register_parser,
)
from scrapers.readers.problems import KeyTracker, ProblemLog, RowProblem

TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "CLASS", "X-ALT-DESC")
OVERRIDE_TEXT = ("SUMMARY", "STATUS", "LOCATION")


class IcalOptions(ReaderOptions):
    encoding: str | None = Field(
        None, description="Text encoding of the feed (default: UTF-8, else Windows-1252)"
    )

    @field_validator("encoding")
    @classmethod
    def _known(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(f"unknown encoding {value!r}") from None
        return value


def resolve_zone(tzid: str | None) -> str | None:
    """The IANA zone a TZID names: itself, its Windows mapping, or a vendor-prefixed IANA name."""
    if not tzid:
        return None
    cleaned = tzid.strip().strip('"').strip("/")
    candidates = [cleaned]
    if cleaned in WINDOWS_TO_OLSON:
        candidates.append(WINDOWS_TO_OLSON[cleaned])
    parts = cleaned.split("/")
    candidates += ["/".join(parts[start:]) for start in range(1, len(parts))]
    for name in candidates:
        if not name or name.startswith(".") or ".." in name:
            continue
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return None


def localise(wall: datetime, zone: str) -> datetime:
    """A wall-clock time in ``zone`` (times in a DST gap move forward, ambiguous ones are the
    first, as RFC 5545 says)."""
    tz = ZoneInfo(zone)
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


@dataclass(frozen=True)
class _Zones:
    floating: str  # zone of floating times and unknown TZIDs
    utc_shown_in: str | None  # X-WR-TIMEZONE: UTC times are expressed in it


@dataclass
class IcalItem:
    """One record-to-be: its key (None without UID), fields, the position of its (master)
    VEVENT in the file and the values that could not be read (property, message)."""

    key: str | None
    fields: dict[str, Any]
    position: int
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"VEVENT {self.position}"


@dataclass
class _Event:
    uid: str | None
    fields: dict[str, Any]
    position: int
    warnings: list[tuple[str, str]]


def calendar_items(
    content: bytes, *, default_timezone: str = TIMEZONE, encoding: str | None = None
) -> list[IcalItem]:
    """Records of an iCalendar file's bytes, one per UID (see the module docstring)."""
    text = _ical_text.clean(_ical_text.decode(content, encoding))
    events: list[_Event] = []
    with warnings.catch_warnings():
        # TZIDs are resolved by resolve_zone(); the library's guess need not be announced
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        for calendar in Calendar.from_ical(text, multiple=True):
            zones = _calendar_zones(calendar, default_timezone)
            for component in calendar.walk("VEVENT"):
                events.append(_event(component, zones, len(events) + 1))
    return _group(events)


def _calendar_zones(calendar: Component, default_timezone: str) -> _Zones:
    named = resolve_zone(str(calendar.get("X-WR-TIMEZONE") or "").strip() or None)
    return _Zones(floating=named or default_timezone, utc_shown_in=named)


def _event(component: Component, zones: _Zones, position: int) -> _Event:
    warnings: list[tuple[str, str]] = []
    fields: dict[str, Any] = {}
    uid = _first(component, "UID")
    uid_text = str(uid).strip() if uid is not None else ""
    if uid_text:
        fields["UID"] = uid_text
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = _first(component, name)
        if prop is None:
            continue
        iso, zone = _when(prop, zones, name, warnings)
        fields[name] = iso
        if name == "DTSTART" and zone:
            fields["TZID"] = zone
        if name == "RECURRENCE-ID" and prop.params.get("RANGE"):
            fields["RANGE"] = str(prop.params["RANGE"])
    duration = _first(component, "DURATION")
    if duration is not None:
        fields["DURATION"] = _ical_string(duration)
    rules = _all(component, "RRULE")
    if rules:
        fields["RRULE"] = _ical_string(rules[0])
        if len(rules) > 1:
            warnings.append(("RRULE", f"{len(rules)} rules; only the first is kept"))
    for name in ("EXDATE", "RDATE"):
        values = _date_list(component, name, zones, warnings)
        if values:
            fields[name] = values
    for name in TEXT_PROPERTIES:
        prop = _first(component, name)
        if prop is not None:
            fields[name] = str(prop)
    categories = [str(c) for prop in _all(component, "CATEGORIES") for c in _categories(prop)]
    if categories:
        fields["CATEGORIES"] = categories
    organizer = _first(component, "ORGANIZER")
    if organizer is not None:
        fields["ORGANIZER"] = str(organizer)
        if organizer.params.get("CN"):
            fields["ORGANIZER-CN"] = str(organizer.params["CN"])
    geo = _first(component, "GEO")
    if geo is not None:
        fields["GEO"] = _ical_string(geo)
    for name, message in component.errors:
        if name not in ("DTSTAMP", "CREATED", "LAST-MODIFIED"):
            warnings.append((name, f"cannot read value: {message}"))
    return _Event(uid_text or None, fields, position, warnings)


def _first(component: Component, name: str) -> Any:
    value = component.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _all(component: Component, name: str) -> list[Any]:
    value = component.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ical_string(prop: Any) -> str:
    if _is_broken(prop):
        return str(prop)
    raw = prop.to_ical()
    return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)


def _is_broken(prop: Any) -> bool:
    return type(prop).__name__ == "vBroken"


def _categories(prop: Any) -> list[Any]:
    return list(getattr(prop, "cats", [prop]))


def _when(
    prop: Any, zones: _Zones, name: str, warnings: list[tuple[str, str]]
) -> tuple[str, str | None]:
    """ISO text and zone name (of timed values) of a date-time property."""
    if _is_broken(prop):
        return str(prop), None
    return _convert(prop.dt, prop.params.get("TZID"), zones, name, warnings)


def _convert(
    value: Any, tzid: str | None, zones: _Zones, name: str, warnings: list[tuple[str, str]]
) -> tuple[str, str | None]:
    if isinstance(value, datetime):
        if tzid:
            zone = resolve_zone(str(tzid))
            if zone is None:
                zone = zones.floating
                warnings.append((name, f"unknown TZID {tzid!r}; read in {zone}"))
            aware = localise(value.replace(tzinfo=None), zone)
        elif value.tzinfo is not None:
            zone = zones.utc_shown_in or "UTC"
            aware = value.astimezone(ZoneInfo(zone))
        else:
            zone = zones.floating
            aware = localise(value, zone)
        return aware.isoformat(), zone
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, timedelta):
        return _duration_text(value), None
    return str(value), None


def _duration_text(value: timedelta) -> str:
    return vDuration(value).to_ical().decode("ascii")


def _date_list(
    component: Component, name: str, zones: _Zones, warnings: list[tuple[str, str]]
) -> list[str]:
    values: list[str] = []
    for prop in _all(component, name):
        if _is_broken(prop):
            values.append(str(prop))
            continue
        list_tzid = prop.params.get("TZID")
        for item in prop.dts:
            tzid = item.params.get("TZID") or list_tzid
            if isinstance(item.dt, tuple):  # PERIOD: start/end or start/duration
                begin, finish = item.dt
                begin_text = _convert(begin, tzid, zones, name, warnings)[0]
                finish_text = _convert(finish, tzid, zones, name, warnings)[0]
                values.append(f"{begin_text}/{finish_text}")
            else:
                values.append(_convert(item.dt, tzid, zones, name, warnings)[0])
    return values


def _group(events: list[_Event]) -> list[IcalItem]:
    """Masters with their overrides, keyed as the module docstring says, in file order."""
    by_uid: dict[str, list[_Event]] = {}
    items: list[IcalItem] = []
    for event in events:
        if event.uid is None:
            items.append(IcalItem(None, event.fields, event.position, event.warnings))
        else:
            by_uid.setdefault(event.uid, []).append(event)
    for uid, group in by_uid.items():
        masters = [e for e in group if "RECURRENCE-ID" not in e.fields]
        overrides = sorted(
            (e for e in group if "RECURRENCE-ID" in e.fields),
            key=lambda e: _sort_key(e.fields["RECURRENCE-ID"]),
        )
        if not masters:
            masters, overrides = [overrides[0]], overrides[1:]
        attached: dict[int, list[_Event]] = {i: [] for i in range(len(masters))}
        for override in overrides:
            attached[_owner(masters, override)].append(override)
        keys = _keys(uid, masters)
        for index, master in enumerate(masters):
            fields = dict(master.fields)
            warnings = list(master.warnings)
            if attached[index]:
                fields["OVERRIDES"] = [_override_fields(o) for o in attached[index]]
                for o in attached[index]:
                    warnings += o.warnings
            items.append(IcalItem(keys[index], fields, master.position, warnings))
    items.sort(key=lambda item: item.position)
    return items


def _keys(uid: str, masters: list[_Event]) -> list[str]:
    if len(masters) == 1:
        return [uid]
    keys: list[str] = []
    for master in masters:
        key = f"{uid}/{master.fields.get('DTSTART', '')}"
        count = sum(1 for k in keys if k == key or k.startswith(key + "#"))
        keys.append(key if count == 0 else f"{key}#{count + 1}")
    return keys


def _owner(masters: list[_Event], override: _Event) -> int:
    """Index of the master an override belongs to: the latest one starting at or before it."""
    rid = _sort_key(override.fields["RECURRENCE-ID"])
    starts = [_sort_key(master.fields.get("DTSTART", "")) for master in masters]
    candidates = [i for i, start in enumerate(starts) if start <= rid]
    return max(candidates, key=lambda i: starts[i]) if candidates else 0


def _sort_key(iso: str) -> float:
    """Instant of an ISO date or date-time for ordering (dates at UTC midnight; bad text last)."""
    try:
        value = datetime.fromisoformat(iso.split("/")[0])
    except ValueError:
        return float("inf")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def _override_fields(event: _Event) -> dict[str, Any]:
    names = ("RECURRENCE-ID", "RANGE", "DTSTART", "DTEND", "DURATION", *OVERRIDE_TEXT)
    return {name: event.fields[name] for name in names if name in event.fields}


@register_parser("ical")
def parse(
    content: bytes,
    source: Source,
    *,
    url: str | None,
    fetched_at: datetime,
    problems: ProblemLog | None = None,
) -> Iterator[RawRecord]:
    """Raw records of an iCalendar file's bytes (pure: no fetching)."""
    options = parse_options(IcalOptions, source)
    problems = problems if problems is not None else ProblemLog()
    try:
        items = calendar_items(content, default_timezone=source.timezone,
                               encoding=options.encoding)
    except _ical_text.Truncated as exc:
        raise ReaderError(f"source {source.id!r}: {exc}") from None
    except (_ical_text.NotICalendar, ValueError) as exc:
        raise ReaderError(f"source {source.id!r}: not a readable iCalendar feed: {exc}") from None
    keys = KeyTracker(source.id, problems)
    for item in items:
        where = f"{item.where} (UID {item.key!r})" if item.key else item.where
        for name, message in item.warnings:
            problems.add(RowProblem(source.id, where, name, message, skipped=False))
        record = make_record(source, item.fields, where=where, url=url, fetched_at=fetched_at,
                             problems=problems, keys=keys, fallback_key=item.key,
                             shape=RawShape.ICAL)
        if record is not None:
            yield record


read = register_file_reader("ical", IcalOptions, parse)
