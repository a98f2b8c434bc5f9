"""Builders for duplicate-finder tests: offers and venues with only what matters."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from schemas.ids import location_id, offer_id, organization_id
from schemas.location import Location
from schemas.offer import Offer

BERLIN = ZoneInfo("Europe/Berlin")
LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
SEEN = datetime(2026, 11, 21, 9, 30, tzinfo=BERLIN)


def venue(source: str, key: str, *, name: str | None = "Jugendzentrum Broich",
          street: str | None = "Ritterstraße 12", postcode: str | None = "45479",
          lat: float | None = None, lon: float | None = None) -> Location:
    return Location(
        id=location_id(source, key), source_id=source, name=name, street_address=street,
        postal_code=postcode, locality="Mülheim an der Ruhr", latitude=lat, longitude=lon,
        geo_precision="street" if lat is not None else None,
    )


def offer(source: str, key: str, title: str, *, location: Location | None = None,
          first: date | None = date(2027, 7, 19), last: date | None = date(2027, 7, 23),
          at: time | None = time(9), rrule: str | None = None, kind: str = "holiday_care",
          ages: tuple[int, int | None] | None = (72, 131), organiser: str | None = None,
          **fields: Any) -> Offer:
    """A holiday week Mo–Fr 9–13 by default (other start times last two hours);
    ``first=None`` for an undated offer."""
    schedule = None
    start = end = None
    if first is not None:
        until = time(13) if at == time(9) else time(at.hour + 2, at.minute) if at else None
        schedule = {"start_date": first, "end_date": last, "start_time": at,
                    "end_time": until, "rrule": rrule}
        if at is not None and until is not None:
            start = datetime.combine(first, at, BERLIN)
            end = datetime.combine(last or first, until, BERLIN)
    audience: dict[str, Any] = {}
    if ages is not None:
        audience = {"age_scope": "range", "age_min_months": ages[0], "age_max_months": ages[1]}
    data: dict[str, Any] = {
        "id": offer_id(source, key), "kind": kind, "title": title,
        "organization_id": organization_id(f"{source}:{organiser or 'org'}"),
        "organizer_name": organiser, "location_id": location.id if location else None,
        "audience": audience, "schedule": schedule, "start": start, "end": end,
        "provenance": {"source_id": source, "source_record_key": key,
                       "source_licence": LICENCE, "fetched_at": SEEN},
    }
    data.update(fields)
    return Offer.model_validate(data)
