"""NRW school holidays 2026/27 (as data a steward can correct) and their weekday spans.

Source of the dates: the NRW school ministry's holiday table, as copied into the project's
Mülheim facts. The autumn 2026 dates are unconfirmed there and kept as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

PUBLIC_HOLIDAYS: frozenset[date] = frozenset(
    {
        date(2026, 10, 3),
        date(2026, 11, 1),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 5, 1),
        date(2027, 5, 6),
        date(2027, 5, 17),
        date(2027, 5, 27),
        date(2027, 10, 3),
        date(2027, 11, 1),
        date(2026, 12, 24),
        date(2026, 12, 31),
    }
)
"""Days without offers: NRW public holidays plus Christmas Eve and New Year's Eve."""


@dataclass(frozen=True)
class Holiday:
    """One school holiday period: first and last day and its German adjective stem."""

    code: str
    name: str
    stem: str  # "Sommer" -> "Sommerferienwoche"
    first: date
    last: date

    def weeks(self) -> list[tuple[date, date]]:
        """Monday–Friday spans inside the holiday, without public holidays at their edges."""
        spans: list[tuple[date, date]] = []
        day = self.first
        while day <= self.last:
            if day.weekday() < 5 and day not in PUBLIC_HOLIDAYS:
                start = day
                end = day
                while (
                    end + timedelta(days=1) <= self.last
                    and (end + timedelta(days=1)).weekday() < 5
                    and end + timedelta(days=1) not in PUBLIC_HOLIDAYS
                ):
                    end += timedelta(days=1)
                spans.append((start, end))
                day = end
            day += timedelta(days=1)
        return spans


HERBST_2026 = Holiday(
    "herbst2026", "Herbstferien 2026", "Herbst", date(2026, 10, 17), date(2026, 10, 31)
)
WEIHNACHTEN_2026 = Holiday(
    "weihnachten2026",
    "Weihnachtsferien 2026/27",
    "Weihnachts",
    date(2026, 12, 23),
    date(2027, 1, 6),
)
OSTERN_2027 = Holiday(
    "ostern2027", "Osterferien 2027", "Oster", date(2027, 3, 22), date(2027, 4, 3)
)
PFINGSTEN_2027 = Holiday(
    "pfingsten2027", "Pfingstferien 2027", "Pfingst", date(2027, 5, 18), date(2027, 5, 18)
)
SOMMER_2027 = Holiday(
    "sommer2027", "Sommerferien 2027", "Sommer", date(2027, 7, 19), date(2027, 8, 31)
)
HERBST_2027 = Holiday(
    "herbst2027", "Herbstferien 2027", "Herbst", date(2027, 10, 23), date(2027, 11, 6)
)

HOLIDAYS: tuple[Holiday, ...] = (
    HERBST_2026,
    WEIHNACHTEN_2026,
    OSTERN_2027,
    PFINGSTEN_2027,
    SOMMER_2027,
    HERBST_2027,
)


def in_holidays(day: date) -> bool:
    return any(h.first <= day <= h.last for h in HOLIDAYS)


def weekly_dates(first: date, count: int, *, skip_holidays: bool = True) -> list[date]:
    """``count`` dates one week apart from ``first``, skipping school and public holidays."""
    out: list[date] = []
    day = first
    while len(out) < count:
        if not (skip_holidays and (in_holidays(day) or day in PUBLIC_HOLIDAYS)):
            out.append(day)
        day += timedelta(days=7)
    return out


def berlin_iso(day: date, at: time | None = None) -> str:
    """ISO 8601 local time in Europe/Berlin with its offset (``2027-01-13T09:30:00+01:00``)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    if at is None:
        return day.isoformat()
    return datetime.combine(day, at, tzinfo=ZoneInfo("Europe/Berlin")).isoformat()
