"""Points in time: ISO 8601 ("2027-02-05T00:00:00.000+01:00", "20190304T140000") and German
("12.07.2027 10:00", "12.07.2027, 10 Uhr").

* A datetime is always returned timezone-aware in ``tz`` (Europe/Berlin): a naive one is
  localised there, one with an offset or "Z" is converted to it (same instant).
* A local time that does not exist (the hour skipped when clocks go forward) raises
  :class:`InvalidValue`; one that exists twice (the hour repeated in autumn) is
  :class:`Unparsed`, because choosing one of the two would be a guess.
* A date without a time is returned as a :class:`datetime.date`; an offset on a date
  ("2026-02-18+01:00", as in openQ-cat exports) carries no information and is dropped.
* A German date needs its year here (there is no reference date to infer it from).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipelines.parsers.dates import make_date, two_digit_year
from pipelines.parsers.result import InvalidValue, Unparsed, unparsed
from pipelines.parsers.text import fold
from pipelines.parsers.times import clock
from pipelines.parsers.words import MONTHS, WEEKDAY_ABBR, WEEKDAY_FULL, WEEKDAYS, alternation

_ISO = re.compile(
    r"(?P<y>\d{4})(?P<dash>-?)(?P<m>\d{2})(?P=dash)(?P<d>\d{2})"
    r"(?:[t ](?P<H>\d{2})(?:(?P<colon>:?)(?P<M>\d{2})"
    r"(?:(?P=colon)(?P<S>\d{2})(?:[.,](?P<F>\d{1,9}))?)?)?)?"
    r"\s*(?P<tz>z|[+-]\d{2}(?::?\d{2})?)?"
)
_WD = rf"(?P<wd>{alternation(WEEKDAY_FULL)}|(?:{alternation(WEEKDAY_ABBR)})\.?)"
_GERMAN = re.compile(
    rf"(?:{_WD}\s*,?\s*(?:den\s+)?)?"
    rf"(?:(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\.?\s?(?P<mon>{alternation(MONTHS)})\.?\s?(?P<y2>\d{{4}}))"
    r"(?:\s*,?\s*(?:um\s+|ab\s+)?(?P<H>\d{1,2})(?:[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<uhr>uhr|h)?)?"
)


@lru_cache(maxsize=16)
def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {tz!r}") from None


def localise(naive: datetime, tz: ZoneInfo) -> datetime | None:
    """``naive`` as a wall-clock time in ``tz``; InvalidValue if it does not exist, None if it
    exists twice (DST fold)."""
    aware = naive.replace(tzinfo=tz)
    round_trip = aware.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        raise InvalidValue(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {tz.key} (the clocks go forward that night)"
        )
    if aware.replace(fold=1).utcoffset() != aware.utcoffset():
        return None
    return aware


def parse_datetime(text: str | None, *, tz: str = "Europe/Berlin") -> datetime | date | Unparsed:
    """A timezone-aware datetime (or a date) from ISO 8601 or German text."""
    zone = _zone(tz)
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text).strip(" .,;")
    m = _ISO.fullmatch(s)
    if m:
        return _from_iso(text, m, zone)
    m = _GERMAN.fullmatch(s)
    if m:
        return _from_german(text, m, zone)
    return unparsed(text, "not an ISO 8601 or German date/time")


def _from_iso(text: str, m: re.Match[str], zone: ZoneInfo) -> datetime | date | Unparsed:
    day = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m["H"] is None:
        return day
    if m["M"] is None:
        return unparsed(text, "an hour without minutes is not an ISO 8601 time here")
    micro = int((m["F"] or "0")[:6].ljust(6, "0"))
    if int(m["H"]) == 24:
        raise InvalidValue("24:00 is not a start time; write 00:00 of the next day")
    t = clock(m["H"], m["M"], m["S"]).replace(microsecond=micro)
    naive = datetime.combine(day, t)
    if m["tz"]:
        return naive.replace(tzinfo=_offset(m["tz"])).astimezone(zone)
    local = localise(naive, zone)
    if local is None:
        return unparsed(text, f"{naive:%Y-%m-%d %H:%M} occurs twice in {zone.key} (clocks go back)")
    return local


def _offset(tz: str) -> timezone:
    if tz == "z":
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise InvalidValue(f"UTC offset {tz} is out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _from_german(text: str, m: re.Match[str], zone: ZoneInfo) -> datetime | date | Unparsed:
    if m["d"] is not None:
        y = int(m["y"])
        year = y if len(m["y"]) == 4 else two_digit_year(y)
        day = make_date(year, int(m["m"]), int(m["d"]))
    else:
        day = make_date(int(m["y2"]), MONTHS[m["mon"]], int(m["d2"]))
    if m["wd"]:
        word = m["wd"].rstrip(".")
        wd = WEEKDAY_FULL.get(word) or WEEKDAY_ABBR[word]
        if WEEKDAYS[day.weekday()] is not wd:
            raise InvalidValue(
                f"{day:%d.%m.%Y} is a {WEEKDAYS[day.weekday()].label_en}, not a {wd.label_en}"
            )
    if m["H"] is None:
        return day
    if m["M"] is None and not m["uhr"]:
        return unparsed(text, "a number after the date is not a time (add 'Uhr' or minutes)")
    if int(m["H"]) == 24:
        raise InvalidValue("24:00 is not a start time; write 00:00 of the next day")
    naive = datetime.combine(day, clock(m["H"], m["M"], m["S"]))
    local = localise(naive, zone)
    if local is None:
        return unparsed(text, f"{naive:%Y-%m-%d %H:%M} occurs twice in {zone.key} (clocks go back)")
    return local
