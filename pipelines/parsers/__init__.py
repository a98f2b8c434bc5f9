"""German value parsers: one tested module per kind of value.

Every parser returns a typed value or :class:`Unparsed` (not recognised: clear the field,
flag and count it) and raises :class:`InvalidValue` for values that are recognised but
impossible (quarantine the record). None of them guesses.

=========================  ==============================================================
``parse_dates``            "12.–16.07.", "jeden Mittwoch", "in der ersten Sommerferienwoche"
``parse_datetime``         ISO 8601 and "12.07.2027, 10 Uhr" → aware datetime or date
``parse_times``            "8 bis 13 Uhr", "ab 15 Uhr", "ganztägig"
``parse_prices``           "15 Euro pro Woche, mit Mülheim-Pass die Hälfte"
``parse_ages``             "Sechs- bis Zwölfjährige", "U3", "für alle Altersgruppen"
``parse_opening_hours``    "Mo–Fr 7.00–16.30 Uhr" → OSM string + schema.org rows
``parse_places``           "noch 4 freie Plätze", "ausgebucht – Warteliste"; ``parse_capacity``
``parse_moment``           "Anmeldung ab 19 Uhr am 07.09.2026" → one aware datetime
``parse_phone`` …          phone (E.164), e-mail, URL, int, bool
``html_to_text``           HTML → clean plain text
=========================  ==============================================================
"""

from pipelines.parsers.ages import AgeSpec, parse_age_bound, parse_ages
from pipelines.parsers.contact import parse_email, parse_phone, parse_url
from pipelines.parsers.dates import YEAR_GRACE, DateSpec, parse_dates
from pipelines.parsers.datetimes import parse_datetime
from pipelines.parsers.holidays import (
    HolidayPeriod,
    SchoolHolidays,
    is_public_holiday,
    public_holidays,
)
from pipelines.parsers.hours import OpeningHours, parse_opening_hours
from pipelines.parsers.moments import parse_moment
from pipelines.parsers.places import Places, parse_capacity, parse_places
from pipelines.parsers.prices import PriceInfo, parse_prices
from pipelines.parsers.result import InvalidValue, Unparsed, jsonable
from pipelines.parsers.scalars import parse_bool, parse_int
from pipelines.parsers.text import clean_text, html_to_text
from pipelines.parsers.times import TimeSpan, parse_times

__all__ = [
    "YEAR_GRACE",
    "AgeSpec",
    "DateSpec",
    "HolidayPeriod",
    "InvalidValue",
    "OpeningHours",
    "Places",
    "PriceInfo",
    "SchoolHolidays",
    "TimeSpan",
    "Unparsed",
    "clean_text",
    "html_to_text",
    "is_public_holiday",
    "jsonable",
    "parse_age_bound",
    "parse_ages",
    "parse_bool",
    "parse_capacity",
    "parse_dates",
    "parse_datetime",
    "parse_email",
    "parse_int",
    "parse_moment",
    "parse_opening_hours",
    "parse_phone",
    "parse_places",
    "parse_prices",
    "parse_times",
    "parse_url",
    "public_holidays",
]
