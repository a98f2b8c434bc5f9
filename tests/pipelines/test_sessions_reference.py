"""Session expansion of the real iCalendar feeds against ``recurring_ical_events``.

Each feed is read by our reader, every record expanded with :func:`ical_occurrences`, and the
``(start, end)`` set per UID compared with the reference expansion of the original file. The
reference is used here only. Where it is arguably wrong on a broken file, the difference is
asserted explicitly.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from pipelines.sessions import ical_occurrences
from schemas.source import Source
from scrapers.readers.ical import parse

BERLIN = ZoneInfo("Europe/Berlin")
Spans = dict[str, set[tuple[datetime, datetime]]]


def window(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time(), BERLIN), datetime.combine(end, time(), BERLIN)


def reference(path: Path, start: datetime, end: datetime) -> Spans:
    spans: Spans = {}
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    for event in recurring_ical_events.of(calendar).between(start, end):
        begin, finish = event["DTSTART"].dt, event["DTEND"].dt
        if not isinstance(begin, datetime):
            begin = datetime.combine(begin, time(), BERLIN)
            finish = datetime.combine(finish, time(), BERLIN)
        spans.setdefault(str(event["UID"]), set()).add((begin, finish))
    return spans


def ours(path: Path, start: datetime, end: datetime, frozen_now: datetime) -> Spans:
    source = Source(id="test-ical", provider="test", adapter="ical", url=path.as_uri(),
                    licence="cc-by/4.0")
    spans: Spans = {}
    for record in parse(path.read_bytes(), source, url=path.as_uri(), fetched_at=frozen_now):
        for occurrence in ical_occurrences(record.fields, start, end):
            spans.setdefault(record.fields["UID"], set()).add((occurrence.start, occurrence.end))
    return spans


def count(spans: Spans) -> int:
    return sum(len(s) for s in spans.values())


MACHBAR_WINDOWS = [
    # (window, occurrences, UIDs with occurrences)
    ((date(2017, 1, 1), date(2021, 1, 1)), 888, 58),  # the whole feed and beyond
    ((date(2017, 6, 1), date(2019, 7, 1)), 416, 58),  # all of its history
    ((date(2018, 3, 20), date(2018, 4, 5)), 9, 5),  # across 25.03.2018 (summer time begins)
    ((date(2019, 10, 17), date(2019, 11, 8)), 20, 7),  # across 27.10.2019
    ((date(2026, 10, 19), date(2026, 11, 2)), 12, 7),  # across 25.10.2026, open-ended rules only
]


@pytest.mark.parametrize(("bounds", "occurrences", "uids"), MACHBAR_WINDOWS)
def test_machbar_matches_the_reference(realdata, frozen_now, bounds, occurrences, uids):
    path = realdata / "ical-machbar-potsdam" / "machbar_16_feb_2019.ics"
    start, end = window(*bounds)
    expected = reference(path, start, end)
    found = ours(path, start, end, frozen_now)
    assert found == expected
    assert (count(found), len(found)) == (occurrences, uids)


def test_machbar_open_lab_keeps_its_local_time_across_the_switch(realdata, frozen_now):
    path = realdata / "ical-machbar-potsdam" / "machbar_16_feb_2019.ics"
    found = ours(path, *window(date(2026, 10, 19), date(2026, 11, 2)), frozen_now)
    # "OpenLab", weekly on Thursday 18:00–20:00 since 24.08.2017, no end
    assert sorted((s.isoformat(), e.isoformat())
                  for s, e in found["5neh1ktep3uqvjk197abrb0gio@google.com"]) == [
        ("2026-10-22T18:00:00+02:00", "2026-10-22T20:00:00+02:00"),
        ("2026-10-29T18:00:00+01:00", "2026-10-29T20:00:00+01:00"),
    ]


def test_machbar_moved_and_excluded_repair_cafes(realdata, frozen_now):
    path = realdata / "ical-machbar-potsdam" / "machbar_16_feb_2019.ics"
    found = ours(path, *window(date(2018, 6, 1), date(2018, 12, 1)), frozen_now)
    # last Saturday of each month 11–15 h; 28.07. and 25.08. excluded, September and October
    # moved one week earlier; UNTIL 23.11. ends the rule before the last Saturday of November
    assert sorted(s.date() for s, _ in found["52uuaoruefesorque1gpjabr6t@google.com"]) == [
        date(2018, 6, 30), date(2018, 9, 22), date(2018, 10, 20),
    ]


def test_germany_holidays_differ_only_in_zero_length_all_day_events(realdata, frozen_now):
    path = realdata / "ical-germany-holidays-calendarlabs" / "Germany_Holidays.ics"
    start, end = window(date(2019, 1, 1), date(2021, 1, 1))
    expected = reference(path, start, end)
    found = ours(path, start, end, frozen_now)
    assert count(found) == count(expected) == 34
    # The feed writes DTEND equal to DTSTART (a zero-length day). The reference repeats that;
    # we read an all-day event that does not end after it starts as lasting its one day.
    assert all(s == e for spans in expected.values() for s, e in spans)
    assert found == {
        uid: {(s, (s.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=BERLIN))
              for s, _ in spans}
        for uid, spans in expected.items()
    }


def test_podio_matches_the_reference(realdata, frozen_now):
    path = realdata / "ical-podio-export-berlin" / "issue_350.ics"
    start, end = window(date(2022, 2, 1), date(2022, 3, 1))
    expected = reference(path, start, end)
    assert ours(path, start, end, frozen_now) == expected
    assert expected == {"20055546456446": {(datetime(2022, 2, 22, 19, 30, tzinfo=BERLIN),
                                             datetime(2022, 2, 22, 20, 30, tzinfo=BERLIN))}}


@pytest.mark.parametrize(
    ("bounds", "occurrences"),
    [((date(2017, 1, 1), date(2018, 2, 1)), 5), ((date(2018, 1, 5), date(2018, 1, 10)), 1),
     ((date(2018, 1, 6), date(2018, 1, 10)), 0)],
)
def test_bremen_holidays_match_the_reference(realdata, frozen_now, bounds, occurrences):
    path = realdata / "ical-schulferien-bremen" / "ferien_bremen_2017.ics"
    start, end = window(*bounds)
    expected = reference(path, start, end)
    found = ours(path, start, end, frozen_now)
    assert found == expected
    assert count(found) == occurrences
