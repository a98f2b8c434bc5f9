"""One moment in a sentence: "Anmeldung ab 19 Uhr am 07.09.2026", "Die Anmeldung ist ab dem
7. September 2026 um 19 Uhr freigeschaltet." -> an aware datetime (or a date without a time).

Exactly one date must appear (several dates, or none, are Unparsed); a time is optional. The
date is read by the date parser, the time by the time parser, so the rules are theirs.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from pipelines.parsers.dates import parse_dates
from pipelines.parsers.datetimes import localise
from pipelines.parsers.result import Unparsed, unparsed
from pipelines.parsers.text import fold
from pipelines.parsers.times import parse_times
from pipelines.parsers.words import MONTHS

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DATE = re.compile(
    rf"\b\d{{1,2}}\.\s*(?:\d{{1,2}}\.(?:\s*\d{{4}}|\d{{2}}\b)?|(?:{_MONTH})\.?(?:\s+\d{{4}})?)"
)
_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*uhr\b|\b\d{1,2}:\d{2}\b")


def parse_moment(
    text: str | None, *, reference: date, tz: str = "Europe/Berlin"
) -> datetime | date | Unparsed:
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text)
    dates = _DATE.findall(s)
    if len(dates) != 1:
        return unparsed(text, "no date" if not dates else "more than one date")
    spec = parse_dates(dates[0], reference=reference)
    if isinstance(spec, Unparsed) or spec.start is None or spec.start != spec.end:
        return unparsed(text, f"date {dates[0]!r} not understood")
    times = _TIME.findall(_DATE.sub(" ", s))
    if not times:
        return spec.start
    if len(times) > 1:
        return unparsed(text, "more than one time")
    span = parse_times(times[0])
    if isinstance(span, Unparsed) or span.start is None:
        return unparsed(text, f"time {times[0]!r} not understood")
    moment = localise(datetime.combine(spec.start, span.start or time(0)), ZoneInfo(tz))
    if moment is None:
        return unparsed(text, "the time exists twice that night (clocks go back)")
    return moment
