"""Offers -> concrete sessions in a publication window, honouring exception dates, public and
school holidays where the offer says so. A session's id is uuid5(offer id, local start)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.budget import BudgetExceeded, cpu_budget
from pipelines.parsers import SchoolHolidays, is_public_holiday
from pipelines.sessions import ScheduleError, expand_schedule
from schemas import ids
from schemas.offer import Offer
from schemas.session import Session

log = logging.getLogger(__name__)
SOURCE_BUDGET_S = 60.0
"""CPU time one source's session expansion may take at publication."""
WINDOW_DAYS = 366
"""Sessions are published from the publication day for one year ahead."""


def offer_sessions(
    offer: Offer,
    window_start: datetime,
    window_end: datetime,
    holidays: SchoolHolidays,
    problems: list[str] | None = None,
) -> list[Session]:
    """The offer's sessions that start in the window (an open-ended weekly offer — 'jeden
    Mittwoch' — runs from the window's first day, as its provider says: every Wednesday)."""
    schedule = offer.schedule
    if schedule is None:
        return []
    start = offer.start
    if start is None and schedule.start_date is None and (schedule.rrule or schedule.by_day):
        tz = ZoneInfo(schedule.timezone)
        first = window_start.astimezone(tz).date()  # a session only where the rule falls
        schedule = schedule.model_copy(update={"start_date": first})
    try:
        occurrences = expand_schedule(
            start, offer.end, schedule, window_start, window_end, include_cancelled=True
        )
    except ScheduleError as exc:
        if problems is not None:
            problems.append(f"offer {offer.id} ({offer.provenance.source_id}): no sessions: {exc}")
        log.warning("offer %s: no sessions: %s", offer.id, exc)
        return []
    return [
        Session(
            id=ids.session_id(offer.id, occurrence.start.isoformat()),
            offer_id=offer.id,
            start=occurrence.start,
            end=occurrence.end,
            all_day=occurrence.all_day,
            cancelled=occurrence.cancelled,
        )
        for occurrence in occurrences
        if not _skipped(occurrence.start.date(), schedule, holidays)
    ]


def _skipped(day: date, schedule, holidays: SchoolHolidays) -> bool:
    if schedule.skip_public_holidays and is_public_holiday(day):
        return True
    if schedule.skip_school_holidays:
        try:
            return holidays.is_school_holiday(day)
        except LookupError:  # outside the calendar's years: cannot tell, keep the session
            return False
    return False


def publication_window(now: datetime) -> tuple[datetime, datetime]:
    start = datetime.combine(now.date(), time(0), now.tzinfo)
    return start, start + timedelta(days=WINDOW_DAYS)


class _SourceTooSlow(BudgetExceeded):
    pass


def all_sessions(
    offers, now: datetime, holidays: SchoolHolidays, problems: list[str] | None = None
) -> Iterator[Session]:
    """Every offer's sessions; each source's offers get ``SOURCE_BUDGET_S`` of CPU time, so
    one source's degenerate schedules cannot stall the publication of all others."""
    window_start, window_end = publication_window(now)
    by_source: dict[str, list[Offer]] = {}
    for offer in offers:
        by_source.setdefault(offer.provenance.source_id, []).append(offer)
    for source_id, group in by_source.items():
        done: list[Session] = []
        try:
            with cpu_budget(SOURCE_BUDGET_S, _SourceTooSlow):
                for offer in group:
                    done += offer_sessions(offer, window_start, window_end, holidays, problems)
        except _SourceTooSlow:
            message = (f"source {source_id}: session expansion stopped after "
                       f"{SOURCE_BUDGET_S:g} s of CPU time; {len(done)} sessions published")
            log.error("%s", message)
            if problems is not None:
                problems.append(message)
        yield from done
