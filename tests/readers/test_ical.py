"""iCalendar reader: the four real feeds (counts and whole records checked by hand) and the
breakage real feeds have, as small inline calendars."""

from __future__ import annotations

from typing import Any

import pytest

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers._ical_text import Truncated, clean
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.ical import parse, resolve_zone
from scrapers.readers.problems import ProblemLog

MACHBAR = "ical-machbar-potsdam/machbar_16_feb_2019.ics"
HOLIDAYS = "ical-germany-holidays-calendarlabs/Germany_Holidays.ics"
PODIO = "ical-podio-export-berlin/issue_350.ics"
BREMEN = "ical-schulferien-bremen/ferien_bremen_2017.ics"
REPAIR_CAFE = ("Stadt- u. Landesbibliothek Potsdam im Bildungsforum, Am Kanal 47, "
               "14467 Potsdam, Deutschland")


def ical_source(url: str = "file:///feed.ics", *, key: Any = None, timezone: str = "Europe/Berlin",
                **options: Any) -> Source:
    return Source(id="test-ical", provider="test", adapter="ical", url=url, licence="cc-by/4.0",
                  key=key, timezone=timezone, options=options)


def records(content: bytes, frozen_now, source: Source | None = None,
            problems: ProblemLog | None = None) -> list[RawRecord]:
    return list(parse(content, source or ical_source(), url="file:///feed.ics",
                      fetched_at=frozen_now, problems=problems))


def calendar(*lines: str, newline: str = "\r\n") -> bytes:
    return newline.join(["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR", ""]).encode()


def only_fields(content: bytes, frozen_now, **kwargs: Any) -> dict[str, Any]:
    found = records(content, frozen_now, **kwargs)
    assert len(found) == 1
    return found[0].fields


# -- real feeds


def test_machbar_counts(realdata, frozen_now):
    problems = ProblemLog()
    found = records((realdata / MACHBAR).read_bytes(), frozen_now, problems=problems)
    assert problems.count == 0
    # 64 VEVENTs with 58 UIDs: 6 RECURRENCE-ID components ride along with their masters
    assert len(found) == 58
    assert len({r.record_key for r in found}) == 58
    assert sum(len(r.fields.get("OVERRIDES", [])) for r in found) == 6
    assert sorted(len(r.fields["OVERRIDES"]) for r in found if "OVERRIDES" in r.fields) == [1, 2, 3]
    # 26 RRULE lines in the file, 2 of them in the VTIMEZONE
    assert sum("RRULE" in r.fields for r in found) == 24
    assert sum(len(r.fields.get("EXDATE", [])) for r in found) == 5
    assert sum(len(r.fields["DTSTART"]) == 10 for r in found) == 3
    assert all(r.shape is RawShape.ICAL for r in found)


def test_machbar_weekly_youth_lab_whole_record(realdata, frozen_now):
    found = {r.record_key: r for r in records((realdata / MACHBAR).read_bytes(), frozen_now)}
    assert found["ctfr0ikn17n8okmi83au0qfuhs@google.com"] == RawRecord(
        source_id="test-ical", record_key="ctfr0ikn17n8okmi83au0qfuhs@google.com",
        url="file:///feed.ics", fetched_at=frozen_now, shape=RawShape.ICAL,
        fields={
            "UID": "ctfr0ikn17n8okmi83au0qfuhs@google.com",
            "DTSTART": "2019-01-17T15:00:00+01:00",
            "TZID": "Europe/Berlin",
            "DTEND": "2019-01-17T17:00:00+01:00",
            "RRULE": "FREQ=WEEKLY;BYDAY=TH",
            "SUMMARY": "#TEC - für Jugendliche",
            "DESCRIPTION": (
                "\nJetzt neu immer Donnerstags!\n#tec (Hashtec) ist ein Treffpunkt für "
                "Jugendliche, welche sich kreativ mit Technik beschäftigen wollen. Gemeinsam "
                "hacken, programmieren lernen und Spaß haben steht an erster Stelle. \n\nIhr "
                "braucht keine Clubmitgliedschaft und es ist kostenfrei. Kommt vorbei!\n\n"
                "https://hashtec-potsdam.github.io/"
            ),
            "LOCATION": "Haus 5 - machBar",
            "STATUS": "CONFIRMED",
            "CLASS": "PUBLIC",
        },
    )


