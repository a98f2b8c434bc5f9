"""The clock of extraction: timezone-aware Europe/Berlin, replaceable in tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from schemas.base import TIMEZONE

BERLIN = ZoneInfo(TIMEZONE)

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware."""


def now_berlin() -> datetime:
    return datetime.now(BERLIN)
