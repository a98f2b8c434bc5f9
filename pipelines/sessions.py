"""Concrete sessions of an offer: its timing expanded into occurrences within a window.

:func:`expand` is pure and works on plain values; :func:`expand_schedule` adapts the canonical
:class:`~schemas.offer.Schedule`, :func:`ical_occurrences` a raw iCalendar record (which keeps
RECURRENCE-ID overrides and RDATEs that the canonical model has no place for).

The rules, RFC 5545 where it is clear and ``recurring_ical_events`` where it is not:

* Recurrence is computed on the **wall clock** of the event's timezone, then localised: a weekly
  10:00 stays 10:00 across the DST switches. A wall time in the spring gap moves forward by the
  gap (02:30 → 03:30 CEST) and keeps its length; an ambiguous autumn time is read as the first
  (summer-time) one.
* A **timed** occurrence lasts the wall-clock difference DTEND − DTSTART (or DURATION): an event
  from 22:00 to 10:00 ends at 10:00 also on the night the clocks change.
* An **all-day** occurrence has ``all_day=True`` and runs from local midnight of its first day to
  local midnight after its last day (end exclusive, as DTEND of a date is); both are aware
  datetimes, so all-day and timed sessions sort and store alike. An all-day event without an
  end, or with an end not after its start, lasts one day.
* DTSTART is always the first occurrence, also when the rule would not produce it, and COUNT
  includes it. UNTIL in UTC is compared on the local wall clock; an UNTIL date on a timed event
  includes that whole day.
* EXDATE removes the occurrence starting then (an EXDATE date removes every occurrence of that
  day) and wins over an override of the same instance. An override replaces the instance whose
  start equals its recurrence id; one that matches no instance adds an occurrence. Cancelled
  instances are left out, or kept with ``cancelled=True`` when asked for.
* The window is half-open: an occurrence belongs to it when it overlaps
  ``[window_start, window_end)``; one of zero length belongs to it when it starts inside.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule as RRule
from dateutil.rrule import rrulestr

from core.budget import BudgetExceeded, cpu_budget
from schemas.base import TIMEZONE
from schemas.offer import Schedule

TimePoint = date | datetime
"""A date (all-day) or a datetime (aware, or naive meaning wall-clock time in the zone)."""

MAX_OCCURRENCES = 10_000
RULE_BUDGET_S = 2.0
"""Time a rule may take to reach a year after today: ordinary rules need milliseconds."""
MAX_STEPS = 100_000
"""Work bound of one rule: occurrences computed from its start, kept or not. A daily rule from
1970 reaches today in ~20,000 steps; a rule that needs more is degenerate."""
_UNTIL = re.compile(r"UNTIL=([0-9TZ]+)", re.IGNORECASE)
_COUNT = re.compile(r"COUNT=(\d+)", re.IGNORECASE)
_UNTIL_VALUE = re.compile(r"(\d{8})(?:T(\d{6})(Z)?)?")
_TOO_FINE = re.compile(r"FREQ=(SECONDLY|MINUTELY|HOURLY)", re.IGNORECASE)


def check_rule(text: str, first: datetime, timezone: str = TIMEZONE) -> None:
    """Raise :class:`ScheduleError` for a rule that cannot be expanded within bounds: finer
    than daily, invalid, or needing more than ``MAX_STEPS`` to reach a year after today's."""
    from core.clock import now_berlin

    tz = _zone(timezone)
    start = _wall(first, tz)
    horizon = max(start, _wall(now_berlin(), tz)) + timedelta(days=400)
    try:
        with cpu_budget(RULE_BUDGET_S, _RuleTooSlow):
            for _ in _rule_starts(text, start, tz, start, horizon, MAX_STEPS, counts_start=True):
                pass
    except _RuleTooSlow:
        raise ScheduleError(
            f"rule {text!r} could not be expanded within {RULE_BUDGET_S:g} s of CPU time (its "
            "parts may "
            "never meet, e.g. BYMONTH=2;BYMONTHDAY=30)"
        ) from None


