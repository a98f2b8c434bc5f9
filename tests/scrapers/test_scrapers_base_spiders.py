"""Base spiders on saved pages: record counts and whole raw records, with a frozen clock."""

from __future__ import annotations

import pytest
from parsel import Selector
from scrapers_test_spiders import (
    BibliothekVeranstaltungenSpider,
    FamilienbildungKurseSpider,
    FerienspieleSpider,
)
from scrapers_testkit import html_response, make_source
from scrapy import Request

from schemas.raw import RawRecord, RawShape
from scrapers.spiders.base import StructuredDataSpider, dd, extract_fields, links, object_key
from scrapers.spiders.base.select import text_of

FBS = "https://www.familienbildung-muelheim.example"
FERIEN = "https://www.ferienspiele.example"
BIB = "https://www.stadtbibliothek.example"


def _spider(cls, url, frozen_now):
    return cls(source=make_source(cls.name, url, id="src-1"), clock=lambda: frozen_now)


def test_source_spider_starts_at_the_source_url(frozen_now):
    spider = _spider(FamilienbildungKurseSpider, f"{FBS}/kurse/", frozen_now)

    assert spider.start_urls == [f"{FBS}/kurse/"]
    assert spider.source.id == "src-1"


def test_spider_needs_its_source():
    with pytest.raises(ValueError, match="needs its source"):
        FamilienbildungKurseSpider()


def test_listing_page_follows_details_and_the_next_page(frozen_now):
    spider = _spider(FamilienbildungKurseSpider, f"{FBS}/kurse/", frozen_now)

    first = list(spider.parse(html_response("kurse_seite1.html", f"{FBS}/kurse/")))
    second = list(spider.parse(html_response("kurse_seite2.html", f"{FBS}/kurse/?seite=2")))

    assert all(isinstance(r, Request) for r in first + second)
    assert [(r.url, r.callback) for r in first] == [
        (f"{FBS}/kurse/1041-pekip.html", spider.parse_page),
        (f"{FBS}/kurse/1057-eltern-kind-turnen.html", spider.parse_page),
        (f"{FBS}/kurse/?seite=2", spider.parse),
    ]
    assert [r.url for r in second] == [  # no next link on the last page
        f"{FBS}/kurse/1063-babymassage.html",
        f"{FBS}/intern/1099-kursleitungstreffen.html",
    ]


def test_detail_page_gives_one_whole_raw_record(frozen_now):
    spider = _spider(FamilienbildungKurseSpider, f"{FBS}/kurse/", frozen_now)
    url = f"{FBS}/kurse/1041-pekip.html"

    records = list(spider.parse_page(html_response("kurs_1041.html", url)))

    assert records == [
        RawRecord(
            source_id="src-1",
            record_key="1041",
            url=url,
            fetched_at=frozen_now,
            shape=RawShape.FLAT,
            fields={
                "url": url,  # a detail page is the offer's own page
                "title": "PEKiP – Prager Eltern-Kind-Programm",
                "subtitle": "Spielen, bewegen und entdecken im ersten Lebensjahr",
                "description": (
                    "In der Gruppe erleben Babys ihre ersten Monate mit allen Sinnen. "
                    "Eltern bekommen "
                    "Anregungen für Bewegung und Spiel und tauschen sich mit anderen Eltern aus.\n"
                    "Bitte bringen Sie ein großes Handtuch und warme Socken mit."
                ),
                "date_text": "10 Vormittage, mittwochs ab 14.01.2026",
                "time_text": "9.30 bis 11.00 Uhr",
                "age_text": "Babys von 6 bis 10 Wochen bei Kursbeginn",
                "price_text": "95 Euro, mit Mülheim-Pass 47,50 Euro",
                "address": (
                    "Familienbildungsstätte, Raum 2\nKaiserstraße 12\n45468 Mülheim an der Ruhr"
                ),
                "free_places": "3",
                "categories": ["Babys", "Eltern-Kind-Gruppe"],
                "booking_url": f"{FBS}/anmeldung?kurs=1041",
            },
        )
    ]


