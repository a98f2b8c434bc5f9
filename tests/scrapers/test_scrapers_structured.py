"""schema.org extraction: real broken pages from ../shared/realdata and our own fixtures."""

from __future__ import annotations

import pytest
from scrapers_testkit import fixture_bytes

from scrapers.structured import StructuredReport, extract_schema_org, parse_json_ld

ADFC = "html-jsonld-adfc-leipzig-de/adfc1.html"
COOK = "html-jsonld-cook-landbank-listing/cook_landbank.html"
CHAMBER = "html-microdata-chamber-event/chi_ssa_19_detail.html"

COOK_EVENTS = [
    ("CCLBA Data & Marketing Committee", "2019-9-18T10-10-00-00"),
    ("CCLBA Finance Committee Meeting", "2019-9-20T08-08-30-00"),
    ("CCLBA Board of Directors Meeting", "2019-9-20T10-10-00-00"),
    ("CCLBA Land Transactions Committee", "2019-10-11T10-10-00-00"),
    ("CCLBA Land Transactions Committee", "2019-11-8T10-10-00-00"),
    ("CCLBA Land Transactions Committee", "2019-12-6T10-10-00-00"),
    ("CCLBA Data & Marketing Committee", "2019-12-11T10-10-00-00"),
    ("CCLBA Finance Committee Meeting", "2019-12-13T09-09-00-00"),
    ("CCLBA Board of Directors Meeting", "2019-12-13T10-10-00-00"),
]


@pytest.mark.realdata
def test_adfc_invalid_json_ld_is_repaired(realdata):
    report = StructuredReport()
    html = (realdata / ADFC).read_bytes()

    objects = extract_schema_org(html, "https://touren-termine.adfc.de/", {"Event"}, report=report)

    assert len(objects) == 1
    event = objects[0]
    assert event["@type"] == "Event"
    assert event["name"] == "Globaler Klimastreik"
    assert event["startDate"] == "2022-03-25T09:00:00+00:00"
    assert event["endDate"] == "2022-03-25T17:00:00+00:00"
    assert event["location"] == {
        "@type": "Place",
        "name": "Augustusplatz, 04109 Leipzig",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Augustusplatz",
            "addressLocality": "Leipzig",
            "postalCode": "04109",  # a bare 04109 in the page: kept as the string it means
            "addressCountry": "DE",
        },
    }
    assert (report.jsonld_blocks, report.jsonld_repaired, report.jsonld_unrecoverable) == (1, 1, 0)


@pytest.mark.realdata
def test_cook_listing_recovers_all_nine_events_with_dates_as_found(realdata):
    report = StructuredReport()
    html = (realdata / COOK).read_bytes()

    objects = extract_schema_org(
        html, "http://www.cookcountylandbank.org/", {"Event"}, report=report
    )

    # 9 blocks: 6 valid, 3 with a trailing comma repaired; malformed dates stay as published,
    # judging them is the normaliser's job
    assert [(o["name"], o["startDate"]) for o in objects] == COOK_EVENTS
    assert report.as_dict() == {
        "jsonld_blocks": 9,
        "jsonld_empty": 0,
        "jsonld_valid": 6,
        "jsonld_repaired": 3,
        "jsonld_unrecoverable": 0,
        "microdata_items": 9,
        "microdata_failed": 0,
        "objects": 9,
    }
    assert report.jsonld_broken == 3
    assert objects[0]["description"].startswith("The Cook County Land Bank Authority Data &amp;")
    assert objects[0]["location"]["address"] == "69 W Washington St."
    assert "location" not in objects[3]  # the repaired blocks have no location


@pytest.mark.realdata
def test_cook_listing_microdata_duplicates_are_kept_only_on_request(realdata):
    html = (realdata / COOK).read_bytes()

    objects = extract_schema_org(
        html, "http://www.cookcountylandbank.org/", {"Event"}, prefer_json_ld=False
    )

    microdata = objects[9:]
    assert len(objects) == 18
    assert microdata[0]["name"] == "CCLBA Data & Marketing Committee"  # repeated itemprop collapsed
    assert microdata[0]["startDate"] == "2019-9-18T10:00"
    assert (
        microdata[0]["url"]
        == "http://www.cookcountylandbank.org/events/cclba-data-marketing-committee-20190918/"
    )


@pytest.mark.realdata
def test_chamber_microdata_event_with_nested_place_and_empty_json_ld(realdata):
    report = StructuredReport()
    html = (realdata / CHAMBER).read_bytes()

    objects = extract_schema_org(
        html, "https://business.rpba.org/events/details/x", {"Event"}, report=report
    )

    assert len(objects) == 1
    event = objects[0]
    assert event["@type"] == "Event"
    assert event["@context"] == "http://schema.org"
    assert event["name"] == "Howard Street SSA #19 Commissioners Meeting"
    assert event["startDate"] == "2019-11-20T08:30"
    assert event["endDate"] == "2019-11-20T10:00"
    assert event["eventStatus"] == "EventScheduled"
    assert event["url"] == (
        "https://business.rpba.org/events/details/"
        "howard-street-ssa-19-commissioners-meeting-11-20-2019-6350"
    )
    assert event["location"] == {
        "@type": "Place",
        "name": "The Factory Theater\n1623 W. Howard St.",
    }
    assert (report.jsonld_blocks, report.jsonld_empty, report.microdata_items) == (1, 1, 1)