def test_machbar_monthly_repair_cafe_with_exdates_and_overrides(realdata, frozen_now):
    found = {r.record_key: r for r in records((realdata / MACHBAR).read_bytes(), frozen_now)}
    assert found["52uuaoruefesorque1gpjabr6t@google.com"].fields == {
        "UID": "52uuaoruefesorque1gpjabr6t@google.com",
        "DTSTART": "2018-06-30T11:00:00+02:00",
        "TZID": "Europe/Berlin",
        "DTEND": "2018-06-30T15:00:00+02:00",
        "RRULE": "FREQ=MONTHLY;UNTIL=20181123T225959Z;BYDAY=-1SA",
        "EXDATE": ["2018-08-25T11:00:00+02:00", "2018-07-28T11:00:00+02:00"],
        "SUMMARY": "mB-onTour: repairCafé",
        "DESCRIPTION": "Gemeinsam reparieren - Hilfe zur Selbsthilfe",
        "LOCATION": REPAIR_CAFE,
        "STATUS": "CONFIRMED",
        "OVERRIDES": [
            {"RECURRENCE-ID": "2018-09-29T11:00:00+02:00", "DTSTART": "2018-09-22T11:00:00+02:00",
             "DTEND": "2018-09-22T15:00:00+02:00", "SUMMARY": "mB-onTour: repairCafé",
             "STATUS": "CONFIRMED", "LOCATION": REPAIR_CAFE},
            {"RECURRENCE-ID": "2018-10-27T11:00:00+02:00", "DTSTART": "2018-10-20T11:00:00+02:00",
             "DTEND": "2018-10-20T15:00:00+02:00", "SUMMARY": "mB-onTour: repairCafé",
             "STATUS": "CONFIRMED", "LOCATION": REPAIR_CAFE},
        ],
    }
    moved = found["ome5r9735mpdoo3n6lpf8oi0c4@google.com"].fields["OVERRIDES"]
    assert [(o["RECURRENCE-ID"], o["DTSTART"], o["LOCATION"]) for o in moved] == [
        ("2018-12-15T11:00:00+01:00", "2018-12-08T11:00:00+01:00", REPAIR_CAFE),
        ("2019-01-19T11:00:00+01:00", "2019-01-27T11:00:00+01:00",
         "Treffpunkt Freizeit, Am Neuen Garten 64, 14469 Potsdam, Deutschland"),
        ("2019-02-16T11:00:00+01:00", "2019-02-24T11:00:00+01:00",
         "Treffpunkt Freizeit, Am Neuen Garten 64, 14469 Potsdam, Deutschland"),
    ]


def test_machbar_utc_times_are_shown_in_the_calendar_zone(realdata, frozen_now):
    found = {r.record_key: r for r in records((realdata / MACHBAR).read_bytes(), frozen_now)}
    # DTSTART:20190228T190000Z with X-WR-TIMEZONE:Europe/Berlin
    assert found["4pudsugalsbuqetcfdns8demti@google.com"].fields == {
        "UID": "4pudsugalsbuqetcfdns8demti@google.com",
        "DTSTART": "2019-02-28T20:00:00+01:00",
        "TZID": "Europe/Berlin",
        "DTEND": "2019-02-28T21:00:00+01:00",
        "SUMMARY": '"Bioökonomie-Tag"',
        "DESCRIPTION": "Kennenlernen der machBar facilities zum Thema Bioökonomie",
        "LOCATION": "",
        "STATUS": "CONFIRMED",
    }
    assert found["71vvvsbcjb3b4gsfmsjel6aqtb@google.com"].fields["DTSTART"] == "2017-10-07"
    assert found["71vvvsbcjb3b4gsfmsjel6aqtb@google.com"].fields["DTEND"] == "2017-10-23"


