"""Shape mapper TRIBE: every event of the saved REST pages -> draft slots."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from pipelines.mapping import to_draft
from pipelines.mapping.tribe import event_zone, map_tribe
from schemas.raw import RawRecord, RawShape
from schemas.source import Source

FIXTURES = Path(__file__).parent.parent / "fixtures" / "scrapers"
SITE = "https://www.familienverein-saarn.example"
ENDPOINT = f"{SITE}/wp-json/tribe/events/v1/events"
SOURCE = Source(id="familienverein", provider="familienverein-saarn", adapter="spider",
                spider="familienverein", url=f"{SITE}/", licence="cc-by/4.0")

GEMEINDEHAUS = {
    "location_key": "3011",
    "location_name": "Gemeindehaus an der Dorfkirche Saarn",
    "street": "Klostermarkt 4",
    "postal_code": "45481",
    "city": "Mülheim an der Ruhr",
    "latitude": "51.40512",
    "longitude": "6.88194",
}
KLEINE_STROLCHE = {
    "location_key": "3015",
    "location_name": "Familienzentrum „Kleine Strolche“",
    "street": "Lindgens Weg 9",
    "postal_code": "45481",
    "city": "Mülheim an der Ruhr",
    "latitude": "51.40231",
    "longitude": "6.87402",
}


def _record(event: dict[str, Any], frozen_now) -> RawRecord:
    return RawRecord(source_id="familienverein", record_key=str(event["id"]), url=ENDPOINT,
                     fetched_at=frozen_now, shape=RawShape.TRIBE, fields=event)


def _events() -> list[dict[str, Any]]:
    pages = [json.loads((FIXTURES / f"tribe_events_seite{n}.json").read_text("utf-8"))
             for n in (1, 2, 3)]
    return [event for page in pages for event in page["events"]]


@pytest.fixture
def drafts(frozen_now) -> dict[int, dict[str, Any]]:
    """Draft slots (without empty ones) of every fixture event, by event id."""
    return {
        event["id"]: to_draft(_record(event, frozen_now), SOURCE).model_dump(exclude_defaults=True)
        for event in _events()
    }


def test_every_fixture_event_maps(drafts):
    assert sorted(drafts) == [4711, 4718, 4720, 4733, 4741, 4752, 4760]


def test_flea_market_entities_decoded_free_text_price(drafts):
    assert drafts[4711] == {
        "title": "Kinderflohmarkt & Kuchenbasar",
        "description": (
            "<p>Rund 40 Stände mit Kinderkleidung, Spielzeug und Büchern. Der Erlös des "
            "Kuchenbasars geht an den Förderverein der Grundschule.</p>\n"
            "<p><strong>Standanmeldung</strong> bis 20.11. per E-Mail.</p>"
        ),
        "url": f"{SITE}/veranstaltung/kinderflohmarkt-kuchenbasar/",
        "start": "2026-11-28T10:00:00+01:00",
        "end": "2026-11-28T14:00:00+01:00",
        "price_text": "Eintritt frei",
        "organizer": "Familienverein Saarn e.V.",
        "categories": ["Familie & Freizeit", "kostenlos"],  # category, then tag
        **GEMEINDEHAUS,
    }


def test_paid_crafts_afternoon_with_two_organisers(drafts):
    assert drafts[4718] == {
        "title": "Adventsbasteln für Kinder von 5–10 Jahren",
        "description": (  # HTML as found, entities included
            "<p>Sterne aus Papier, Engel aus Tannenzapfen &#8211; wir basteln für den "
            "Adventskranz.</p>\n<ul>\n<li>Material wird gestellt</li>\n"
            "<li>bitte Schürze mitbringen</li>\n</ul>"
        ),
        "url": f"{SITE}/veranstaltung/adventsbasteln-fuer-kinder/",
        "start": "2026-12-05T15:00:00+01:00",
        "end": "2026-12-05T17:00:00+01:00",
        "price_text": "3 €",
        "organizer": "Familienverein Saarn e.V.; Kita Kleine Strolche",
        "categories": ["Kinder", "Basteln", "Advent"],
        **KLEINE_STROLCHE,
    }


def test_all_day_advent_calendar_without_venue_ends_on_its_last_day(drafts):
    assert drafts[4720] == {
        "title": "Lebendiger Adventskalender",
        "description": (
            "<p>Jeden Abend öffnet eine andere Familie in Saarn ihr Fenster. Die Liste der "
            "Adressen liegt im Gemeindehaus aus.</p>"
        ),
        "url": f"{SITE}/veranstaltung/lebendiger-adventskalender/",
        "start": "2026-12-01",
        "end": "2026-12-24",
        "all_day": "true",
        "categories": ["Familie & Freizeit", "Advent", "Draußen", "kostenlos"],
    }


def test_free_parents_cafe_is_marked_free(drafts):
    assert drafts[4733] == {
        "title": "Eltern-Café „Kaffeeklatsch“",
        "description": (
            "<p>Offener Treff für Eltern mit Babys und Kleinkindern. Eine Familienhebamme ist "
            "vor Ort.</p>"
        ),
        "url": f"{SITE}/veranstaltung/eltern-cafe-kaffeeklatsch/",
        "start": "2026-12-09T09:30:00+01:00",
        "end": "2026-12-09T11:00:00+01:00",
        "price_text": "Kostenlos",
        "is_free": "true",
        "organizer": "Kita Kleine Strolche",
        "categories": ["Eltern & Baby"],
        **KLEINE_STROLCHE,
    }


def test_new_years_eve_disco_in_a_wordpress_offset_zone(drafts):
    assert drafts[4741] == {
        "title": "Silvester-Disco für Kids",
        "description": "<p>Tanzen, Knicklichter und Kinderpunsch bis zum Countdown um 18 Uhr.</p>",
        "url": f"{SITE}/veranstaltung/silvester-disco-fuer-kids/",
        "start": "2026-12-31T16:00:00+01:00",  # timezone "UTC+1"
        "end": "2026-12-31T19:00:00+01:00",
        "price_text": "Kinder 5 €, Erwachsene 8 €",  # &nbsp;&euro; decoded
        "organizer": "Familienverein Saarn e.V.",
        "categories": ["Kinder", "Familie & Freizeit"],
        **GEMEINDEHAUS,
    }


def test_one_day_holiday_trip_without_coordinates(drafts):
    assert drafts[4752] == {
        "title": "Winterferien: Schlittschuhlaufen",
        "description": (
            "<p>Gemeinsamer Ausflug in die Eissporthalle, Leihschuhe inklusive. Treffpunkt 9 Uhr "
            "am Gemeindehaus.</p>"
        ),
        "url": f"{SITE}/veranstaltung/winterferien-schlittschuhlaufen/",
        "start": "2027-01-04",
        "end": "2027-01-04",
        "all_day": "true",
        "price_text": "12 €",
        "organizer": "Familienverein Saarn e.V.",
        "categories": ["Ferienprogramm", "Kinder", "Draußen"],
        "location_key": "3020",
        "location_name": "Eissporthalle am Ruhrufer",
        "street": "Uferweg 2",
        "postal_code": "45478",
        "city": "Mülheim an der Ruhr",
    }


def test_baby_meeting_without_timezone_uses_the_utc_times(drafts):
    assert drafts[4760] == {
        "title": "Babytreff im Januar",
        "description": (
            "<p>Spielen, singen, austauschen: für Babys bis 12 Monate mit Mama oder Papa.</p>"
        ),
        "url": f"{SITE}/veranstaltung/babytreff-im-januar/",
        "start": "2027-01-13T10:00:00+01:00",
        "end": "2027-01-13T11:30:00+01:00",
        "organizer": "Kita Kleine Strolche",
        "categories": ["Eltern & Baby"],
        **KLEINE_STROLCHE,
    }


def _timing(frozen_now, **event: Any) -> dict[str, Any]:
    slots = map_tribe(_record({"id": 1, **event}, frozen_now), SOURCE)
    return {k: v for k, v in slots.items() if k in ("start", "end", "all_day")}


def test_times_follow_the_zone_rules_of_the_event(frozen_now):
    summer = {"start_date": "2027-06-12 14:00:00", "end_date": "2027-06-12 18:00:00"}
    assert _timing(frozen_now, timezone="Europe/Berlin", **summer) == {
        "start": "2027-06-12T14:00:00+02:00", "end": "2027-06-12T18:00:00+02:00",
    }
    assert _timing(frozen_now, timezone="Europe/London", **summer) == {
        "start": "2027-06-12T14:00:00+01:00", "end": "2027-06-12T18:00:00+01:00",
    }
    # an unknown zone: the plugin's UTC times, shown in the source's zone
    assert _timing(frozen_now, timezone="Saarn/Ortsmitte", **summer,
                   utc_start_date="2027-06-12 12:00:00", utc_end_date="2027-06-12 16:00:00") == {
        "start": "2027-06-12T14:00:00+02:00", "end": "2027-06-12T18:00:00+02:00",
    }
    # a wall time in the spring-forward gap moves forward, as in the iCalendar mapper
    assert _timing(frozen_now, timezone="Europe/Berlin", start_date="2027-03-28 02:30:00") == {
        "start": "2027-03-28T03:30:00+02:00",
    }
    assert _timing(frozen_now, all_day="true", start_date="2026-12-24 00:00:00",
                   end_date="2026-12-23 23:59:59") == {
        "start": "2026-12-24", "end": "2026-12-24", "all_day": "true",
    }


def test_event_zone_reads_iana_names_and_wordpress_offsets():
    assert event_zone("Europe/Berlin").key == "Europe/Berlin"
    assert event_zone("UTC+1").utcoffset(None) == timedelta(hours=1)
    assert event_zone("UTC+5.5").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert event_zone("UTC-3:30").utcoffset(None) == -timedelta(hours=3, minutes=30)
    assert event_zone("UTC").utcoffset(None) == timedelta(0)
    assert event_zone("") is None and event_zone("Saarn/Ortsmitte") is None


def test_registry_mapping_reaches_every_field_of_the_event(frozen_now):
    event = _events()[4]  # the disco, whose "website" is its ticket shop
    source = SOURCE.model_copy(update={"mapping": {"booking_url": "website",
                                                   "phone": "venue.phone"}})

    draft = to_draft(_record(event, frozen_now), source)

    assert draft.booking_url == "https://tickets.familienverein-saarn.example/silvester-2026"
    assert draft.phone == "0208 4799120"