class _RuleTooSlow(BudgetExceeded):
    pass


class ScheduleError(ValueError):
    """The timing cannot be expanded (bad rule, unknown zone, end before start, too many)."""


@dataclass(frozen=True, slots=True)
class Override:
    """A changed instance: the instance starting at ``recurrence_id`` moves or is cancelled."""

    recurrence_id: TimePoint
    start: TimePoint | None = None
    end: TimePoint | None = None
    cancelled: bool = False


@dataclass(frozen=True, slots=True, order=True)
class Occurrence:
    """One concrete session. ``recurrence_id`` is the start the rule gave it (before a move)."""

    start: datetime
    end: datetime
    recurrence_id: datetime
    all_day: bool = False
    cancelled: bool = False


def expand(
    start: TimePoint,
    *,
    window_start: TimePoint,
    window_end: TimePoint,
    end: TimePoint | None = None,
    duration: timedelta | None = None,
    rrule: str | None = None,
    exdates: Iterable[TimePoint] = (),
    rdates: Iterable[TimePoint | tuple[TimePoint, TimePoint]] = (),
    overrides: Iterable[Override] = (),
    timezone: str = TIMEZONE,
    include_cancelled: bool = False,
    start_is_occurrence: bool = True,
    limit: int = MAX_OCCURRENCES,
) -> list[Occurrence]:
    """Occurrences of one event overlapping the window, sorted by start (see module docstring).

    ``start_is_occurrence=False`` makes ``start`` only the anchor of the rule (the first day of
    a period, as in a canonical schedule): it is an occurrence only when the rule produces it.
    """
    tz = _zone(timezone)
    all_day = _is_date(start)
    first = _wall(start, tz)
    length = _length(first, end, duration, all_day, tz)
    low = _wall(window_start, tz) - length - timedelta(days=2)
    high = _wall(window_end, tz) + timedelta(days=2)
    bounds = (_bound(window_start, tz), _bound(window_end, tz))
    excluded = _Exclusions(exdates, tz)
    moved = {_wall(o.recurrence_id, tz): o for o in overrides}

    forced = start_is_occurrence or not rrule
    candidates: dict[datetime, datetime | None] = {first: None} if forced else {}
    if rrule:
        for instance in _rule_starts(rrule, first, tz, low, high, limit, counts_start=forced):
            candidates.setdefault(instance, None)
    for extra in rdates:
        if isinstance(extra, tuple):
            candidates[_wall(extra[0], tz)] = _wall(extra[1], tz)
        else:
            candidates.setdefault(_wall(extra, tz), None)

    found: list[Occurrence] = []
    for wall_start, wall_end in candidates.items():
        if wall_start in moved or excluded.hits(wall_start):
            continue
        occurrence = _occurrence(tz, wall_start, wall_end or wall_start + length, wall_start,
                                 all_day, False)
        if _overlaps(occurrence, *bounds):
            found.append(occurrence)
    for rid, override in moved.items():
        if excluded.hits(rid) or (override.cancelled and not include_cancelled):
            continue
        new_start = rid if override.start is None else _wall(override.start, tz)
        new_end = new_start + length if override.end is None else _wall(override.end, tz)
        day = all_day if override.start is None else _is_date(override.start)
        occurrence = _occurrence(tz, new_start, new_end, rid, day, override.cancelled)
        if _overlaps(occurrence, *bounds):
            found.append(occurrence)
    if len(found) > limit:
        raise ScheduleError(f"more than {limit} occurrences in the window")
    return sorted(found)