def test_germany_holidays_broken_feed(realdata, frozen_now):
    problems = ProblemLog()
    found = records((realdata / HOLIDAYS).read_bytes(), frozen_now, problems=problems)
    assert problems.count == 0
    assert len(found) == 34
    # the empty "RRULE:" lines are gone; bare dates are dates; DTEND equals DTSTART as written
    assert all(set(r.fields) == {"UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION",
                                 "STATUS"} for r in found)
    assert all(r.fields["DTEND"] == r.fields["DTSTART"] for r in found)
    assert [r.fields["DTSTART"] for r in found if r.fields["SUMMARY"] == "Unity Day (National)"] \
        == ["2019-10-03", "2020-10-03"]
    assert found[0].fields == {
        "UID": "5e3a8f312427a1580896049@calendarlabs.com",
        "DTSTART": "2019-01-01",
        "DTEND": "2019-01-01",
        "SUMMARY": "New Year's Day",
        "DESCRIPTION": "Visit https://calendarlabs.com/holidays/us/new-years-day.php to know "
                       "more about New Year's Day. Like us on Facebook: http://fb.com/calendarlabs"
                       " to get updates",
        "LOCATION": "Germany",
        "STATUS": "CONFIRMED",
    }


def test_podio_export_with_junk_after_the_calendar(realdata, frozen_now):
    problems = ProblemLog()
    fields = only_fields((realdata / PODIO).read_bytes(), frozen_now, problems=problems)
    assert problems.count == 0
    assert fields == {
        "UID": "20055546456446",
        # 18:30 UTC in the calendar's X-WR-TIMEZONE
        "DTSTART": "2022-02-22T19:30:00+01:00",
        "TZID": "Europe/Berlin",
        "DTEND": "2022-02-22T20:30:00+01:00",
        "SUMMARY": 'Termin 4353 und"so"',
        # TAB-folded; \" is no iCalendar escape but meant as a quote
        "DESCRIPTION": 'Toller Termin fürmal zu"gucken"und so',
        "LOCATION": "online",
        "URL": "https://podio.com/xxxxxxyyyyyy/zpodio-testgelande/apps/calendar/items/5",
        "STATUS": "CONFIRMED",
        "CLASS": "PUBLIC",
        "X-ALT-DESC": (
            '<html><head></head><body><p>Toller <strong class="text-bold">Termin</strong> für</p>'
            '<blockquote><p>mal <em class="text-italic">zu"gucken"</em></p></blockquote>'
            '<p><u class="text-underline">und</u> <del>so</del><br/></p></body></html>'
        ),
    }


def test_bremen_school_holidays(realdata, frozen_now):
    content = (realdata / BREMEN).read_bytes()
    found = records(content, frozen_now)
    assert [r.record_key for r in found] == ["1", "2", "3", "4", "5"]
    assert [(r.fields["DTSTART"], r.fields["DTEND"], r.fields["SUMMARY"]) for r in found] == [
        ("2017-04-10", "2017-04-22", "Osterferien"),
        ("2017-06-06", "2017-06-17", "Pfingstferien"),
        ("2017-07-27", "2017-09-10", "Sommerferien"),
        ("2017-10-30", "2017-11-04", "Herbstferien"),
        ("2017-12-22", "2018-01-06", "Weihnachtsferien"),
    ]
    assert found[0].fields == {"UID": "1", "DTSTART": "2017-04-10", "DTEND": "2017-04-22",
                               "SUMMARY": "Osterferien"}
    # the UIDs 1..5 come back every year: such a source keys by UID and start
    keyed = records(content, frozen_now, source=ical_source(key=["UID", "DTSTART"]))
    assert [r.record_key for r in keyed] == [
        "1/2017-04-10", "2/2017-06-06", "3/2017-07-27", "4/2017-10-30", "5/2017-12-22",
    ]


