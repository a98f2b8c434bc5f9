"""The SCHEMA_ORG shape mapper: extracted objects (real pages and fixtures) -> drafts."""

from __future__ import annotations

from typing import Any

import pytest
from scrapers_testkit import fixture_bytes, make_source

from pipelines.mapping import to_draft
from pipelines.mapping.schemaorg import map_schema_org
from schemas.draft import Draft
from schemas.raw import RawRecord, RawShape
from scrapers.structured import extract_schema_org

SOURCE = make_source("test_bibliothek", "https://www.stadtbibliothek.example/veranstaltungen/")
PAGE = "https://www.stadtbibliothek.example/veranstaltungen/"


def _draft(obj: dict[str, Any], frozen_now, url: str = PAGE) -> Draft:
    record = RawRecord(
        source_id="test-source",
        record_key="k",
        url=url,
        fetched_at=frozen_now,
        shape=RawShape.SCHEMA_ORG,
        fields=obj,
    )
    return to_draft(record, SOURCE)


def _slots(obj: dict[str, Any], frozen_now) -> dict[str, Any]:
    return _draft(obj, frozen_now).model_dump(exclude_defaults=True)


def _fixture_objects(name: str) -> list[dict[str, Any]]:
    return extract_schema_org(fixture_bytes(name), PAGE, {"Event", "Course", "ChildCare"})


def test_childrens_event_with_place_geo_and_free_entry(frozen_now):
    event = _fixture_objects("veranstaltungen.html")[0]

    assert _slots(event, frozen_now) == {
        "title": "Bilderbuchkino: Der kleine Drache",
        "description": (
            "Wir zeigen die Bilder des Buches groß auf der Leinwand und lesen die Geschichte vor."
        ),
        "url": PAGE,  # no url of its own: the page it was found on
        "categories": ["Bilderbuch", "Vorlesen"],
        "organizer": "Stadtbibliothek im Medienhaus",
        "location_name": "Stadtbibliothek im Medienhaus, Kinderbibliothek",
        "street": "Synagogenplatz 3",
        "postal_code": "45468",
        "city": "Mülheim an der Ruhr",
        "latitude": "51.4272",
        "longitude": "6.8806",
        "start": "2026-12-02T15:00:00+01:00",
        "end": "2026-12-02T15:45:00+01:00",
        "age_text": "4-7",
        "age_min": "4",
        "age_max": "7",
        "languages": ["de"],
        "is_free": "true",
    }


def test_cancelled_concert_with_several_prices(frozen_now):
    concert = _fixture_objects("veranstaltungen.html")[1]

    assert _slots(concert, frozen_now) == {
        "title": "Familienkonzert: Peter und der Wolf",
        "url": "https://www.stadtbibliothek.example/veranstaltungen/familienkonzert",
        "kind": "culture",
        "status": "cancelled",
        "location_name": "Festsaal im Medienhaus",
        "start": "2026-12-06T11:00",
        "age_min": "6",
        "prices": ["Kinder: 3 EUR", "Erwachsene: 6.5 EUR"],
        "booking_url": "https://tickets.example/peter-und-der-wolf",
    }


def test_course_takes_dates_place_price_and_schedule_from_its_instance(frozen_now):
    course = _fixture_objects("veranstaltungen.html")[2]

    assert _slots(course, frozen_now) == {
        "title": "Babyschwimmen",
        "description": "Wassergewöhnung für Babys mit Mama oder Papa.",
        "url": "https://www.stadtbibliothek.example/kurse/babyschwimmen",
        "kind": "course",
        "organizer": "Sportservice Mülheim",
        "location_name": "Hallenbad Süd",
        "address": "Mendener Straße 26, 45470 Mülheim an der Ruhr",
        "start": "2027-01-08",
        "end": "2027-03-19",
        "time_text": "10:00-10:45",
        "rrule": "FREQ=WEEKLY;BYDAY=FR",
        "exception_dates": ["2027-02-12"],
        "age_min": "4 Monate",
        "age_max": "12 Monate",
        "prices": ["75.00 EUR"],
    }


def test_childcare_is_its_own_place_with_opening_hours(frozen_now):
    (kita,) = _fixture_objects("kita_sonnenblume.html")

    assert _slots(kita, frozen_now) == {
        "title": "Kita Sonnenblume – Familienzentrum",
        "description": "Viergruppige Einrichtung mit U3-Plätzen und Familienzentrum.",
        "url": "https://www.kita-sonnenblume.example/",
        "kind": "kita",
        "organizer": "Evangelischer Kirchenkreis An der Ruhr",
        "location_key": "https://www.kita-sonnenblume.example/#kita",
        "location_name": "Kita Sonnenblume – Familienzentrum",
        "street": "Heißener Straße 20",
        "postal_code": "45472",
        "city": "Mülheim an der Ruhr",
        "latitude": "51.4412",
        "longitude": "6.9135",
        "opening_hours": "Mo-Th 07:00-16:30; Fr 07:00-14:00",
        "age_text": "1-6",
        "age_min": "1",
        "age_max": "6",
        "email": "info@kita-sonnenblume.example",
        "phone": "+49 208 1234560",
    }