def test_fixture_graph_lists_broken_and_empty_blocks():
    report = StructuredReport()
    html = fixture_bytes("veranstaltungen.html")

    objects = extract_schema_org(
        html,
        "https://www.stadtbibliothek.example/veranstaltungen/",
        {"Event", "Course"},
        report=report,
    )

    assert [o["@type"] for o in objects] == ["ChildrensEvent", "MusicEvent", "Course"]
    assert objects[2]["hasCourseInstance"][0]["offers"]["price"] == "75.00"
    assert report.as_dict() == {
        "jsonld_blocks": 4,
        "jsonld_empty": 1,
        "jsonld_valid": 2,
        "jsonld_repaired": 1,
        "jsonld_unrecoverable": 0,
        "microdata_items": 2,
        "microdata_failed": 0,
        "objects": 3,
    }


def test_without_types_every_top_level_object_is_returned():
    html = fixture_bytes("veranstaltungen.html")

    objects = extract_schema_org(html, "https://www.stadtbibliothek.example/veranstaltungen/")

    assert [o["@type"] for o in objects] == [
        "WebPage",
        "Organization",
        "ChildrensEvent",
        "MusicEvent",
        "Course",
    ]
    assert objects[0]["@context"] == "https://schema.org"  # the @graph's context is passed on


def test_microdata_types_and_nested_items_take_the_json_ld_shape():
    html = fixture_bytes("verein_termin.html")

    objects = extract_schema_org(html, "https://www.sv-styrum.example/termine/", {"Event"})

    assert objects == [
        {
            "@type": "SportsEvent",
            "@context": "http://schema.org",
            "@id": "https://www.sv-styrum.example/termine/schnuppern-2026-09",
            "name": "Schnuppertraining Kinderschwimmen",
            "startDate": "2026-09-05T10:00",
            "endDate": "2026-09-05T12:00",
            "description": "Für Kinder ab 5 Jahren mit Seepferdchen.\nBitte Badekappe mitbringen.",
            "location": {
                "@type": "Place",
                "name": "Freibad Styrum",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "Moritzstraße 100",
                    "postalCode": "45476",
                    "addressLocality": "Mülheim an der Ruhr",
                },
            },
            "offers": {"@type": "Offer", "price": "0", "priceCurrency": "EUR"},
            "typicalAgeRange": "5-",
        }
    ]


def test_wanted_objects_are_found_inside_other_objects():
    html = """<script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
      {"@type": "ListItem", "position": 1,
       "item": {"@type": "TheaterEvent", "name": "Die kleine Hexe"}},
      {"@type": "ListItem", "position": 2, "item": {"@type": "Event", "name": "Kinderflohmarkt"}}
    ]}</script>"""

    objects = extract_schema_org(html, "https://example.org/", {"Event"})

    assert [o["name"] for o in objects] == ["Die kleine Hexe", "Kinderflohmarkt"]


@pytest.mark.parametrize(
    ("block", "value", "outcome"),
    [
        ('{"name": "Kinderflohmarkt"}', {"name": "Kinderflohmarkt"}, "valid"),
        (
            '{"name": "Zeile\tmit Tab\r\nund Umbruch"}',
            {"name": "Zeile\tmit Tab\r\nund Umbruch"},
            "valid",
        ),
        ('{"a": 1}\n{"b": 2}', [{"a": 1}, {"b": 2}], "valid"),
        ('//<![CDATA[\n{"a": 1}\n//]]>', {"a": 1}, "valid"),
        ('<!-- {"a": 1} -->', {"a": 1}, "valid"),
        (
            '{"tags": ["Bauen", "Basteln",], "n": 2,}',
            {"tags": ["Bauen", "Basteln"], "n": 2},
            "repaired",
        ),
        (
            '{"postalCode": 04109, "count": 0, "neg": -012}',
            {"postalCode": "04109", "count": 0, "neg": "-012"},
            "repaired",
        ),
        ('{"text": "a, }", "x": 1,}', {"text": "a, }", "x": 1}, "repaired"),  # fixes skip strings
        (
            "{name: 'Laternenumzug', // Kommentar\n kids: true}",
            {"name": "Laternenumzug", "kids": True},
            "repaired",
        ),
        ("  \n ", None, "empty"),
        ("Seite nicht gefunden", None, "unrecoverable"),
    ],
)
def test_parse_json_ld_blocks(block, value, outcome):
    assert parse_json_ld(block) == (value, outcome)


def test_pages_without_markup_give_nothing():
    assert extract_schema_org("", "https://example.org/") == []
    assert (
        extract_schema_org(b"<html><body><p>Nichts</p></body></html>", "https://example.org/") == []
    )
