"""Offers -> sessions: stable ids, exception dates, public and school holidays left out where
the offer says so, open-ended weekly offers from the publication day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pipelines.normalise import normalise_record
from pipelines.offer_sessions import offer_sessions, publication_window
from pipelines.parsers import SchoolHolidays
from pipelines.source_run import make_context
from schemas import ids
from schemas.raw import RawRecord
from schemas.source import Source
from tests.conftest import FROZEN_NOW

BERLIN = ZoneInfo("Europe/Berlin")
SOURCE = Source.model_validate(
    {
        "id": "treff",
        "provider": "p",
        "adapter": "csv",
        "url": "https://x.example/t.csv",
        "licence": "cc-zero",
        "key": "nr",
        "defaults": {"kind": "meeting_place"},
    }
)
HOLIDAYS = SchoolHolidays.load()


def offer(date_text: str, time_text: str | None = "15–17 Uhr"):
    fields = {"title": "Elterncafé", "date_text": date_text}
    if time_text:
        fields["time_text"] = time_text
    raw = RawRecord(source_id="treff", record_key="T1", fetched_at=FROZEN_NOW, fields=fields)
    ctx = make_context(SOURCE, provider_key="p", reference=date(2026, 11, 21))
    return normalise_record(raw, ctx).offer


def days(sessions) -> list[date]:
    return [s.start.date() for s in sessions]


def test_open_ended_weekly_offer_runs_from_the_publication_day_and_skips_school_holidays():
    window = publication_window(FROZEN_NOW)
    sessions = offer_sessions(offer("mittwochs (nicht in den Ferien)"), *window, HOLIDAYS)
    assert days(sessions)[:3] == [date(2026, 11, 25), date(2026, 12, 2), date(2026, 12, 9)]
    # Christmas holidays 23.12.2026–06.01.2027: no Wednesday 23.12., 30.12. or 06.01.
    assert date(2026, 12, 16) in days(sessions) and date(2027, 1, 13) in days(sessions)
    assert not {date(2026, 12, 23), date(2026, 12, 30), date(2027, 1, 6)} & set(days(sessions))
    first = sessions[0]
    assert (first.start, first.end) == (
        datetime(2026, 11, 25, 15, tzinfo=BERLIN),
        datetime(2026, 11, 25, 17, tzinfo=BERLIN),
    )
    assert first.id == ids.session_id(first.offer_id, first.start.isoformat())


def test_public_holidays_are_left_out_where_the_offer_says_so():
    window = publication_window(FROZEN_NOW)
    with_holidays = days(offer_sessions(offer("jeden Freitag"), *window, HOLIDAYS))
    without = days(offer_sessions(offer("jeden Freitag außer an Feiertagen"), *window, HOLIDAYS))
    assert date(2027, 12, 24) not in with_holidays  # outside the one-year window anyway
    assert (
        date(2026, 12, 25) in with_holidays and date(2026, 12, 25) not in without
    )  # Christmas Day
    assert date(2027, 1, 1) in with_holidays and date(2027, 1, 1) not in without  # New Year
    assert len(with_holidays) - len(without) == 3  # 25.12.2026, 01.01.2027, Good Friday 26.03.2027


def test_a_holiday_week_with_an_exception_date():
    window = publication_window(FROZEN_NOW)
    sessions = offer_sessions(
        offer("Mo–Fr 19.–23.07.2027 außer am 21.07.", "8–13 Uhr"), *window, HOLIDAYS
    )
    assert days(sessions) == [
        date(2027, 7, 19),
        date(2027, 7, 20),
        date(2027, 7, 22),
        date(2027, 7, 23),
    ]
    again = offer_sessions(
        offer("Mo–Fr 19.–23.07.2027 außer am 21.07.", "8–13 Uhr"), *window, HOLIDAYS
    )
    assert [s.id for s in again] == [s.id for s in sessions]  # stable ids
