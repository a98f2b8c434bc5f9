"""The one clock of Familienpunkt: timezone-aware Europe/Berlin, injectable for tests and demos.

Every "now" and "today" of the product comes from here. By default it is the wall clock. When
``FAMILIENPUNKT_CLOCK`` holds an ISO date or date-time, the clock is *set* to that moment: it
starts there and runs on at real speed (so run ids, ledger times and timeouts still advance),
in this process and in every child process, which inherit the variable together with
``FAMILIENPUNKT_CLOCK_FROM`` (the real Unix time at which the clock was set). Tests set it once
per session (see ``set_clock``); the demo world lays its dates out around it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TIMEZONE = "Europe/Berlin"
BERLIN = ZoneInfo(TIMEZONE)
CLOCK_ENV = "FAMILIENPUNKT_CLOCK"
CLOCK_FROM_ENV = "FAMILIENPUNKT_CLOCK_FROM"

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware."""


class ClockError(ValueError):
    """``FAMILIENPUNKT_CLOCK`` does not hold an ISO date or date-time."""


def parse_moment(text: str) -> datetime:
    """An ISO date (midnight, Berlin) or date-time (naive: Berlin) as an aware datetime."""
    text = text.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), BERLIN)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ClockError(
            f"{CLOCK_ENV}={text!r} is not an ISO date or date-time (e.g. 2026-11-21T09:30)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=BERLIN)


def now_berlin() -> datetime:
    """The current moment in Europe/Berlin (the set clock, when one is set)."""
    setting = os.environ.get(CLOCK_ENV)
    if not setting:
        return datetime.now(BERLIN)
    start = parse_moment(setting)
    since = os.environ.get(CLOCK_FROM_ENV)
    if not since:  # set by hand: it starts running now, for this process and its children
        since = os.environ[CLOCK_FROM_ENV] = repr(time.time())
    elapsed = time.time() - float(since) if since else 0.0
    return (start + timedelta(seconds=max(0.0, elapsed))).astimezone(BERLIN)


def today_berlin() -> date:
    """Today's date in Europe/Berlin."""
    return now_berlin().date()


def is_set() -> bool:
    return bool(os.environ.get(CLOCK_ENV))


def set_clock(moment: datetime | date | str | None) -> None:
    """Set (or with None: release) the clock for this process and its future children."""
    if moment is None:
        os.environ.pop(CLOCK_ENV, None)
        os.environ.pop(CLOCK_FROM_ENV, None)
        return
    if isinstance(moment, str):
        moment = parse_moment(moment)
    elif not isinstance(moment, datetime):
        moment = datetime.combine(moment, datetime.min.time(), BERLIN)
    os.environ[CLOCK_ENV] = moment.isoformat()
    os.environ[CLOCK_FROM_ENV] = repr(time.time())