def test_microdata_sports_event(frozen_now):
    (event,) = _fixture_objects("verein_termin.html")

    assert _slots(event, frozen_now) == {
        "title": "Schnuppertraining Kinderschwimmen",
        "description": "Für Kinder ab 5 Jahren mit Seepferdchen.\nBitte Badekappe mitbringen.",
        "url": PAGE,
        "kind": "sport",
        "location_name": "Freibad Styrum",
        "street": "Moritzstraße 100",
        "postal_code": "45476",
        "city": "Mülheim an der Ruhr",
        "start": "2026-09-05T10:00",
        "end": "2026-09-05T12:00",
        "age_text": "5-",
        "age_min": "5",
        "prices": ["0 EUR"],
        "is_free": "true",
    }


@pytest.mark.realdata
def test_real_pages_map_to_drafts(realdata, frozen_now):
    adfc = extract_schema_org(
        (realdata / "html-jsonld-adfc-leipzig-de/adfc1.html").read_bytes(), PAGE, {"Event"}
    )
    cook = extract_schema_org(
        (realdata / "html-jsonld-cook-landbank-listing/cook_landbank.html").read_bytes(),
        PAGE,
        {"Event"},
    )
    chamber = extract_schema_org(
        (realdata / "html-microdata-chamber-event/chi_ssa_19_detail.html").read_bytes(),
        PAGE,
        {"Event"},
    )

    klimastreik = _draft(adfc[0], frozen_now)
    assert (klimastreik.title, klimastreik.start, klimastreik.end) == (
        "Globaler Klimastreik",
        "2022-03-25T09:00:00+00:00",
        "2022-03-25T17:00:00+00:00",
    )
    assert (
        klimastreik.location_name,
        klimastreik.street,
        klimastreik.postal_code,
        klimastreik.city,
    ) == (
        "Augustusplatz, 04109 Leipzig",
        "Augustusplatz",
        "04109",
        "Leipzig",
    )
    cook_drafts = [_draft(obj, frozen_now) for obj in cook]
    assert [d.start for d in cook_drafts][:2] == ["2019-9-18T10-10-00-00", "2019-9-20T08-08-30-00"]
    assert cook_drafts[0].title == "CCLBA Data & Marketing Committee"  # &amp; decoded
    assert (
        cook_drafts[0].location_name
        == "Cook County Admin Building, 22nd Floor, Conference Room 'B'"
    )
    assert cook_drafts[0].address == "69 W Washington St."
    meeting = _draft(chamber[0], frozen_now)
    assert (meeting.title, meeting.start, meeting.end, meeting.location_name) == (
        "Howard Street SSA #19 Commissioners Meeting",
        "2019-11-20T08:30",
        "2019-11-20T10:00",
        "The Factory Theater\n1623 W. Howard St.",
    )
    assert meeting.url.endswith("-6350")


def _map(obj: dict[str, Any], frozen_now) -> dict[str, Any]:
    record = RawRecord(
        source_id="test-source",
        record_key="k",
        url=PAGE,
        fetched_at=frozen_now,
        shape=RawShape.SCHEMA_ORG,
        fields={"@type": "Event", **obj},
    )
    slots = map_schema_org(record, SOURCE)
    slots.pop("url")
    return slots


@pytest.mark.parametrize(
    ("age_range", "youngest", "oldest"),
    [
        ("6-12", "6", "12"),
        ("8-", "8", None),
        ("-3", None, "3"),
        ("10+", "10", None),
        ("ab 8", None, None),
    ],
)
def test_typical_age_range(frozen_now, age_range, youngest, oldest):
    slots = _map({"typicalAgeRange": age_range}, frozen_now)

    assert (slots["age_text"], slots.get("age_min"), slots.get("age_max")) == (
        age_range,
        youngest,
        oldest,
    )


def test_audience_ages_with_units(frozen_now):
    months = {
        "audience": {"@type": "PeopleAudience", "suggestedAge": {"value": 18, "unitCode": "MON"}}
    }
    years = {
        "audience": [
            {
                "@type": "PeopleAudience",
                "suggestedMinAge": {"@type": "QuantitativeValue", "value": 3, "unitCode": "ANN"},
                "suggestedMaxAge": 5.0,
                "audienceType": "Familien",
            }
        ]
    }

    assert _map(months, frozen_now) == {"age_min": "18 Monate", "age_max": "18 Monate"}
    assert _map(years, frozen_now) == {
        "age_min": "3",
        "age_max": "5",
        "target_groups": ["Familien"],
    }