def expand_schedule(
    offer_start: datetime | None,
    offer_end: datetime | None,
    schedule: Schedule | None,
    window_start: TimePoint,
    window_end: TimePoint,
    *,
    include_cancelled: bool = False,
) -> list[Occurrence]:
    """Occurrences of a canonical offer (``Offer.start``/``end`` and its ``Schedule``).

    * First start: ``offer_start`` (always a session), else ``start_date`` at ``start_time``,
      else ``start_date`` as an all-day date (with a rule, a session only when the rule falls
      on that day: a course "from Monday 28.09., on Thursdays" starts on 01.10.). Nothing to
      expand without either.
    * Length: ``start_time``–``end_time`` (past midnight when the end is earlier); else, without
      a rule, ``offer_end`` − start; else one day for all-day sessions, zero for timed ones.
    * Rule: ``rrule``; else weekly on ``by_day``. With daily times, an ``end_date`` after
      ``start_date`` and no rule, which days it runs is unknown: no sessions (unless
      ``extra_starts`` lists them). Without a rule, an all-day offer from ``start_date`` to
      ``end_date`` is one occurrence spanning those days.
    * ``end_date`` (inclusive) and, with a rule, ``offer_end`` bound the series;
      ``exception_dates`` remove whole days; ``extra_starts`` add occurrences.
    """
    schedule = schedule or Schedule()
    tz = _zone(schedule.timezone)
    start: TimePoint | None
    if offer_start is not None:
        start = offer_start
    elif schedule.start_date is not None:
        start = (
            datetime.combine(schedule.start_date, schedule.start_time)
            if schedule.start_time is not None
            else schedule.start_date
        )
    else:
        return []
    all_day = _is_date(start)
    rule = schedule.rrule
    if not rule and schedule.by_day:
        rule = "FREQ=WEEKLY;BYDAY=" + ",".join(day.value for day in schedule.by_day)
    daily_time = schedule.start_time is not None and not all_day
    if (
        not rule
        and daily_time
        and schedule.start_date
        and schedule.end_date
        and schedule.end_date > schedule.start_date
        and not schedule.extra_starts
    ):
        # days between a first and a last day with no rule are unknown (the normaliser writes
        # a rule wherever the provider's words give one): publish no invented sessions
        return []
    if rule and schedule.end_date and not _UNTIL.search(rule) and not _COUNT.search(rule):
        rule = f"{rule};UNTIL={schedule.end_date:%Y%m%d}T235959"

    end: TimePoint | None = None
    duration: timedelta | None = None
    if schedule.start_time is not None and schedule.end_time is not None and not all_day:
        duration = _daily_length(schedule.start_time, schedule.end_time)
    elif not rule and offer_end is not None:
        end = offer_end
    elif not rule and all_day and schedule.end_date is not None:
        end = schedule.end_date + timedelta(days=1)

    occurrences = expand(
        start,
        window_start=window_start,
        window_end=window_end,
        end=end,
        duration=duration,
        rrule=rule,
        exdates=schedule.exception_dates,
        rdates=schedule.extra_starts,
        timezone=schedule.timezone,
        include_cancelled=include_cancelled,
        start_is_occurrence=offer_start is not None,
    )
    if rule and offer_end is not None:
        occurrences = [o for o in occurrences if o.start < offer_end]
    if rule and schedule.end_date is not None:
        occurrences = [o for o in occurrences if o.start.astimezone(tz).date() <= schedule.end_date]
    return occurrences


