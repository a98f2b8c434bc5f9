"""One fixture test per provider spider: saved pages of the demo providers, a frozen clock,
record counts and whole raw records."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request

from core.settings import CONFIG_DIR
from schemas.raw import RawRecord, RawShape
from schemas.source import Registry
from scrapers.spiders.beratung import BeratungSpider
from scrapers.spiders.familienbildung import FamilienbildungSpider
from scrapers.spiders.ferienportal import FerienportalSpider
from scrapers.spiders.kulturhaus import KulturhausSpider
from tests.conftest import FROZEN_NOW

FIXTURES = Path(__file__).parent.parent / "fixtures" / "spiders"
BASE = "http://demo.test"
REGISTRY = Registry.load(CONFIG_DIR / "sources.demo.toml")


def response(name: str, path: str) -> HtmlResponse:
    url = BASE + path
    return HtmlResponse(
        url, body=(FIXTURES / name).read_bytes(), encoding="utf-8", request=Request(url)
    )


def spider(cls, source_id: str):
    return cls(source=REGISTRY.sources[source_id].resolved({"demo": BASE}), clock=lambda: FROZEN_NOW)


def split(results) -> tuple[list[str], list[RawRecord]]:
    results = list(results)
    return [r.url for r in results if isinstance(r, Request)], [
        r for r in results if isinstance(r, RawRecord)
    ]


def test_ferienportal_listing_follows_every_offer_and_the_next_page():
    urls, records = split(
        spider(FerienportalSpider, "ferienportal").parse(
            response("ferienportal_listing.html", "/ferienportal/angebote")
        )
    )
    assert records == []
    assert len(urls) == 16
    assert urls[0] == f"{BASE}/ferienportal/angebot/FS-2026-0114"
    assert urls[-1] == f"{BASE}/ferienportal/angebote?seite=2&sort=datum"
    assert all("/buchung/" not in u for u in urls)


def test_ferienportal_detail_page_is_one_whole_raw_record():
    _, records = split(
        spider(FerienportalSpider, "ferienportal").parse_page(
            response("ferienportal_detail_FS-2026-0114.html", "/ferienportal/angebot/FS-2026-0114")
        )
    )
    assert records == [
        RawRecord(
            source_id="ferienportal",
            record_key="FS-2026-0114",
            url=f"{BASE}/ferienportal/angebot/FS-2026-0114",
            fetched_at=FROZEN_NOW,
            shape=RawShape.FLAT,
            fields={
                "url": f"{BASE}/ferienportal/angebot/FS-2026-0114",
                "description": (
                    "<p>Warum schwimmt ein Schiff aus Stahl? Wo kommt unser Trinkwasser her?</p>"
                    "<p>In der Forscherwerkstatt wird gemessen, gebaut und ausprobiert – nass werden "
                    "ausdrücklich erlaubt.</p><p><strong>Auf dem Programm:</strong></p><ul>\n"
                    "  <li>Filter aus Sand und Kies</li>\n  <li>Wasserräder bauen</li>\n"
                    "  <li>Ausflug zur Ruhr</li>\n</ul><p>Bitte Frühstück und Getränk mitbringen.</p>"
                ),
                "title": "Forscherwerkstatt: Wasser marsch!",
                "status": "plaetze status-frei",
                "free_places": "Freie Plätze: 3 von 12",
                "organizer": "Aquarius Wassermuseum",
                "location_name": "Aquarius Wassermuseum",
                "address": "Burgstraße 134\n45476 Mülheim an der Ruhr",
                "district": "Styrum",
                "date_text": "19.–23.10.2026",
                "time_text": "10.00–15.00 Uhr",
                "age_text": "8 – 12 Jahre",
                "price_text": "25 Euro pro Woche",
                "capacity": "mind. 8, max. 12 Teilnehmende",
                "registration_text": "Anmeldung ab 19 Uhr am 07.09.2026",
                "booking_url": f"{BASE}/ferienportal/buchung/FS-2026-0114",
            },
        )
    ]


def test_ferienportal_keeps_the_impossible_date_as_written():
    _, (record,) = split(
        spider(FerienportalSpider, "ferienportal").parse_page(
            response("ferienportal_detail_FS-2027-0824.html", "/ferienportal/angebot/FS-2027-0824")
        )
    )
    assert record.record_key == "FS-2027-0824"
    assert record.fields["date_text"] == "30.08.2027 – 31.06.2027"  # judged by the pipeline


def test_familienbildung_follows_all_fifty_courses():
    urls, records = split(
        spider(FamilienbildungSpider, "familienbildung").parse(
            response("familienbildung_listing.html", "/familienbildung/kurse/")
        )
    )
    assert (len(urls), records) == (50, [])
    assert len(set(urls)) == 50


@pytest.mark.parametrize(
    ("fixture", "key", "type_", "name"),
    [
        (
            "familienbildung_kurs_271-1005.html",
            "/familienbildung/kurs/271-1005#kurs",
            "Course",
            "PEKiP für Babys, geboren im November 2026",
        ),  # JSON-LD with a trailing comma
        ("familienbildung_kurs_271-1011.html", "271-1011", "Event", None),  # an Event in an @graph
    ],
)
def test_familienbildung_reads_repaired_json_ld(fixture, key, type_, name):
    path = "/familienbildung/kurs/" + fixture.split("_kurs_")[1].removesuffix(".html")
    _, records = split(
        spider(FamilienbildungSpider, "familienbildung").parse_page(response(fixture, path))
    )
    (record,) = records
    assert (record.record_key, record.shape, record.fields["@type"]) == (
        key,
        RawShape.SCHEMA_ORG,
        type_,
    )
    assert record.fetched_at == FROZEN_NOW and record.url == BASE + path
    if name:
        assert record.fields["name"] == name
        assert record.fields["courseCode"] == "271-1005"
        instance = record.fields["hasCourseInstance"][0]
        assert instance["courseSchedule"]["exceptDate"] == ["2027-03-24", "2027-03-31"]
        assert [o["price"] for o in instance["offers"]] == ["95.00", "47.50"]


def test_kulturhaus_month_page_links_events_and_the_next_month():
    urls, records = split(
        spider(KulturhausSpider, "kulturhaus").parse(
            response("kulturhaus_programm_2026-11.html", "/kulturhaus/programm/2026-11/")
        )
    )
    assert records == []
    assert urls[-1] == f"{BASE}/kulturhaus/programm/2026-12/"
    assert len(urls) == 6 and all("/veranstaltung/" in u for u in urls[:-1])


def test_kulturhaus_event_page_is_one_schema_org_event():
    path = "/kulturhaus/veranstaltung/3183-oskar-und-der-ruhrdrache"
    _, (record,) = split(
        spider(KulturhausSpider, "kulturhaus").parse_page(
            response("kulturhaus_veranstaltung_3183.html", path)
        )
    )
    assert record.record_key == path + "#event"
    fields = record.fields
    assert (fields["@type"], fields["identifier"], fields["name"]) == (
        "Event",
        "3183",
        "Oskar und der Ruhrdrache",
    )
    assert fields["eventStatus"] == "https://schema.org/EventCancelled"
    assert fields["startDate"] == "2026-12-06T16:00:00+01:00"
    assert [(o["name"], o["price"]) for o in fields["offers"]] == [
        ("Kinder", 3.0),
        ("Erwachsene", 6.0),
    ]
    assert fields["location"]["address"]["postalCode"] == "45479"


def test_beratung_reads_every_card_as_a_record():
    urls, records = split(
        spider(BeratungSpider, "beratung").parse(response("beratung.html", "/beratung/"))
    )
    assert urls == []
    assert len(records) == 32
    assert len({r.record_key for r in records}) == 32
    assert records[0] == RawRecord(
        source_id="beratung",
        record_key="B-003",
        url=f"{BASE}/beratung/",
        fetched_at=FROZEN_NOW,
        fields={
            "kind": "Frühe Hilfen",
            "title": "Familienhebammen und Familienkinderkrankenpflege",
            "organizer": "Gesundheitsamt, Stadt Mülheim an der Ruhr",
            "description": (
                "Speziell fortgebildete Hebammen und Kinderkrankenpflegerinnen besuchen Familien zu "
                "Hause, wenn es nach der Geburt nicht rund läuft – bei Sorgen um Gesundheit, "
                "Ernährung oder Entwicklung des Babys."
            ),
            "target_groups": ["Für: Schwangere und Familien mit Babys bis zum 1. Geburtstag"],
            "address": "Ruhrstraße 1\n45468 Mülheim an der Ruhr (Stadtmitte)",
            "district": "(Stadtmitte)",
            "opening_hours": "telefonisch Mo–Do 8.30–15.30 Uhr, Fr 8.30–12 Uhr",
            "price_text": "kostenlos",
            "phone": "0208 455-2586",
            "email": "familienhebammen@muelheim.example",
        },
    )