def test_detail_page_leaves_empty_slots_out(frozen_now):
    spider = _spider(FamilienbildungKurseSpider, f"{FBS}/kurse/", frozen_now)

    (record,) = spider.parse_page(
        html_response("kurs_1063.html", f"{FBS}/kurse/1063-babymassage.html")
    )

    assert record.record_key == "1063"
    assert sorted(record.fields) == [
        "address",
        "age_text",
        "date_text",
        "description",
        "price_text",
        "time_text",
        "title",
        "url",
    ]


def test_page_without_provider_key_gives_no_record(frozen_now):
    spider = _spider(FamilienbildungKurseSpider, f"{FBS}/kurse/", frozen_now)

    records = list(spider.parse_page(html_response("kurs_1041.html", f"{FBS}/kurse/pekip.html")))

    assert records == []


def test_cards_give_records_or_follow_their_detail_link(frozen_now):
    spider = _spider(FerienspieleSpider, f"{FERIEN}/sommer/", frozen_now)

    out = list(spider.parse(html_response("ferienspiele.html", f"{FERIEN}/sommer/")))

    # card 1 links to its detail page, card 2 is complete on the listing, card 3 has no id
    follow, record = out
    assert isinstance(follow, Request)
    assert follow.url == f"{FERIEN}/ferienspiele/angebot/FS-2026-014"
    assert follow.cb_kwargs["card_key"] == "FS-2026-014"
    assert record == RawRecord(
        source_id="src-1",
        record_key="FS-2026-015",
        url=f"{FERIEN}/sommer/",
        fetched_at=frozen_now,
        fields={
            "title": "Kanu-Tour auf der Ruhr",
            "date_text": "27.07.–29.07.2026",
            "time_text": "10–16 Uhr",
            "age_text": "10- bis 14-Jährige",
            "location_name": "Wassersportverein Mintard",
            "price_text": "35 Euro",
            "status": "ausgebucht",
        },
    )


def test_card_detail_page_completes_the_card(frozen_now):
    spider = _spider(FerienspieleSpider, f"{FERIEN}/sommer/", frozen_now)
    follow, _ = spider.parse(html_response("ferienspiele.html", f"{FERIEN}/sommer/"))

    detail = html_response("ferienspiel_FS-2026-014.html", follow.url, **follow.cb_kwargs)
    records = list(follow.callback(detail, **follow.cb_kwargs))

    assert records == [
        RawRecord(
            source_id="src-1",
            record_key="FS-2026-014",
            url=f"{FERIEN}/ferienspiele/angebot/FS-2026-014",
            fetched_at=frozen_now,
            fields={
                "url": f"{FERIEN}/ferienspiele/angebot/FS-2026-014",
                "title": "Zirkuswoche im Jugendhaus",
                "date_text": "20.07.–24.07.2026",
                "time_text": "8 bis 13 Uhr",
                "age_text": "Sechs- bis Zwölfjährige",
                "location_name": "Jugendhaus Speldorf",
                "price_text": "50 Euro pro Kind und Woche",
                "free_places": "noch 4 Plätze frei",
                "description": (
                    "Jonglieren, Akrobatik und Clownerie: Am Freitag zeigen die Kinder ihre "
                    "Manege-Show für die Familien."
                ),
                "address": "Jugendhaus Speldorf, Saarner Straße 100, 45478 Mülheim an der Ruhr",
                "booking_url": "https://buchung.ferienspiele.example/angebot/FS-2026-014",
            },
        )
    ]