def test_read_through_the_fetcher(realdata, fetcher, frozen_now):
    path = realdata / BREMEN
    found = list(get_reader("ical")(ical_source(path.as_uri()), fetcher))
    assert len(found) == 5
    assert found[0].url == path.as_uri()
    assert found[0].fetched_at == frozen_now


# -- breakage of real feeds, one at a time


def test_tzid_by_iana_windows_and_vendor_name_else_calendar_zone(frozen_now):
    content = calendar(
        "X-WR-TIMEZONE:Europe/Berlin",
        "BEGIN:VTIMEZONE", "TZID:Kaputt", "BEGIN:STANDARD", "TZOFFSETFROM:nonsense",
        "END:STANDARD", "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:iana", "DTSTART;TZID=Europe/Berlin:20261029T100000", "END:VEVENT",
        "BEGIN:VEVENT", "UID:windows", "DTSTART;TZID=W. Europe Standard Time:20261029T100000",
        "END:VEVENT",
        "BEGIN:VEVENT", "UID:vendor",
        "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20261029T100000", "END:VEVENT",
        "BEGIN:VEVENT", "UID:unknown", "DTSTART;TZID=Kaputt:20261029T100000", "END:VEVENT",
        "BEGIN:VEVENT", "UID:floating", "DTSTART:20260329T023000", "END:VEVENT",
    )
    problems = ProblemLog()
    found = {r.record_key: r.fields for r in records(content, frozen_now, problems=problems)}
    assert {k: (f["DTSTART"], f["TZID"]) for k, f in found.items()} == {
        "iana": ("2026-10-29T10:00:00+01:00", "Europe/Berlin"),
        "windows": ("2026-10-29T10:00:00+01:00", "Europe/Berlin"),
        "vendor": ("2026-10-29T10:00:00+01:00", "Europe/Berlin"),
        "unknown": ("2026-10-29T10:00:00+01:00", "Europe/Berlin"),
        # floating, in the spring gap: moves forward by the gap
        "floating": ("2026-03-29T03:30:00+02:00", "Europe/Berlin"),
    }
    assert [str(p) for p in problems] == [
        "source 'test-ical', VEVENT 4 (UID 'unknown'), field 'DTSTART': unknown TZID 'Kaputt'; "
        "read in Europe/Berlin",
    ]


def test_floating_and_utc_times_without_x_wr_timezone(frozen_now):
    content = calendar(
        "BEGIN:VEVENT", "UID:a", "DTSTART:20260704T100000", "DTEND:20260704T120000Z", "END:VEVENT",
    )
    fields = only_fields(content, frozen_now, source=ical_source(timezone="Europe/Vienna"))
    assert (fields["DTSTART"], fields["TZID"], fields["DTEND"]) == (
        "2026-07-04T10:00:00+02:00", "Europe/Vienna", "2026-07-04T12:00:00+00:00",
    )


def test_lf_blank_lines_tab_folding_and_junk(frozen_now):
    content = (
        "Cache-Hinweis: neu erzeugt\nBEGIN:VCALENDAR\nVERSION:2.0\n\nBEGIN:VEVENT\nUID:x\n"
        "DTSTART:2026-12-05\nDTEND:20261206\nRRULE:\nEXDATE:\nSUMMARY:Nikolausfeier im Famili\n"
        "\tenzentrum\ndas ist Müll\nCATEGORIES:Kinder\\,Eltern,Feste\nCATEGORIES:Advent\n"
        "GEO:51.42;6.88\nORGANIZER;CN=\"Familienzentrum Saarn\":mailto:info@example.org\n"
        "END:VEVENT\nEND:VCALENDAR\nnoch mehr Müll\n"
    ).encode()
    fields = only_fields(content, frozen_now)
    assert fields == {
        "UID": "x",
        "DTSTART": "2026-12-05",
        "DTEND": "2026-12-06",
        "SUMMARY": "Nikolausfeier im Familienzentrum",
        "CATEGORIES": ["Kinder,Eltern", "Feste", "Advent"],
        "ORGANIZER": "mailto:info@example.org",
        "ORGANIZER-CN": "Familienzentrum Saarn",
        "GEO": "51.42;6.88",
    }