@pytest.mark.parametrize(
    ("schedule", "rrule"),
    [
        (
            {"repeatFrequency": "P2W", "byDay": ["Monday", "http://schema.org/Wednesday"]},
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
        ),
        (
            {"repeatFrequency": "P7D", "byDay": "https://schema.org/Tuesday", "repeatCount": 8},
            "FREQ=WEEKLY;BYDAY=TU;COUNT=8",
        ),
        (
            {"repeatFrequency": "P1M", "byDay": "1SA", "endDate": "2026-12-31"},
            "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20261231",
        ),
        ({"repeatFrequency": "P1M", "byMonthDay": [1, 15]}, "FREQ=MONTHLY;BYMONTHDAY=1,15"),
        ({"byDay": "Friday"}, "FREQ=WEEKLY;BYDAY=FR"),
        ({"repeatFrequency": "daily"}, "FREQ=DAILY"),
        ({"startTime": "15:00"}, None),
    ],
)
def test_event_schedule_to_rrule(frozen_now, schedule, rrule):
    slots = _map({"eventSchedule": {"@type": "Schedule", **schedule}}, frozen_now)

    assert slots.get("rrule") == rrule


def test_event_schedule_dates_and_times(frozen_now):
    schedule = {
        "@type": "Schedule",
        "startDate": "2026-09-01",
        "endDate": "2026-12-15",
        "startTime": "15:00:00",
        "endTime": "16:30:00",
        "byDay": "Tuesday",
        "exceptDate": ["2026-10-20", "2026-10-27"],
    }

    assert _map({"eventSchedule": [schedule]}, frozen_now) == {
        "start": "2026-09-01",
        "end": "2026-12-15",
        "time_text": "15:00-16:30",
        "rrule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215",
        "exception_dates": ["2026-10-20", "2026-10-27"],
    }


def test_offers_variants(frozen_now):
    sold_out = {
        "offers": {"@type": "Offer", "price": "0.00", "availability": "https://schema.org/SoldOut"}
    }
    aggregate = {
        "offers": {
            "@type": "AggregateOffer",
            "lowPrice": 5,
            "highPrice": 12,
            "priceCurrency": "EUR",
        },
        "isAccessibleForFree": "False",
    }
    spec = {
        "offers": {
            "@type": "Offer",
            "priceSpecification": {"price": "4,50", "priceCurrency": "EUR"},
        }
    }

    assert _map(sold_out, frozen_now) == {"prices": ["0.00"], "is_free": "true", "status": "full"}
    assert _map(aggregate, frozen_now) == {"prices": ["5-12 EUR"], "is_free": "false"}
    assert _map(spec, frozen_now) == {"prices": ["4,50 EUR"]}
    assert _map({"offers": "Eintritt frei"}, frozen_now) == {"price_text": "Eintritt frei"}


def test_locations_of_every_form(frozen_now):
    online_and_place = {
        "location": [
            {"@type": "VirtualLocation", "url": "https://meet.example/x"},
            {"@type": "Place", "name": "Haus der Jugend", "@id": "ort-7"},
        ]
    }
    address_only = {
        "location": {
            "@type": "PostalAddress",
            "streetAddress": "Am Rathaus 1",
            "postalCode": 45468,
            "addressLocality": "Mülheim an der Ruhr",
        }
    }

    assert _map(online_and_place, frozen_now) == {
        "location_name": "Haus der Jugend",
        "location_key": "ort-7",
    }
    assert _map(address_only, frozen_now) == {
        "street": "Am Rathaus 1",
        "postal_code": "45468",
        "city": "Mülheim an der Ruhr",
    }
    assert _map({"location": "Rathausmarkt 1, 45468 Mülheim"}, frozen_now) == {
        "address": "Rathausmarkt 1, 45468 Mülheim",
    }


def test_keywords_about_languages_and_opening_hours_text(frozen_now):
    obj = {
        "keywords": ["Basteln", "Kreativ"],
        "about": [{"@type": "Thing", "name": "Kunst"}, "Basteln"],
        "inLanguage": [{"@type": "Language", "name": "Deutsch", "alternateName": "de"}, "tr"],
        "openingHours": ["Mo-Fr 09:00-16:00", "Sa 10:00-13:00"],
    }

    assert _map(obj, frozen_now) == {
        "categories": ["Basteln", "Kreativ", "Kunst"],
        "languages": ["de", "tr"],
        "opening_hours": "Mo-Fr 09:00-16:00; Sa 10:00-13:00",
    }


def test_opening_hours_specification_with_closed_days_and_holidays(frozen_now):
    specification = [
        {"dayOfWeek": ["Monday", "Tuesday", "Thursday"], "opens": "08:00", "closes": "12:00"},
        {
            "dayOfWeek": ["Saturday", "Sunday", "PublicHolidays"],
            "opens": "00:00",
            "closes": "00:00",
        },
    ]

    slots = _map({"openingHoursSpecification": specification}, frozen_now)

    assert slots == {"opening_hours": "Mo,Tu,Th 08:00-12:00; Sa,Su,PH off"}