def ical_occurrences(
    fields: Mapping[str, Any],
    window_start: TimePoint,
    window_end: TimePoint,
    *,
    timezone: str = TIMEZONE,
    include_cancelled: bool = False,
) -> list[Occurrence]:
    """Occurrences of a raw iCalendar record (shape ICAL, see :mod:`scrapers.readers.ical`).

    A cancelled event (``STATUS:CANCELLED``) yields only cancelled occurrences.
    """
    try:
        start = parse_iso(fields["DTSTART"])
    except KeyError:
        raise ScheduleError("record has no DTSTART") from None
    zone = fields.get("TZID") or timezone
    end = parse_iso(fields["DTEND"]) if fields.get("DTEND") else None
    duration = None
    if fields.get("DURATION") and end is None:
        duration = parse_duration(fields["DURATION"])
    overrides = [_ical_override(o) for o in fields.get("OVERRIDES", [])]
    rdates = [_ical_rdate(value) for value in fields.get("RDATE", [])]
    cancelled = str(fields.get("STATUS", "")).upper() == "CANCELLED"
    if cancelled and not include_cancelled:
        return []
    occurrences = expand(
        start,
        window_start=window_start,
        window_end=window_end,
        end=end,
        duration=duration,
        rrule=fields.get("RRULE"),
        exdates=[parse_iso(v) for v in fields.get("EXDATE", [])],
        rdates=rdates,
        overrides=overrides,
        timezone=zone,
        include_cancelled=include_cancelled,
    )
    if cancelled:
        occurrences = [_cancelled(o) for o in occurrences]
    return occurrences


def parse_iso(value: str) -> TimePoint:
    """An ISO 8601 date or date-time (with or without offset)."""
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        raise ScheduleError(f"not an ISO date or date-time: {value!r}") from None


def parse_duration(value: str) -> timedelta:
    """An RFC 5545 / ISO 8601 duration such as ``PT1H30M`` or ``P1D``."""
    from icalendar import vDuration

    try:
        result = vDuration.from_ical(str(value).strip())
    except ValueError:
        raise ScheduleError(f"not a duration: {value!r}") from None
    if not isinstance(result, timedelta):
        raise ScheduleError(f"not a duration: {value!r}")
    return result


# -- internals


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"unknown timezone {name!r}") from None


def _is_date(value: TimePoint) -> bool:
    return not isinstance(value, datetime)


