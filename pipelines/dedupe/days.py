"""The days an offer takes place on, cheaply: first day, last day and the set of session days.

Only what the duplicate finder needs: calendar days (as ``date.toordinal()`` integers), no
times, no DST. The canonical rules of :mod:`pipelines.sessions` are followed where they decide
*which days* occur (``by_day`` without a rule is weekly; a daily time with an end after the
start is daily; ``end_date`` bounds a rule without COUNT/UNTIL; exception dates remove days;
extra starts add days), but simple rules (DAILY/WEEKLY with INTERVAL, COUNT, UNTIL, plain
BYDAY) are expanded here in O(sessions). Anything else (MONTHLY, ordinals, BYSETPOS, …) goes to
:func:`pipelines.sessions.expand_schedule`, about 100 times slower.

Two readings differ from :mod:`pipelines.sessions` on purpose: a rule's own COUNT or UNTIL wins
over a contradicting ``end_date`` (the sports club's feed gives "COUNT=4" with the first
session's day as the end), and ``Offer.end`` closes an open series only when it lies after the
first day (it is often just the end of the first session).

A series is cut after :data:`MAX_SESSIONS` days or :data:`HORIZON_DAYS` days after the start,
so an open-ended weekly group costs the same as a half-year course.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from pipelines.sessions import ScheduleError, expand_schedule
from schemas.base import TIMEZONE
from schemas.offer import Offer

MAX_SESSIONS = 200
HORIZON_DAYS = 370
LONG_SPAN_DAYS = 14
"""An all-day span without any rule longer than this is a period, not a run of sessions."""

_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_BOUNDED = re.compile(r"(UNTIL|COUNT)=", re.IGNORECASE)
_SIMPLE_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"})
_BERLIN = ZoneInfo(TIMEZONE)


@dataclass(frozen=True, slots=True)
class Days:
    """When an offer runs. ``days`` is ``None`` when only the period is known; ``open_end``
    marks a series without an end ("ab 12.01., dienstags"), cut at the horizon."""

    first: int
    last: int
    days: frozenset[int] | None
    open_end: bool = False


def offer_days(offer: Offer) -> Days | None:
    """The days of a time-bound offer, or ``None`` for an offer without dates (a Kita, a
    meeting place with opening hours)."""
    schedule = offer.schedule
    start = schedule.start_date if schedule else None
    end = schedule.end_date if schedule else None
    if start is None and offer.start is not None:
        start = offer.start.astimezone(_BERLIN).date()
    if start is None:
        return None
    if end is None and offer.end is not None:
        # often only the end of the first session: it closes a series only when it is later
        last = offer.end.astimezone(_BERLIN).date()
        end = last if last > start else None
    if end is not None and end < start:
        end = start

    rule = schedule.rrule if schedule else None
    if not rule and schedule and schedule.by_day:
        rule = "FREQ=WEEKLY;BYDAY=" + ",".join(day.value for day in schedule.by_day)
    has_time = (schedule is not None and schedule.start_time is not None) or offer.start is not None
    if not rule and has_time and end is not None and end > start:
        rule = "FREQ=DAILY"

    days: set[int] | None
    open_end = bool(rule) and end is None and not _BOUNDED.search(rule or "")
    if rule:
        days = _simple_rule_days(rule, start, end)
        if days is None:
            days = _full_expansion(offer, start, end, bounded=bool(_BOUNDED.search(rule)))
        if days is not None and offer.start is not None:
            days.add(offer.start.astimezone(_BERLIN).date().toordinal())
    elif end is None or end == start:
        days = {start.toordinal()}
    elif (end - start).days <= LONG_SPAN_DAYS:
        days = set(range(start.toordinal(), end.toordinal() + 1))
    else:
        days = None

    if days is not None and schedule is not None:
        days.difference_update(d.toordinal() for d in schedule.exception_dates)
        days.update(s.astimezone(_BERLIN).date().toordinal() for s in schedule.extra_starts)
    if days:
        return Days(min(days), max(days), frozenset(days), open_end)
    return Days(start.toordinal(), (end or start).toordinal(), None, open_end)


def _parse_rule(rule: str) -> dict[str, str] | None:
    parts: dict[str, str] = {}
    for part in rule.removeprefix("RRULE:").split(";"):
        if not part:
            continue
        name, _, value = part.partition("=")
        parts[name.strip().upper()] = value.strip().upper()
    return parts if set(parts) <= _SIMPLE_PARTS else None


def _until(value: str) -> date | None:
    """The last day of an UNTIL value: a date, a local date-time, or UTC (``…Z``, read on the
    Berlin wall clock). Parsed by hand: ``strptime`` costs more than the whole expansion."""
    try:
        day = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
        if len(value) >= 15 and value[8] == "T" and value.endswith("Z"):
            moment = datetime(day.year, day.month, day.day, int(value[9:11]), int(value[11:13]),
                              int(value[13:15]), tzinfo=UTC)
            return moment.astimezone(_BERLIN).date()
        return day
    except (ValueError, IndexError):
        return None


def _simple_rule_days(rule: str, start: date, end: date | None) -> set[int] | None:
    """Days of a DAILY/WEEKLY rule, or ``None`` when the rule is not simple."""
    parts = _parse_rule(rule)
    if parts is None or parts.get("FREQ") not in ("DAILY", "WEEKLY"):
        return None
    try:
        interval = max(1, int(parts.get("INTERVAL", "1")))
        count = int(parts["COUNT"]) if "COUNT" in parts else None
    except ValueError:
        return None
    until = _until(parts["UNTIL"]) if "UNTIL" in parts else None
    if "UNTIL" in parts and until is None:
        return None
    if until is None and count is None and end is not None:
        until = end
    weekdays: list[int] = []
    for code in filter(None, parts.get("BYDAY", "").split(",")):
        if code not in _WEEKDAYS:
            return None  # ordinals like 1SU are not simple
        weekdays.append(_WEEKDAYS[code])

    horizon = start + timedelta(days=HORIZON_DAYS)
    last = min(until, horizon) if until else horizon
    limit = min(count, MAX_SESSIONS) if count else MAX_SESSIONS
    first = start.toordinal()
    stop = last.toordinal()
    days: set[int] = set()
    if parts["FREQ"] == "DAILY":
        for day in range(first, stop + 1, interval):
            if weekdays and date.fromordinal(day).weekday() not in weekdays:
                continue
            days.add(day)
            if len(days) >= limit:
                break
        return days
    offsets = sorted(set(weekdays)) if weekdays else [start.weekday()]
    week = first - start.weekday()  # Monday of the start's week
    while week <= stop and len(days) < limit:
        for offset in offsets:
            day = week + offset
            if first <= day <= stop:
                days.add(day)
                if len(days) >= limit:
                    break
        week += 7 * interval
    return days


def _full_expansion(
    offer: Offer, start: date, end: date | None, *, bounded: bool
) -> set[int] | None:
    """Days of a rule this module does not expand itself. A rule with its own COUNT or UNTIL
    is not cut by the offer's end (feeds give the first session's end there)."""
    schedule = offer.schedule
    if schedule is None:
        return None
    schedule = schedule.model_copy(update={"end_date": None if bounded else end})
    window_end = start + timedelta(days=HORIZON_DAYS)
    try:
        occurrences = expand_schedule(offer.start, None, schedule, start, window_end)
    except (ScheduleError, ValueError, OverflowError):
        return None
    days = {o.start.astimezone(_BERLIN).date().toordinal() for o in occurrences[:MAX_SESSIONS]}
    return days or None
