"""Raw XCRI-CAP presentations (shape XCRI_CAP, see :mod:`scrapers.readers.xcri`) → draft slots.

The presentation gives the dates (``mlo:start``/``end``, their ``dtf`` attribute when present,
as ISO dates), cost text, language, where to apply and its venue; the course gives title,
description (its ``dcterms:description``\\ s, else ``abstract``), url and subjects; the provider
is the organiser, and its ``mlo:location`` the address when the presentation names no venue.
A presentation's own description (e.g. "Year of entry: 2011") becomes the subtitle.
"""

from __future__ import annotations

from typing import Any

from pipelines.mapping._feed_values import as_list, iso_date, text, texts
from pipelines.mapping.base import register_shape
from schemas.raw import RawRecord, RawShape
from schemas.source import Source


@register_shape(RawShape.XCRI_CAP)
def map_xcri(record: RawRecord, source: Source) -> dict[str, Any]:
    provider = _dict(record.fields.get("provider"))
    course = _dict(record.fields.get("course"))
    presentation = _dict(record.fields.get("presentation"))
    descriptions = texts(course.get("dcterms:description"))
    slots: dict[str, Any] = {
        "kind": "course",
        "title": text(presentation.get("dc:title")) or text(course.get("dc:title")),
        "subtitle": "\n".join(texts(presentation.get("dcterms:description"))) or None,
        "description": "\n\n".join(descriptions) or text(course.get("abstract")),
        "url": text(presentation.get("mlo:url")) or text(course.get("mlo:url")),
        "categories": texts(course.get("dc:subject")),
        "organizer": text(provider.get("dc:title")),
        "start": _date(presentation.get("mlo:start")),
        "end": _date(presentation.get("end")),
        "price_text": "; ".join(texts(presentation.get("mlo:cost"))) or None,
        "languages": texts(presentation.get("mlo:languageOfInstruction")),
        "booking_url": text(presentation.get("applyTo")),
        "registration_text": _apply_window(presentation),
        "capacity": text(presentation.get("mlo:places")),
        "time_text": text(presentation.get("attendancePattern")),
    }
    slots.update(_place(presentation, provider))
    return {name: value for name, value in slots.items() if value not in (None, "", [])}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _date(value: Any) -> str | None:
    for item in as_list(value):
        if isinstance(item, dict) and text(item.get("@dtf")):
            return iso_date(item["@dtf"])
        if text(item):
            return iso_date(item)
    return None


def _apply_window(presentation: dict[str, Any]) -> str | None:
    start, until = _date(presentation.get("applyFrom")), _date(presentation.get("applyUntil"))
    if start and until:
        return f"{start} – {until}"
    return start or (f"– {until}" if until else None)


def _place(presentation: dict[str, Any], provider: dict[str, Any]) -> dict[str, Any]:
    venue = _dict(presentation.get("venue"))
    venue_provider = _dict(venue.get("provider"))
    location = _dict(venue_provider.get("mlo:location")) or _dict(provider.get("mlo:location"))
    slots: dict[str, Any] = {
        "location_name": text(venue_provider.get("dc:title")),
        "street": text(location.get("mlo:street")),
        "postal_code": text(location.get("mlo:postcode")),
        "city": text(location.get("mlo:town")),
        "address": text(location.get("mlo:address")),
    }
    lat, lon = text(location.get("geo:lat")), text(location.get("geo:long"))
    if lat and lon:
        slots.update(latitude=lat, longitude=lon)
    return slots
