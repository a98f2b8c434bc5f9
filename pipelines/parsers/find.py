"""Values found inside running text: one entry point per kind, for sentences as providers
write them ("Die Ferienspiele beginnen jeweils um 9.30 Uhr und gehen bis 16.30 Uhr").

Each finder returns what the sentence holds of its kind — a list where a sentence may hold
several (dates, times, ages, phone numbers), one combined value otherwise (prices, opening
hours, places, registration) — or an empty answer when it holds none it can read for sure.
A wrong value is worse than none: every finder leaves out what it cannot place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pipelines.parsers.ages import AgeSpec, parse_ages
from pipelines.parsers.contact import parse_phone
from pipelines.parsers.dates_in_text import find_dates
from pipelines.parsers.hours import OpeningHours, parse_opening_hours
from pipelines.parsers.moments import parse_moment
from pipelines.parsers.places import Places, parse_places
from pipelines.parsers.prices import PriceInfo, parse_prices
from pipelines.parsers.result import InvalidValue, Unparsed
from pipelines.parsers.times_in_text import find_times

__all__ = ["find_ages", "find_dates", "find_hours", "find_phones", "find_places",
           "find_prices", "find_registration", "find_times"]


@dataclass(frozen=True, slots=True)
class Registration:
    """When registration opens and when it closes (local date or date-time)."""

    opens: datetime | date | None = None
    closes: datetime | date | None = None


def _ok(value):
    return None if isinstance(value, Unparsed) else value


def _safe(parser, *args, **kwargs):
    try:
        return _ok(parser(*args, **kwargs))
    except InvalidValue:
        return None


def find_prices(text: str) -> PriceInfo | None:
    return _safe(parse_prices, text)


def find_ages(text: str) -> list[AgeSpec]:
    spec = _safe(parse_ages, text)
    return [spec] if spec else []


def find_hours(text: str) -> OpeningHours | None:
    return _safe(parse_opening_hours, text)


def find_phones(text: str) -> list[str]:
    phone = _safe(parse_phone, text)
    return [phone] if phone else []


def find_places(text: str) -> Places | None:
    return _safe(parse_places, text)


def find_registration(text: str, *, reference: date) -> Registration | None:
    moment = _safe(parse_moment, text, reference=reference)
    return Registration(opens=moment) if moment else None