def _wall(value: TimePoint, tz: ZoneInfo) -> datetime:
    """Naive wall-clock time of a value in ``tz`` (dates are midnight)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time())
    if value.tzinfo is None:
        return value
    return value.astimezone(tz).replace(tzinfo=None)


def localise(wall: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time in ``tz``: in the spring gap moved forward, when ambiguous the first."""
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def _bound(value: TimePoint, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    return localise(_wall(value, tz), tz)


def _length(
    first: datetime, end: TimePoint | None, duration: timedelta | None, all_day: bool, tz: ZoneInfo
) -> timedelta:
    if end is not None:
        if all_day:
            end_day = end.date() if isinstance(end, datetime) else end
            return timedelta(days=max((end_day - first.date()).days, 1))
        length = _wall(end, tz) - first
    elif duration is not None:
        length = duration
    else:
        return timedelta(days=1) if all_day else timedelta(0)
    if length < timedelta(0):
        raise ScheduleError(f"end is before start ({length})")
    return length


def _daily_length(start: time, end: time) -> timedelta:
    day = date(2000, 1, 3)
    length = datetime.combine(day, end) - datetime.combine(day, start)
    return length if length >= timedelta(0) else length + timedelta(days=1)


def _rule_starts(
    text: str, first: datetime, tz: ZoneInfo, low: datetime, high: datetime, limit: int,
    *, counts_start: bool,
) -> Iterator[datetime]:
    text = text.strip().removeprefix("RRULE:")
    if match := _TOO_FINE.search(text):
        raise ScheduleError(
            f"rule {text!r} repeats more often than daily ({match.group(0).upper()}): not the "
            "schedule of an offer for families"
        )
    text = _UNTIL.sub(lambda m: "UNTIL=" + _until(m.group(1), tz).strftime("%Y%m%dT%H%M%S"), text)
    try:
        rule = rrulestr(text, dtstart=first)
    except (ValueError, TypeError) as exc:
        raise ScheduleError(f"invalid RRULE {text!r}: {exc}") from None
    if not isinstance(rule, RRule):
        raise ScheduleError(f"invalid RRULE {text!r}")
    count = _COUNT.search(text)
    if counts_start and count and next(iter(rule), None) != first:
        # DTSTART is an occurrence of its own and counts as the first one (RFC 5545 3.8.5.3)
        remaining = int(count.group(1)) - 1
        if remaining <= 0:
            return
        rule = rule.replace(count=remaining)
    # Never iterate past the window: a rule that cannot occur (BYMONTH=2;BYMONTHDAY=30)
    # would otherwise make dateutil walk every day up to the year 9999.
    until = getattr(rule, "_until", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # UNTIL beside COUNT: ours only
        rule = rule.replace(until=high if until is None else min(until, high))
    produced = 0
    for steps, instance in enumerate(rule, 1):
        if steps > MAX_STEPS:
            raise ScheduleError(
                f"rule {text!r} needs more than {MAX_STEPS:,} steps from {first:%Y-%m-%d} to "
                "reach the window"
            )
        if instance < low:
            continue
        if instance >= high:
            break
        produced += 1
        if produced > limit:
            raise ScheduleError(f"more than {limit} occurrences in the window")
        yield instance


def _until(value: str, tz: ZoneInfo) -> datetime:
    match = _UNTIL_VALUE.fullmatch(value.upper())
    if not match:
        raise ScheduleError(f"invalid UNTIL value {value!r}")
    day, clock, utc = match.groups()
    if clock is None:
        return datetime.strptime(day, "%Y%m%d").replace(hour=23, minute=59, second=59)
    moment = datetime.strptime(day + clock, "%Y%m%d%H%M%S")
    if utc:
        return moment.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
    return moment


class _Exclusions:
    def __init__(self, values: Iterable[TimePoint], tz: ZoneInfo):
        self.times: set[datetime] = set()
        self.days: set[date] = set()
        for value in values:
            if isinstance(value, datetime):
                self.times.add(_wall(value, tz))
            else:
                self.days.add(value)

    def hits(self, wall_start: datetime) -> bool:
        return wall_start in self.times or wall_start.date() in self.days


def _occurrence(
    tz: ZoneInfo, wall_start: datetime, wall_end: datetime, rid: datetime, all_day: bool,
    cancelled: bool,
) -> Occurrence:
    start = localise(wall_start, tz)
    if start.replace(tzinfo=None) != wall_start:  # started in the spring gap: keep its length
        end = start + (wall_end - wall_start)
    else:
        end = localise(wall_end, tz)
    return Occurrence(
        start=start,
        end=end,
        recurrence_id=localise(rid, tz),
        all_day=all_day,
        cancelled=cancelled,
    )


def _overlaps(occurrence: Occurrence, window_start: datetime, window_end: datetime) -> bool:
    if occurrence.start >= window_end:
        return False
    return occurrence.end > window_start or occurrence.start >= window_start


def _cancelled(occurrence: Occurrence) -> Occurrence:
    return Occurrence(occurrence.start, occurrence.end, occurrence.recurrence_id,
                      occurrence.all_day, True)


def _ical_override(fields: Mapping[str, Any]) -> Override:
    start = parse_iso(fields["DTSTART"]) if fields.get("DTSTART") else None
    end: TimePoint | None = parse_iso(fields["DTEND"]) if fields.get("DTEND") else None
    if end is None and start is not None and fields.get("DURATION"):
        end = start + parse_duration(fields["DURATION"])
    return Override(
        recurrence_id=parse_iso(fields["RECURRENCE-ID"]),
        start=start,
        end=end,
        cancelled=str(fields.get("STATUS", "")).upper() == "CANCELLED",
    )


def _ical_rdate(value: str) -> TimePoint | tuple[TimePoint, TimePoint]:
    if "/" not in value:
        return parse_iso(value)
    begin_text, finish_text = value.split("/", 1)
    begin = parse_iso(begin_text)
    if finish_text.upper().startswith(("P", "-P", "+P")):
        return begin, begin + parse_duration(finish_text)
    return begin, parse_iso(finish_text)