@pytest.mark.parametrize("cut", ["END:VEVENT\n", "DTSTART:2026-12-05\n", "SUMMARY:Nikol"])
def test_a_calendar_cut_off_before_its_end_is_never_read_as_complete(cut, frozen_now):
    whole = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:2026-12-01\n"
             "SUMMARY:Adventsbasteln\nEND:VEVENT\nBEGIN:VEVENT\nUID:x\nDTSTART:2026-12-05\n"
             "SUMMARY:Nikolausfeier\nEND:VEVENT\nEND:VCALENDAR\n")
    content = whole[: whole.rindex(cut) + len(cut)].encode()
    with pytest.raises(ReaderError, match="it looks cut off"):
        records(content, frozen_now)


def test_bare_vevent_without_calendar_and_windows_1252(frozen_now):
    content = ("BEGIN:VEVENT\r\nUID:w\r\nDTSTART:20261111T111100\r\n"
               "SUMMARY:Martinsumzug – Laternen\r\nEND:VEVENT\r\n")
    fields = only_fields(content.encode("cp1252"), frozen_now)
    assert fields["SUMMARY"] == "Martinsumzug – Laternen"
    assert fields["DTSTART"] == "2026-11-11T11:11:00+01:00"


def test_reused_uid_for_unrelated_events_gets_start_in_key(frozen_now):
    content = calendar(
        "BEGIN:VEVENT", "UID:1", "DTSTART;VALUE=DATE:20270329", "DTEND;VALUE=DATE:20270410",
        "SUMMARY:Osterferien", "END:VEVENT",
        "BEGIN:VEVENT", "UID:1", "DTSTART;VALUE=DATE:20280410", "DTEND;VALUE=DATE:20280422",
        "SUMMARY:Osterferien", "END:VEVENT",
        "BEGIN:VEVENT", "UID:1", "RECURRENCE-ID;VALUE=DATE:20280410",
        "DTSTART;VALUE=DATE:20280411", "DTEND;VALUE=DATE:20280422", "END:VEVENT",
    )
    found = records(content, frozen_now)
    assert [r.record_key for r in found] == ["1/2027-03-29", "1/2028-04-10"]
    assert "OVERRIDES" not in found[0].fields
    assert found[1].fields["OVERRIDES"] == [
        {"RECURRENCE-ID": "2028-04-10", "DTSTART": "2028-04-11", "DTEND": "2028-04-22"},
    ]


def test_override_without_master_is_a_record_of_its_own(frozen_now):
    content = calendar(
        "BEGIN:VEVENT", "UID:o", "RECURRENCE-ID;TZID=Europe/Berlin:20261105T153000",
        "DTSTART;TZID=Europe/Berlin:20261106T153000", "DTEND;TZID=Europe/Berlin:20261106T161500",
        "SUMMARY:Kinderyoga (verschoben)", "STATUS:CONFIRMED", "END:VEVENT",
        "BEGIN:VEVENT", "UID:o", "RECURRENCE-ID;TZID=Europe/Berlin:20261112T153000",
        "DTSTART;TZID=Europe/Berlin:20261112T153000", "STATUS:CANCELLED", "END:VEVENT",
    )
    fields = only_fields(content, frozen_now)
    assert fields["RECURRENCE-ID"] == "2026-11-05T15:30:00+01:00"
    assert fields["DTSTART"] == "2026-11-06T15:30:00+01:00"
    assert fields["OVERRIDES"] == [
        {"RECURRENCE-ID": "2026-11-12T15:30:00+01:00", "DTSTART": "2026-11-12T15:30:00+01:00",
         "STATUS": "CANCELLED"},
    ]