def test_structured_data_listing_gives_one_record_per_object(frozen_now):
    url = f"{BIB}/veranstaltungen/"
    spider = _spider(BibliothekVeranstaltungenSpider, url, frozen_now)

    records = list(spider.parse(html_response("veranstaltungen.html", url)))

    assert [r.record_key for r in records] == [
        f"{BIB}/veranstaltungen/#event-2231",  # @id
        "K-2026-17",  # identifier
        f"{BIB}/kurse/babyschwimmen",  # url (a course has no start of its own)
    ]
    assert {r.shape for r in records} == {RawShape.SCHEMA_ORG}
    assert records[1] == RawRecord(
        source_id="src-1",
        record_key="K-2026-17",
        url=url,
        fetched_at=frozen_now,
        shape=RawShape.SCHEMA_ORG,
        fields={
            "@context": "https://schema.org",
            "@type": "MusicEvent",
            "identifier": "K-2026-17",
            "name": "Familienkonzert: Peter und der Wolf",
            "url": f"{BIB}/veranstaltungen/familienkonzert",
            "startDate": "2026-12-06T11:00",
            "eventStatus": "https://schema.org/EventCancelled",
            "audience": {"@type": "PeopleAudience", "suggestedMinAge": 6},
            "offers": [
                {"@type": "Offer", "name": "Kinder", "price": "3", "priceCurrency": "EUR"},
                {
                    "@type": "Offer",
                    "name": "Erwachsene",
                    "price": 6.5,
                    "priceCurrency": "EUR",
                    "url": "https://tickets.example/peter-und-der-wolf",
                },
            ],
            "location": "Festsaal im Medienhaus",
        },
    )


def test_structured_data_spider_can_follow_detail_links(frozen_now):
    class Termine(StructuredDataSpider):
        name = "termine"
        detail_links = "ul.kursliste h2 a"

    spider = _spider(Termine, f"{FBS}/kurse/", frozen_now)

    requests = list(spider.parse(html_response("kurse_seite1.html", f"{FBS}/kurse/")))

    assert [r.url for r in requests] == [
        f"{FBS}/kurse/1041-pekip.html",
        f"{FBS}/kurse/1057-eltern-kind-turnen.html",
    ]
    assert list(spider.parse_page(html_response("kurs_1041.html", requests[0].url))) == []


def test_object_key_fallback_chain():
    page = "https://example.org/termine/"
    assert (
        object_key({"@id": "https://example.org/e/1", "identifier": "x"}, page)
        == "https://example.org/e/1"
    )
    assert object_key({"@id": "_:b0", "identifier": 4711}, page) == "4711"
    assert object_key({"identifier": {"@type": "PropertyValue", "value": "K-9"}}, page) == "K-9"
    assert object_key({"url": "https://example.org/e/2", "startDate": "2026-05-01"}, page) == (
        "https://example.org/e/2#2026-05-01"
    )
    assert object_key({"url": ["https://example.org/e/3"]}, page) == "https://example.org/e/3"
    assert object_key({"startDate": "2026-05-01T10:00"}, page) == f"{page}#2026-05-01T10:00"
    assert object_key({"name": "Kinderflohmarkt"}, page) == page  # never the name


def test_repeated_keys_on_one_page_are_numbered(frozen_now):
    url = "https://example.org/termine/"
    page = """<html><body><script type="application/ld+json">[
      {"@type": "Event", "name": "Spielplatzfest"}, {"@type": "Event", "name": "Laternenbasteln"}
    ]</script></body></html>"""
    spider = _spider(BibliothekVeranstaltungenSpider, url, frozen_now)
    response = html_response("kurs_1041.html", url).replace(body=page.encode())

    records = list(spider.parse_page(response))

    assert [r.record_key for r in records] == [url, f"{url}#2"]


def test_select_helpers_read_text_as_a_browser_shows_it():
    node = Selector(
        text="""<div class="x">  Kinder <b>ab</b>
        6 Jahren<br>Eltern&nbsp;frei<p>Zweiter   Absatz</p><script>var a;</script></div>
        <dl><dt> Ort </dt><dd>Haus der Familie</dd></dl>
        <a class="l" href="/a">A</a><a class="l" href="#top">Top</a><a class="l" href="/a">A</a>"""
    )

    assert (
        text_of(node.css("div.x")[0]) == "Kinder ab 6 Jahren\nEltern frei\nZweiter Absatz"
    )  # nbsp too
    assert extract_fields(node, {"location_name": dd("Ort"), "categories": "dt, dd"}) == {
        "location_name": "Haus der Familie",
        "categories": ["Ort", "Haus der Familie"],
    }
    assert links(node, "a.l") == ["/a"]
    assert links(node, "//a[@class='l']/@href") == ["/a"]
