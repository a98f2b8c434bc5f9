"""Shape mappers ICAL, OPENACTIVE, XCRI_CAP and OPENQCAT: raw records as read → draft slots."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pipelines.mapping import to_draft
from pipelines.mapping._feed_values import iso_date, looks_like_address, price_expression
from pipelines.sessions import expand, parse_iso
from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers.parsing import get_parser

RPDE_PAGES = Path(__file__).parent.parent / "fixtures" / "readers" / "rpde"


def source(kind: str) -> Source:
    return Source(id="test-mapping", provider="test", adapter=kind, url="file:///feed",
                  licence="cc-by/4.0")


def drafts(kind: str, content: bytes, frozen_now) -> dict[str, dict[str, Any]]:
    """Draft slots (without empty ones) by record key."""
    return {
        record.record_key: to_draft(record, source(kind)).model_dump(exclude_defaults=True)
        for record in get_parser(kind)(content, source(kind), url=None, fetched_at=frozen_now)
    }


# -- iCalendar


def test_ical_machbar_weekly_class_and_monthly_repair_cafe(realdata, frozen_now):
    found = drafts("ical", (realdata / "ical-machbar-potsdam/machbar_16_feb_2019.ics").read_bytes(),
                   frozen_now)
    assert found["7g6502aejkun96i5fenfu6hvc1@google.com"] == {
        "title": "Montessori Schulklasse",
        "description": "Mario mit einer Klasse der Montessori Schule",
        "location_name": "machBar",
        "start": "2019-02-28T08:30:00+01:00",
        "end": "2019-02-28T14:30:00+01:00",
        "rrule": "FREQ=WEEKLY;BYDAY=TH",
        "exception_dates": ["2019-03-07T08:30:00+01:00"],
    }
    assert found["3761q5bsqtnh74ckejfgfrailt@google.com"] == {
        "title": "mB-onTour: repairCafé",
        "description": "Gemeinsam reparieren - Hilfe zur Selbsthilfe",
        "address": "Stadt- u. Landesbibliothek Potsdam im Bildungsforum, Am Kanal 47, 14467 "
                   "Potsdam, Deutschland",
        "start": "2019-01-12T11:00:00+01:00",
        "end": "2019-01-12T15:00:00+01:00",
        "rrule": "FREQ=MONTHLY;UNTIL=20190308T225959Z;BYDAY=2SA",
    }
    # all-day: the draft's end is the last day (DTEND 2017-10-23 is exclusive)
    assert found["71vvvsbcjb3b4gsfmsjel6aqtb@google.com"] == {
        "title": "CODEWEEK", "description": "www.codeweek.eu",
        "start": "2017-10-07", "end": "2017-10-22", "all_day": "true",
    }


def test_ical_school_holidays_and_podio(realdata, frozen_now):
    path = realdata / "ical-schulferien-bremen/ferien_bremen_2017.ics"
    bremen = drafts("ical", path.read_bytes(), frozen_now)
    assert bremen["1"] == {"title": "Osterferien", "start": "2017-04-10", "end": "2017-04-21",
                           "all_day": "true"}
    podio = drafts("ical", (realdata / "ical-podio-export-berlin/issue_350.ics").read_bytes(),
                   frozen_now)
    assert podio["20055546456446"] == {
        "title": 'Termin 4353 und"so"',
        "description": 'Toller Termin fürmal zu"gucken"und so',
        "url": "https://podio.com/xxxxxxyyyyyy/zpodio-testgelande/apps/calendar/items/5",
        "location_name": "online",
        "start": "2022-02-22T19:30:00+01:00",
        "end": "2022-02-22T20:30:00+01:00",
    }


def test_ical_status_class_geo_organizer_duration(frozen_now):
    record = RawRecord(
        source_id="test-mapping", record_key="k", fetched_at=frozen_now, shape=RawShape.ICAL,
        fields={
            "UID": "k", "DTSTART": "2026-11-28T10:00:00+01:00", "DURATION": "PT2H30M",
            "SUMMARY": "Adventsbasteln", "DESCRIPTION": "",
            "X-ALT-DESC": "<p>Mit <b>Tannenzapfen</b></p>",
            "STATUS": "CANCELLED", "CLASS": "PRIVATE", "GEO": "51.4270;6.8825",
            "ORGANIZER": "mailto:m.muster@example.org", "ORGANIZER-CN": "Familienzentrum Styrum",
            "CATEGORIES": ["Kinder", "Advent"],
        },
    )
    assert to_draft(record, source("ical")).model_dump(exclude_defaults=True) == {
        "title": "Adventsbasteln",
        "description": "<p>Mit <b>Tannenzapfen</b></p>",
        "status": "abgesagt",
        "categories": ["Kinder", "Advent"],
        "organizer": "Familienzentrum Styrum",
        "latitude": "51.4270",
        "longitude": "6.8825",
        "confidential": "true",
        "start": "2026-11-28T10:00:00+01:00",
        "end": "2026-11-28T12:30:00+01:00",
    }


# -- OpenActive


def test_openactive_real_session_series(realdata, frozen_now):
    path = realdata / "rpde-openactive-items/sessionseries-with-schedule-exdates.json"
    content = path.read_bytes()
    assert drafts("rpde", content, frozen_now)["tlqi1kkclv66"] == {
        "title": "No Strings Badminton - Thursday daytime",
        "description": "Thursday  11-2pm",
        "url": "https://badmintonengland.playwaze.com/national-badminton-centre-milton-keynes/"
               "xdpcp4jkpqzs/groupplaymanager-display/yodwmuk8ioo",
        "kind": "SessionSeries",
        "categories": ["General"],
        "organizer": "National Badminton Centre, Milton Keynes",
        # the place's name is only "52.0406224, -0.7594171": not a venue name
        "latitude": "52.0406224",
        "longitude": "-0.7594171",
        "start": "2020-01-02T11:00:00+00:00",
        "end": "2020-01-02T14:00:00+00:00",
        "rrule": "FREQ=WEEKLY;BYDAY=TH;UNTIL=20201204T235959Z",
        "exception_dates": ["2020-07-23T11:00:00.000Z"],
        "prices": ["Free option available: 0,00 GBP"],
        "is_free": "true",
        "booking_url": "https://badmintonengland.playwaze.com/Booking/FindBooking?"
                       "seriesId=tlqi1kkclv66&Source=OA",
    }


def test_openactive_real_course_and_facility_use(realdata, frozen_now):
    path = realdata / "rpde-openactive-items/course-with-schedule.json"
    course = drafts("rpde", path.read_bytes(), frozen_now)["311870"]
    assert {k: course[k] for k in ("kind", "title", "organizer", "location_name", "start", "end",
                                   "rrule", "prices", "categories")} == {
        "kind": "CourseInstance",
        "title": "S4K TV - Dance",
        "organizer": "Sport4Kids UK Ltd.",
        "location_name": "online",
        # Fridays 14:30–15:00 London summer time; repeatCount 19 (01.05.–04.09.2020)
        "start": "2020-05-01T14:30:00+01:00",
        "end": "2020-05-01T15:00:00+01:00",
        "rrule": "FREQ=WEEKLY;BYDAY=FR;COUNT=19",
        "prices": ["Sign Up: 0,00 GBP"],
        "categories": ["Dance"],
    }
    facility = drafts("rpde", (realdata / "rpde-openactive-items/facilityuse.json").read_bytes(),
                      frozen_now)
    assert list(facility.values()) == [{
        "title": "Creche 3-5yrs 2hrs",
        "kind": "FacilityUse",
        "categories": ["Creche"],
        "organizer": "Fusion Lifestyle Training",
        "location_key": "ESG",
        "location_name": "Southgate Leisure Centre",
        "opening_hours": "Su 00:00-23:59; Mo 09:00-12:59; Tu 00:00-23:59; We 09:00-12:59; "
                         "Th 09:00-12:59; Fr 00:00-23:59; Sa 00:00-23:59",
        "prices": ["Adult: Off Peak: 5,75 GBP", "Adult: Peak: 5,75 GBP", "Adult: 24 Hour: 5,75 GBP",
                   "Junior: Off Peak: 3,15 GBP", "Junior: Peak: 3,15 GBP",
                   "Junior: 24 Hour: 3,15 GBP"],
    }]


def test_openactive_scheduled_session_takes_its_series_from_super_event(frozen_now):
    found = drafts("rpde", (RPDE_PAGES / "scheduled-sessions-1.json").read_bytes(), frozen_now)
    assert found["kinderyoga-heissen-2026-10-29"] == {
        "title": "Kinderyoga für Vier- bis Sechsjährige",
        "description": "Spielerische Yogaübungen, Fantasiereisen und Entspannung.",
        "kind": "ScheduledSession",
        "organizer": "Familienbildungsstätte Mülheim",
        "location_name": "Familienzentrum Heißen",
        "street": "Humboldtstraße 20",
        "postal_code": "45472",
        "city": "Mülheim an der Ruhr",
        "start": "2026-10-29T15:30:00+01:00",
        "end": "2026-10-29T16:15:00+01:00",
        "age_min": "4",
        "age_max": "6",
        "prices": ["Einzeltermin: 4,00 EUR"],
        "capacity": "12",
        "free_places": "3",
        "booking_url": "https://sport.example-muelheim.de/buchen/kinderyoga-heissen",
    }
    # the series only referenced by URL: what the session itself says
    assert found["kinderyoga-heissen-2026-11-05"] == {
        "kind": "ScheduledSession", "status": "abgesagt",
        "start": "2026-11-05T15:30:00+01:00", "end": "2026-11-05T16:15:00+01:00",
    }


def test_openactive_weekly_series_across_the_october_switch(frozen_now):
    found = drafts("rpde", (RPDE_PAGES / "session-series-2.json").read_bytes(), frozen_now)
    assert found["babyschwimmen-friedrich-wennmann-bad"] == {}  # tombstone
    series = found["eltern-kind-turnen-saarn"]
    assert {k: series[k] for k in ("start", "end", "rrule", "exception_dates", "age_min",
                                   "age_max", "prices")} == {
        "start": "2026-10-01T16:00:00+02:00",
        "end": "2026-10-01T17:00:00+02:00",
        "rrule": "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261217T225959Z",
        "exception_dates": ["2026-10-15"],
        "age_min": "1",
        "age_max": "3",
        "prices": ["Mitglieder: 0,00 EUR", "Gäste je Termin: 3,50 EUR"],
    }
    sessions = expand(parse_iso(series["start"]), end=parse_iso(series["end"]),
                      rrule=series["rrule"],
                      exdates=[parse_iso(d) for d in series["exception_dates"]],
                      window_start=date(2026, 10, 1), window_end=date(2027, 1, 1))
    assert len(sessions) == 11  # twelve Thursdays 01.10.–17.12., without 15.10.
    assert [s.start.isoformat() for s in sessions[2:4]] == [
        "2026-10-22T16:00:00+02:00", "2026-10-29T16:00:00+01:00",
    ]
    assert sessions[-1].start.isoformat() == "2026-12-17T16:00:00+01:00"


def test_openactive_monthly_schedule_gender_person_and_sub_events(frozen_now):
    def draft(data: dict[str, Any]) -> dict[str, Any]:
        record = RawRecord(source_id="test-mapping", record_key="x", fetched_at=frozen_now,
                           shape=RawShape.OPENACTIVE,
                           fields={"state": "updated", "kind": data["@type"], "id": "x",
                                   "modified": 1, "data": data})
        return to_draft(record, source("rpde")).model_dump(exclude_defaults=True)

    monthly = draft({
        "@type": "SessionSeries", "name": "Mädchenfußball-Tag",
        "genderRestriction": "https://openactive.io/FemaleOnly",
        "organizer": {"@type": "Person", "name": "Erika Mustermann"},
        "eventSchedule": {"@type": "Schedule", "repeatFrequency": "P1M", "byMonthDay": [1],
                          "startDate": "2026-10-01", "startTime": "10:00", "duration": "PT2H",
                          "repeatCount": 3},
    })
    assert monthly == {
        "title": "Mädchenfußball-Tag", "kind": "SessionSeries", "target_groups": ["FemaleOnly"],
        "start": "2026-10-01T10:00:00+02:00", "end": "2026-10-01T12:00:00+02:00",
        "rrule": "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3",
    }
    schedule = {"repeatFrequency": "P2W", "byDay": ["MO", "schema:Wednesday"],
                "startDate": "2026-11-02"}
    fortnightly = draft({"@type": "SessionSeries", "name": "Spielkreis",
                         "eventSchedule": [schedule]})
    assert (fortnightly["rrule"], fortnightly["start"], fortnightly["all_day"]) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", "2026-11-02", "true")
    event = draft({"@type": "Event", "name": "Herbstferienprogramm",
                   "subEvent": [{"startDate": "2026-10-14T09:00:00+02:00",
                                 "endDate": "2026-10-14T13:00:00+02:00"},
                                {"startDate": "2026-10-12T09:00:00+02:00",
                                 "endDate": "2026-10-12T13:00:00+02:00"}]})
    assert (event["start"], event["end"]) == ("2026-10-12T09:00:00+02:00",
                                              "2026-10-14T13:00:00+02:00")


# -- XCRI-CAP and openQ-cat


def test_xcri_presentation(realdata, frozen_now):
    found = drafts("xcri_cap", (realdata / "xml-xcri-cap-open-university-bom/ou-example.xml")
                   .read_bytes(), frozen_now)
    assert found["A1742011E"] == {
        "kind": "course",
        "title": "Start writing fiction",
        "subtitle": "Year of entry: 2011",
        "description": "If you've ever considered writing a novel or short stories, this practical "
                       "introduction to writing fiction will get you started, firing your "
                       "creativity and imagination.",
        "url": "http://www3.open.ac.uk/study/undergraduate/course/a174.htm",
        "categories": ["KC.3", "Literature and Creative Writing"],
        "organizer": "The Open University",
        "street": "PO Box 197",
        "postal_code": "MK7 6BJ",
        "city": "Milton Keynes",
        "address": "PO Box 197, Milton Keynes, MK7 6BJ",
        "start": "2011-05-07",
        "end": "2011-08-31",
        "time_text": "Part time distance education course",
        "languages": ["EN"],
        "price_text": "UK fee: GBP155.00; Ireland fee: GBP340.00; "
                      "Continental Europe fee: GBP385.00",
        "booking_url": "http://www.open.ac.uk/study/",
        "registration_text": "2010-09-05 – 2011-04-08",
    }
    assert found["B01"]["description"].startswith(
        "NLD Target Group Code: G\n\nB01, BA (Honours) History, Undergraduate qualification")


def test_openqcat_service(realdata, frozen_now):
    path = realdata / "xml-openqcat-kursnet-service/openqcat_service_Leipzig-Teilzeit.xml"
    content = path.read_bytes()
    draft = drafts("openqcat", content, frozen_now)["375057142"]
    description = draft.pop("description")
    assert description.startswith("Die gesamte Ausbildung erfolgt stark codefokussiert")
    assert len(description) == 3374  # the element text with "&amp;" as "&", 25 line breaks kept
    assert description.count("\n") == 25
    assert draft == {
        "kind": "course",
        "title": "Umschulung Fachinformatiker Anwendungsentwicklung / Fachinformatikerin "
                 "Anwendungsentwicklung",
        "url": "https://cdemy.de/umschulung/anwendungsentwicklung",
        "categories": ["Fachinformatiker", "Umschulung",
                       "Umschulung Fachinformatiker Anwendungsentwicklung / Fachinformatikerin "
                       "Anwendungsentwicklung",
                       "Anwendungsentwicklung", "Fachinformatikerin",
                       "Fachinformatiker/Fachinformatikerin Fachrichtung Anwendungsentwicklung"],
        "location_name": "cdemy GmbH – Code Academy",
        "street": "Eisenbahnstraße 121",
        "postal_code": "04315",
        "city": "Leipzig",
        "start": "2027-02-05",
        "end": "2029-01-26",
        "time_text": "Montag bis Freitag 5,5 Stunden pro Tag in individueller Gleitzeit, aber mit "
                     "einer Pflicht-Kernzeit von 09:30 Uhr bis 13:30 Uhr.",
        "target_groups": ["Erwerbslose ohne entsprechenden Bildungsabschluss mit großem "
                          "technischen Interesse und analytischen Fähigkeiten."],
        "languages": ["deu", "eng"],
        "prices": ["35464,50 EUR"],
        "capacity": "12",
        # functional contact of the place; the course's contact person is never mapped
        "email": "info@cdemy.de",
        "phone": "+49.341.99990117",
    }


# -- helpers


def test_value_helpers():
    assert iso_date("2027-02-05T00:00:00.000+01:00") == "2027-02-05"
    assert iso_date("2026-02-18+01:00") == "2026-02-18"
    assert iso_date("2026-02-18Z") == "2026-02-18"
    assert iso_date("18.02.2026") == "18.02.2026"
    assert price_expression("35464.5", "EUR") == "35464,50 EUR"
    assert price_expression(3.15, "GBP", "Junior: Peak") == "Junior: Peak: 3,15 GBP"
    assert price_expression("12,5", None) == "12,50"
    assert price_expression("auf Anfrage", "EUR") == "auf Anfrage EUR"
    assert price_expression(None, "EUR") is None
    assert looks_like_address("Am Kanal 47, 14467 Potsdam")
    assert looks_like_address("Friedrich-Engels-Str. 22, Potsdam")
    assert not looks_like_address("Haus 5 - machBar")
    assert not looks_like_address("machBar, Seminarraum")
