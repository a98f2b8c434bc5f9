"""NRW school holidays (from ``config/school_holidays_nrw.toml``) and public holidays.

School holidays are data a steward keeps (the state school ministry publishes them); public
holidays come from the ``holidays`` library (Germany, subdivision "NW").
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path

import holidays as holidays_lib

from core.settings import CONFIG_DIR

DEFAULT_CALENDAR = CONFIG_DIR / "school_holidays_nrw.toml"

HOLIDAY_NAMES = ("osterferien", "pfingstferien", "sommerferien", "herbstferien", "weihnachtsferien")


@dataclass(frozen=True, slots=True)
class HolidayPeriod:
    """One school-holiday period, first and last day inclusive."""

    name: str
    year: int
    start: date
    end: date
    confirmed: bool = True

    @property
    def key(self) -> str:
        """Stable name of the period, e.g. "sommerferien-2027"."""
        return f"{self.name}-{self.year}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def weeks(self) -> tuple[tuple[date, date], ...]:
        """The holiday weeks: Monday–Friday school weeks that lie wholly in the period.

        A remnant with fewer weekdays (the Monday and Tuesday that end the NRW summer
        holidays, the Wednesday to Friday before Christmas 2026) is not a holiday week.
        """
        monday = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
        weeks = []
        while monday + timedelta(days=4) <= self.end:
            weeks.append((monday, monday + timedelta(days=4)))
            monday += timedelta(days=7)
        return tuple(weeks)


class SchoolHolidays:
    """A school-holiday calendar: periods by name and year."""

    def __init__(
        self,
        periods: Iterable[HolidayPeriod],
        *,
        state: str = "NW",
        authority: str | None = None,
        source: Path | None = None,
    ) -> None:
        self.periods: tuple[HolidayPeriod, ...] = tuple(sorted(periods, key=lambda p: p.start))
        self.state = state
        self.authority = authority
        self.source = source
        self._by_key = {(p.name, p.year): p for p in self.periods}
        if len(self._by_key) != len(self.periods):
            raise ValueError("a holiday period is listed twice (same name and year)")
        for p in self.periods:
            if p.end < p.start:
                raise ValueError(f"{p.key}: end {p.end} is before start {p.start}")

    @classmethod
    def load(cls, path: Path | str | None = None) -> SchoolHolidays:
        """Read a calendar file (default: ``config/school_holidays_nrw.toml``)."""
        path = Path(path) if path is not None else DEFAULT_CALENDAR
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        meta = data.get("calendar", {})
        periods = []
        for row in data.get("period", []):
            name = str(row["name"]).strip().lower()
            if name not in HOLIDAY_NAMES:
                raise ValueError(f"{path}: unknown holiday name {name!r}")
            start, end = row["start"], row["end"]
            if not isinstance(start, date) or not isinstance(end, date):
                raise ValueError(f"{path}: {name} {row.get('year')}: start and end must be dates")
            periods.append(
                HolidayPeriod(
                    name,
                    int(row.get("year", start.year)),
                    start,
                    end,
                    bool(row.get("confirmed", True)),
                )
            )
        return cls(
            periods, state=meta.get("state", "NW"), authority=meta.get("authority"), source=path
        )

    @classmethod
    def default(cls) -> SchoolHolidays:
        """The packaged NRW calendar, loaded once per process."""
        return _default_calendar()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.periods)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({p.year for p in self.periods}))

    @property
    def coverage(self) -> tuple[date, date] | None:
        """First and last day for which the calendar is complete."""
        if not self.periods:
            return None
        return self.periods[0].start, max(p.end for p in self.periods)

    def get(self, name: str, year: int) -> HolidayPeriod | None:
        """The period of that name starting in that year, or None if unknown."""
        return self._by_key.get((name.lower(), year))

    def next_period(self, name: str, day: date) -> HolidayPeriod | None:
        """The period of that name running on ``day``, else the first one starting after it."""
        name = name.lower()
        for p in self.periods:
            if p.name == name and p.end >= day:
                return p
        return None

    def period_on(self, day: date) -> HolidayPeriod | None:
        """The period ``day`` falls in, or None; LookupError outside the calendar's coverage."""
        self._check_covered(day)
        for p in self.periods:
            if p.start <= day <= p.end:
                return p
        return None

    def is_school_holiday(self, day: date) -> bool:
        """Whether ``day`` is a school-holiday day (LookupError outside the coverage)."""
        return self.period_on(day) is not None

    def overlapping(
        self, start: date, end: date, name: str | None = None
    ) -> Iterator[HolidayPeriod]:
        """Periods (optionally of one name) that share at least one day with start..end."""
        for p in self.periods:
            if p.start <= end and p.end >= start and (name is None or p.name == name):
                yield p

    def covers(self, start: date, end: date) -> bool:
        cov = self.coverage
        return cov is not None and cov[0] <= start and end <= cov[1]

    def _check_covered(self, day: date) -> None:
        cov = self.coverage
        if cov is None or not cov[0] <= day <= cov[1]:
            span = f"{cov[0]}..{cov[1]}" if cov else "no periods"
            raise LookupError(f"no school-holiday data for {day} (calendar covers {span})")


@cache
def _default_calendar() -> SchoolHolidays:
    return SchoolHolidays.load()


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[tuple[date, str], ...]:
    table = holidays_lib.country_holidays("DE", subdiv="NW", years=year, language="de")
    return tuple(sorted(table.items()))


def public_holidays(year: int) -> dict[date, str]:
    """NRW public holidays of a year, date -> German name."""
    return dict(_public_holidays(year))


def is_public_holiday(day: date) -> bool:
    return any(d == day for d, _ in _public_holidays(day.year))