def test_rdate_periods_and_lists(frozen_now):
    content = calendar(
        "BEGIN:VEVENT", "UID:r", "DTSTART;TZID=Europe/Berlin:20261103T150000",
        "DURATION:PT1H30M",
        "RDATE;TZID=Europe/Berlin:20261110T150000,20261117T160000",
        "RDATE;VALUE=PERIOD:20261124T140000Z/20261124T160000Z",
        "END:VEVENT",
    )
    fields = only_fields(content, frozen_now)
    assert fields["DURATION"] == "PT1H30M"
    assert fields["RDATE"] == [
        "2026-11-10T15:00:00+01:00", "2026-11-17T16:00:00+01:00",
        "2026-11-24T14:00:00+00:00/2026-11-24T16:00:00+00:00",
    ]


def test_unreadable_value_is_kept_and_reported(frozen_now):
    content = calendar("BEGIN:VEVENT", "UID:b", "DTSTART:nächsten Dienstag", "SUMMARY:Elterncafé",
                       "END:VEVENT")
    problems = ProblemLog()
    fields = only_fields(content, frozen_now, problems=problems)
    assert fields == {"UID": "b", "DTSTART": "nächsten Dienstag", "SUMMARY": "Elterncafé"}
    assert [(p.field, p.skipped) for p in problems] == [("DTSTART", False)]


def test_event_without_uid_is_skipped_unless_the_source_names_a_key(frozen_now):
    content = calendar("BEGIN:VEVENT", "DTSTART:20261201T100000", "SUMMARY:Adventsbasteln",
                       "END:VEVENT")
    problems = ProblemLog()
    assert records(content, frozen_now, problems=problems) == []
    assert problems.by_kind == {"no_key": 1}
    keyed = records(content, frozen_now, source=ical_source(key=["SUMMARY", "DTSTART"]))
    assert [r.record_key for r in keyed] == ["Adventsbasteln/2026-12-01T10:00:00+01:00"]


def test_not_a_calendar_and_bad_options(frozen_now):
    with pytest.raises(ReaderError, match="source 'test-ical': not a readable iCalendar feed"):
        records(b"<!DOCTYPE html><title>Wartung</title>", frozen_now)
    with pytest.raises(ReaderError, match="option 'encoding': unknown encoding 'klingonisch'"):
        records(calendar(), frozen_now, source=ical_source(encoding="klingonisch"))
    with pytest.raises(ReaderError, match="option 'charset'"):
        records(calendar(), frozen_now, source=ical_source(charset="utf-8"))


def test_clean_drops_vtimezone_and_refuses_unclosed_components():
    text = "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:X\nBEGIN:DAYLIGHT\nEND:DAYLIGHT\n" \
           "END:VTIMEZONE\nBEGIN:VEVENT\nUID:u\nDTSTART:20261224\n"
    assert clean(text + "END:VEVENT\nEND:VCALENDAR\n") == (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART;VALUE=DATE:20261224\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(Truncated, match="ends inside VCALENDAR > VEVENT"):
        clean(text)


def test_resolve_zone():
    assert resolve_zone("Europe/Berlin") == "Europe/Berlin"
    assert resolve_zone("W. Europe Standard Time") == "Europe/Berlin"
    assert resolve_zone("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin") == "Europe/Berlin"
    assert resolve_zone('"Europe/Berlin"') == "Europe/Berlin"
    assert resolve_zone("Mitteleuropäische Zeit") is None
    assert resolve_zone("../../etc/passwd") is None
    assert resolve_zone(None) is None
