"""Session expansion: DST, all-day, RRULE corner cases, exceptions, overrides, the adapters."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from pipelines.sessions import (
    Occurrence,
    Override,
    ScheduleError,
    expand,
    expand_schedule,
    ical_occurrences,
)
from schemas.offer import Schedule
from schemas.vocab import Weekday

BERLIN = ZoneInfo("Europe/Berlin")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def spans(occurrences: list[Occurrence]) -> list[tuple[str, str]]:
    return [(o.start.isoformat(), o.end.isoformat()) for o in occurrences]


# -- daylight saving time


def test_weekly_10_oclock_stays_10_oclock_across_the_october_switch():
    found = expand(at(2026, 10, 15, 10, 0), end=at(2026, 10, 15, 11, 0), rrule="FREQ=WEEKLY",
                   window_start=date(2026, 10, 1), window_end=date(2026, 11, 6))
    assert spans(found) == [
        ("2026-10-15T10:00:00+02:00", "2026-10-15T11:00:00+02:00"),
        ("2026-10-22T10:00:00+02:00", "2026-10-22T11:00:00+02:00"),
        # 25.10.2026: clocks go back from 03:00 CEST to 02:00 CET
        ("2026-10-29T10:00:00+01:00", "2026-10-29T11:00:00+01:00"),
        ("2026-11-05T10:00:00+01:00", "2026-11-05T11:00:00+01:00"),
    ]
    assert all(o.end - o.start == timedelta(hours=1) for o in found)
    assert [o.recurrence_id for o in found] == [o.start for o in found]


def test_daily_event_on_the_switch_day_itself():
    found = expand(at(2026, 10, 24, 9, 0), end=at(2026, 10, 24, 9, 45), rrule="FREQ=DAILY;COUNT=3",
                   window_start=date(2026, 10, 1), window_end=date(2026, 11, 1))
    assert spans(found) == [
        ("2026-10-24T09:00:00+02:00", "2026-10-24T09:45:00+02:00"),
        ("2026-10-25T09:00:00+01:00", "2026-10-25T09:45:00+01:00"),
        ("2026-10-26T09:00:00+01:00", "2026-10-26T09:45:00+01:00"),
    ]


def test_overnight_event_keeps_its_wall_clock_end_across_the_switch():
    found = expand(at(2026, 10, 17, 22, 0), end=at(2026, 10, 18, 10, 0),
                   rrule="FREQ=WEEKLY;COUNT=2",
                   window_start=date(2026, 10, 1), window_end=date(2026, 11, 1))
    # the night of 24./25.10. is an hour longer; the sleepover still ends at 10:00
    assert spans(found)[1] == ("2026-10-24T22:00:00+02:00", "2026-10-25T10:00:00+01:00")


def test_time_in_the_spring_gap_moves_forward_and_keeps_its_length():
    # recurring_ical_events gives the same start but ends at 03:30 CEST (zero length)
    found = expand(datetime(2027, 3, 27, 2, 30), duration=timedelta(hours=1),
                   rrule="FREQ=DAILY;COUNT=2",
                   window_start=date(2027, 3, 1), window_end=date(2027, 4, 1))
    assert spans(found) == [
        ("2027-03-27T02:30:00+01:00", "2027-03-27T03:30:00+01:00"),
        ("2027-03-28T03:30:00+02:00", "2027-03-28T04:30:00+02:00"),
    ]


def test_utc_until_is_compared_on_the_local_clock():
    # machbar's repairCafé: Google writes "until Friday 08.03." as 22:59:59Z; the second
    # Saturday of March (09.03.) is past it
    found = expand(at(2019, 1, 12, 11, 0), end=at(2019, 1, 12, 15, 0),
                   rrule="FREQ=MONTHLY;UNTIL=20190308T225959Z;BYDAY=2SA",
                   window_start=date(2019, 1, 1), window_end=date(2019, 12, 31))
    assert [o.start.date() for o in found] == [date(2019, 1, 12), date(2019, 2, 9)]
    # 10:00Z is 11:00 local, the start of the 09.03. session: UNTIL includes it, a second less not
    def until(value: str) -> int:
        return len(expand(at(2019, 1, 12, 11, 0), rrule=f"FREQ=MONTHLY;UNTIL={value};BYDAY=2SA",
                          window_start=date(2019, 1, 1), window_end=date(2019, 12, 31)))

    assert (until("20190309T095959Z"), until("20190309T100000Z")) == (2, 3)


def test_date_until_on_a_timed_event_includes_that_day():
    found = expand(at(2026, 10, 5, 10, 0), rrule="FREQ=DAILY;UNTIL=20261007",
                   window_start=date(2026, 10, 1), window_end=date(2026, 11, 1))
    # recurring_ical_events reads UNTIL=20261007 as midnight and stops on the 6th
    assert [o.start.day for o in found] == [5, 6, 7]


# -- all-day


def test_all_day_occurrences_are_local_midnights_with_exclusive_end():
    found = expand(date(2026, 10, 24), end=date(2026, 10, 26), rrule="FREQ=WEEKLY;COUNT=2",
                   window_start=date(2026, 10, 1), window_end=date(2026, 12, 1))
    assert spans(found) == [
        ("2026-10-24T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
        ("2026-10-31T00:00:00+01:00", "2026-11-02T00:00:00+01:00"),
    ]
    assert all(o.all_day for o in found)


def test_all_day_without_end_or_with_end_equal_to_start_lasts_one_day():
    for end in (None, date(2019, 10, 3)):
        found = expand(date(2019, 10, 3), end=end,
                       window_start=date(2019, 1, 1), window_end=date(2020, 1, 1))
        assert spans(found) == [("2019-10-03T00:00:00+02:00", "2019-10-04T00:00:00+02:00")]


# -- rule corner cases


def test_dtstart_off_the_rule_is_an_occurrence_and_counts_for_count():
    found = expand(at(2026, 10, 1, 10, 0), end=at(2026, 10, 1, 11, 0),
                   rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=2",
                   window_start=date(2026, 9, 1), window_end=date(2026, 12, 1))
    # RFC 5545: COUNT=2 means two occurrences, DTSTART (a Thursday) being the first.
    # recurring_ical_events yields three here (01.10., 05.10., 12.10.).
    assert [o.start.date() for o in found] == [date(2026, 10, 1), date(2026, 10, 5)]


def test_exdate_date_removes_the_whole_day_and_datetime_only_its_start():
    found = expand(at(2026, 11, 2, 9, 0), rrule="FREQ=DAILY;COUNT=5",
                   exdates=[date(2026, 11, 3), at(2026, 11, 5, 9, 0), at(2026, 11, 6, 10, 0)],
                   window_start=date(2026, 11, 1), window_end=date(2026, 12, 1))
    assert [o.start.day for o in found] == [2, 4, 6]


def test_overrides_move_cancel_and_add():
    overrides = [
        Override(at(2026, 11, 10, 15, 0), start=at(2026, 11, 11, 16, 0),
                 end=at(2026, 11, 11, 17, 0)),
        Override(at(2026, 11, 17, 15, 0), cancelled=True),
        Override(at(2026, 11, 19, 15, 0)),  # no such instance: an extra occurrence
        Override(at(2026, 11, 24, 15, 0), start=at(2026, 11, 25, 15, 0)),  # exdated: EXDATE wins
    ]
    kwargs = dict(end=at(2026, 11, 3, 16, 0), rrule="FREQ=WEEKLY;COUNT=4", overrides=overrides,
                  exdates=[at(2026, 11, 24, 15, 0)],
                  window_start=date(2026, 11, 1), window_end=date(2026, 12, 1))
    found = expand(at(2026, 11, 3, 15, 0), **kwargs)
    moved = [(o.start.isoformat(), o.end.isoformat(), o.recurrence_id.isoformat()) for o in found]
    assert moved == [
        ("2026-11-03T15:00:00+01:00", "2026-11-03T16:00:00+01:00", "2026-11-03T15:00:00+01:00"),
        ("2026-11-11T16:00:00+01:00", "2026-11-11T17:00:00+01:00", "2026-11-10T15:00:00+01:00"),
        ("2026-11-19T15:00:00+01:00", "2026-11-19T16:00:00+01:00", "2026-11-19T15:00:00+01:00"),
    ]
    with_cancelled = expand(at(2026, 11, 3, 15, 0), include_cancelled=True, **kwargs)
    assert [(o.start.day, o.cancelled) for o in with_cancelled] == [
        (3, False), (11, False), (17, True), (19, False),
    ]


def test_moved_occurrence_counts_where_it_lands():
    overrides = [Override(at(2026, 10, 27, 18, 0), start=at(2026, 11, 2, 18, 0))]
    found = expand(at(2026, 10, 20, 18, 0), rrule="FREQ=WEEKLY", overrides=overrides,
                   window_start=date(2026, 11, 1), window_end=date(2026, 11, 3))
    assert [(o.start.isoformat(), o.recurrence_id.day) for o in found] == [
        ("2026-11-02T18:00:00+01:00", 27),
    ]


def test_rdates_and_periods():
    found = expand(at(2026, 11, 3, 15, 0), duration=timedelta(minutes=90),
                   rdates=[at(2026, 11, 10, 15, 0),
                           (at(2026, 11, 17, 14, 0), at(2026, 11, 17, 18, 0))],
                   window_start=date(2026, 11, 1), window_end=date(2026, 12, 1))
    assert spans(found) == [
        ("2026-11-03T15:00:00+01:00", "2026-11-03T16:30:00+01:00"),
        ("2026-11-10T15:00:00+01:00", "2026-11-10T16:30:00+01:00"),
        ("2026-11-17T14:00:00+01:00", "2026-11-17T18:00:00+01:00"),
    ]


def test_window_is_half_open_and_counts_overlaps():
    def one(start: datetime, end: datetime) -> int:
        return len(expand(start, end=end, window_start=at(2026, 1, 1, 0, 0),
                          window_end=at(2027, 1, 1, 0, 0)))

    assert one(at(2025, 12, 31, 23, 0), at(2026, 1, 1, 1, 0)) == 1  # runs into the window
    assert one(at(2025, 12, 31, 23, 0), at(2026, 1, 1, 0, 0)) == 0  # ends where it starts
    assert one(at(2027, 1, 1, 0, 0), at(2027, 1, 1, 1, 0)) == 0  # starts at its end
    assert one(at(2026, 1, 1, 0, 0), at(2026, 1, 1, 0, 0)) == 1  # zero length, at its start


def test_unbounded_rule_far_in_the_future_is_quick_and_bounded():
    found = expand(at(2017, 8, 24, 18, 0), rrule="FREQ=WEEKLY;BYDAY=TH",
                   window_start=date(2040, 1, 1), window_end=date(2040, 2, 1))
    assert [o.start.day for o in found] == [5, 12, 19, 26]


def test_errors():
    window = {"window_start": date(2026, 1, 1), "window_end": date(2027, 1, 1)}
    with pytest.raises(ScheduleError, match="invalid RRULE"):
        expand(at(2026, 5, 1, 10, 0), rrule="FREQ=FORTNIGHTLY", **window)
    with pytest.raises(ScheduleError, match="unknown timezone"):
        expand(at(2026, 5, 1, 10, 0), timezone="Europe/Mülheim", **window)
    with pytest.raises(ScheduleError, match="end is before start"):
        expand(at(2026, 5, 1, 10, 0), end=at(2026, 5, 1, 9, 0), **window)
    with pytest.raises(ScheduleError, match="more often than daily"):
        expand(at(2026, 5, 1, 10, 0), rrule="FREQ=MINUTELY", **window)
    with pytest.raises(ScheduleError, match="more than 100 occurrences"):
        expand(at(2026, 5, 1, 10, 0), rrule="FREQ=DAILY", limit=100, **window)


# -- the canonical schedule


def test_schedule_weekly_by_day_with_times_exceptions_and_end_date():
    schedule = Schedule(start_date=date(2026, 10, 1), end_date=date(2026, 11, 5),
                        start_time=time(16, 0), end_time=time(17, 0), by_day=[Weekday.TH],
                        exception_dates=[date(2026, 10, 15)])
    found = expand_schedule(None, None, schedule, date(2026, 9, 1), date(2027, 1, 1))
    assert spans(found) == [
        ("2026-10-01T16:00:00+02:00", "2026-10-01T17:00:00+02:00"),
        ("2026-10-08T16:00:00+02:00", "2026-10-08T17:00:00+02:00"),
        ("2026-10-22T16:00:00+02:00", "2026-10-22T17:00:00+02:00"),
        ("2026-10-29T16:00:00+01:00", "2026-10-29T17:00:00+01:00"),
        ("2026-11-05T16:00:00+01:00", "2026-11-05T17:00:00+01:00"),
    ]


def test_schedule_start_date_off_the_weekdays_is_no_session():
    schedule = Schedule(start_date=date(2026, 9, 28), end_date=date(2026, 10, 15),
                        start_time=time(16, 0), end_time=time(17, 0), by_day=[Weekday.TH])
    found = expand_schedule(None, None, schedule, date(2026, 9, 1), date(2027, 1, 1))
    assert [o.start.date() for o in found] == [date(2026, 10, 1), date(2026, 10, 8),
                                               date(2026, 10, 15)]


def test_schedule_holiday_programme_runs_daily_between_its_dates():
    # the normaliser writes the daily rule for "12.–16.07., 8–13 Uhr"
    schedule = Schedule(start_date=date(2027, 7, 12), end_date=date(2027, 7, 16),
                        start_time=time(8, 0), end_time=time(13, 0), rrule="FREQ=DAILY")
    found = expand_schedule(None, None, schedule, date(2027, 7, 1), date(2027, 8, 1))
    assert [(o.start.isoformat(), o.end.time()) for o in found] == [
        (f"2027-07-{day}T08:00:00+02:00", time(13, 0)) for day in range(12, 17)
    ]


def test_schedule_span_with_times_but_no_rule_invents_no_sessions():
    # a course from 04.11. to 27.01. at 16.15: which days is not said, so no sessions
    schedule = Schedule(start_date=date(2026, 11, 4), end_date=date(2027, 1, 27),
                        start_time=time(16, 15), end_time=time(17, 0))
    assert expand_schedule(None, None, schedule, date(2026, 11, 1), date(2027, 2, 1)) == []


def test_schedule_all_day_span_without_rule_is_one_occurrence():
    schedule = Schedule(start_date=date(2026, 10, 12), end_date=date(2026, 10, 24))
    found = expand_schedule(None, None, schedule, date(2026, 10, 1), date(2026, 11, 1))
    assert spans(found) == [("2026-10-12T00:00:00+02:00", "2026-10-25T00:00:00+02:00")]
    assert found[0].all_day


def test_schedule_rrule_bounded_by_offer_end_with_extra_start():
    schedule = Schedule(rrule="FREQ=WEEKLY;BYDAY=TU", start_time=time(10, 0), end_time=time(11, 30),
                        extra_starts=[at(2026, 11, 14, 10, 0)])
    found = expand_schedule(at(2026, 11, 3, 10, 0), at(2026, 11, 17, 11, 30), schedule,
                            date(2026, 11, 1), date(2027, 1, 1))
    assert [o.start.isoformat() for o in found] == [
        "2026-11-03T10:00:00+01:00", "2026-11-10T10:00:00+01:00", "2026-11-14T10:00:00+01:00",
        "2026-11-17T10:00:00+01:00",
    ]
    assert all(o.end - o.start == timedelta(minutes=90) for o in found)


def test_schedule_single_offer_and_nothing_to_expand():
    one = expand_schedule(at(2026, 12, 6, 15, 0), at(2026, 12, 6, 17, 0), None,
                          date(2026, 12, 1), date(2027, 1, 1))
    assert spans(one) == [("2026-12-06T15:00:00+01:00", "2026-12-06T17:00:00+01:00")]
    assert expand_schedule(None, None, Schedule(), date(2026, 1, 1), date(2027, 1, 1)) == []


# -- raw iCalendar records


def test_ical_record_with_override_duration_and_cancelled_status():
    fields = {
        "UID": "u", "DTSTART": "2026-10-20T17:00:00+02:00", "TZID": "Europe/Berlin",
        "DURATION": "PT2H", "RRULE": "FREQ=WEEKLY;COUNT=3",
        "OVERRIDES": [{"RECURRENCE-ID": "2026-10-27T17:00:00+01:00",
                       "DTSTART": "2026-10-28T17:00:00+01:00", "DURATION": "PT1H"}],
    }
    found = ical_occurrences(fields, date(2026, 10, 1), date(2026, 12, 1))
    assert spans(found) == [
        ("2026-10-20T17:00:00+02:00", "2026-10-20T19:00:00+02:00"),
        ("2026-10-28T17:00:00+01:00", "2026-10-28T18:00:00+01:00"),
        ("2026-11-03T17:00:00+01:00", "2026-11-03T19:00:00+01:00"),
    ]
    cancelled = {**fields, "STATUS": "CANCELLED"}
    assert ical_occurrences(cancelled, date(2026, 10, 1), date(2026, 12, 1)) == []
    kept = ical_occurrences(cancelled, date(2026, 10, 1), date(2026, 12, 1), include_cancelled=True)
    assert [o.cancelled for o in kept] == [True, True, True]
    with pytest.raises(ScheduleError, match="no DTSTART"):
        ical_occurrences({"UID": "x"}, date(2026, 1, 1), date(2027, 1, 1))
