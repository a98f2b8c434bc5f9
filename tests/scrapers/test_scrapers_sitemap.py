"""The sitemap base: saved detail pages with a frozen clock, and loopback crawls of a site whose
sitemaps (an index, a gzipped child, robots.txt ``Sitemap:`` lines) list the offer pages."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from scrapers_loopback import Page
from scrapers_test_spiders import FamilienzentrumKurseSpider, FamilienzentrumTermineSpider
from scrapers_testkit import FAST_SETTINGS, fixture_bytes, html_response, make_source
from scrapy.http import Request, Response

from schemas.raw import RawRecord, RawShape
from scrapers.crawl import run_spider_in_process
from scrapers.spiders.base import SitemapDetailSpider
from scrapers.spiders.base.sitemap import sitemap_entry

HOST = "https://www.familienzentrum-broich.example"
EVENT_PAGES = {
    "/veranstaltungen/laternenbasteln-2026/": "fz_veranstaltung_laternenbasteln.html",
    "/veranstaltungen/vorlesenachmittag-dezember/": "fz_veranstaltung_vorlesenachmittag.html",
    "/veranstaltungen/familienflohmarkt-winter/": "fz_veranstaltung_familienflohmarkt.html",
}
COURSE_PAGES = {
    "/kurse/2101-babymassage.html": "fz_kurs_2101.html",
    "/kurse/2107-eltern-kind-turnen.html": "fz_kurs_2107.html",
}
OTHER_PAGES = [  # listed in the sitemaps, never offer pages
    "/",
    "/ueber-uns/",
    "/kontakt/",
    "/impressum/",
    "/veranstaltungen/",
    "/kurse/uebersicht.html",
    "/intern/veranstaltungen/teamsitzung-dezember/",
    "/en/",
    "/en/veranstaltungen/lantern-crafts-2026/",
]


def _spider(cls: type[SitemapDetailSpider], url: str, frozen_now: Any) -> SitemapDetailSpider:
    return cls(source=make_source(cls.name, url, id="fz-broich"), clock=lambda: frozen_now)


def _page(path: str, name: str) -> Any:
    return html_response(name, HOST + path)


# -- saved pages


def test_the_crawl_starts_at_the_source_url_or_the_site_robots_txt(frozen_now):
    index = _spider(FamilienzentrumTermineSpider, f"{HOST}/sitemap_index.xml", frozen_now)
    root = _spider(FamilienzentrumTermineSpider, f"{HOST}/", frozen_now)

    assert index.sitemap_urls == [f"{HOST}/sitemap_index.xml"]
    assert root.sitemap_urls == [f"{HOST}/robots.txt"]
    assert sitemap_entry(HOST) == f"{HOST}/robots.txt"
    assert sitemap_entry(f"{HOST}/robots.txt") == f"{HOST}/robots.txt"
    assert sitemap_entry(f"{HOST}/?sitemap=1") == f"{HOST}/?sitemap=1"


def test_a_sitemap_spider_needs_its_source_detail_urls_and_a_key(frozen_now):
    class NoPattern(SitemapDetailSpider):
        name = "ohne_muster"

    class NoKey(FamilienzentrumKurseSpider):
        key_from_url = None

    with pytest.raises(ValueError, match="needs its source"):
        FamilienzentrumTermineSpider()
    with pytest.raises(ValueError, match="needs detail_urls"):
        _spider(NoPattern, f"{HOST}/sitemap.xml", frozen_now)
    with pytest.raises(ValueError, match="needs key or key_from_url"):
        _spider(NoKey, f"{HOST}/sitemap.xml", frozen_now)


def test_skip_urls_drop_entries_of_sitemaps_and_indexes(frozen_now):
    spider = _spider(FamilienzentrumTermineSpider, f"{HOST}/", frozen_now)
    entries = [{"loc": f"{HOST}/en/sitemap.xml"}, {"loc": f"{HOST}/sitemap-kurse.xml.gz"}]

    assert list(spider.sitemap_filter(entries)) == [{"loc": f"{HOST}/sitemap-kurse.xml.gz"}]


def test_event_page_gives_one_whole_schema_org_record(frozen_now):
    spider = _spider(FamilienzentrumTermineSpider, f"{HOST}/", frozen_now)
    path = "/veranstaltungen/laternenbasteln-2026/"

    records = list(spider.parse_page(_page(path, EVENT_PAGES[path])))

    assert records == [
        RawRecord(
            source_id="fz-broich",
            record_key=f"{HOST}{path}#event",
            url=f"{HOST}{path}",
            fetched_at=frozen_now,
            shape=RawShape.SCHEMA_ORG,
            fields={
                "@context": "https://schema.org",
                "@type": "Event",
                "@id": f"{HOST}{path}#event",
                "name": "Laternenbasteln für Familien",
                "description": (
                    "Wir basteln Laternen aus Transparentpapier und Käseschachteln – Material "
                    "ist da, Schere und Kleber auch."
                ),
                "startDate": "2026-11-25T15:00:00+01:00",
                "endDate": "2026-11-25T17:30:00+01:00",
                "eventStatus": "https://schema.org/EventScheduled",
                "typicalAgeRange": "4-10",
                "location": {
                    "@type": "Place",
                    "name": "Familienzentrum Broich",
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": "Prinzeß-Luise-Straße 12",
                        "postalCode": "45479",
                        "addressLocality": "Mülheim an der Ruhr",
                    },
                },
                "offers": {
                    "@type": "Offer",
                    "price": "4",
                    "priceCurrency": "EUR",
                    "name": "Materialkosten pro Laterne",
                },
                "organizer": {"@type": "Organization", "name": "Familienzentrum Broich"},
            },
        )
    ]


def test_event_pages_keep_only_wanted_objects_with_the_provider_keys(frozen_now):
    spider = _spider(FamilienzentrumTermineSpider, f"{HOST}/", frozen_now)

    records = [r for path, name in EVENT_PAGES.items() for r in spider.parse_page(_page(path, name))]

    assert [(r.record_key, r.fields["@type"]) for r in records] == [
        (f"{HOST}/veranstaltungen/laternenbasteln-2026/#event", "Event"),  # @id
        (f"{HOST}/veranstaltungen/vorlesenachmittag-dezember/#2026-12-09T16:00", "ChildrensEvent"),
        ("VA-2026-118", "Event"),  # identifier; the page's WebPage and Organization are dropped
    ]
    assert records[2].fields["@context"] == "https://schema.org"  # carried over from @graph


def test_course_page_is_read_by_parse_detail_into_a_whole_flat_record(frozen_now):
    spider = _spider(FamilienzentrumKurseSpider, f"{HOST}/sitemap_index.xml", frozen_now)
    path = "/kurse/2101-babymassage.html"

    records = list(spider.parse_page(_page(path, COURSE_PAGES[path])))

    assert records == [
        RawRecord(
            source_id="fz-broich",
            record_key="2101",
            url=f"{HOST}{path}",
            fetched_at=frozen_now,
            shape=RawShape.FLAT,
            fields={
                "url": f"{HOST}{path}",
                "title": "Babymassage",
                "description": (
                    "Sanfte Massagegriffe nach Vimala McClure: Ruhe für Babys und Eltern.\n"
                    "Bitte eine Decke und ein Massageöl ohne Duftstoffe mitbringen."
                ),
                "date_text": "Dienstag, 12.01.2027, 5 Termine",
                "time_text": "10.00 – 11.15 Uhr",
                "age_text": "Babys von 6 Wochen bis 6 Monaten mit einem Elternteil",
                "price_text": "40 Euro (ermäßigt 20 Euro)",
                "booking_url": f"{HOST}/anmeldung/?kurs=2101",
            },
        )
    ]


def test_a_file_listed_as_a_page_gives_no_record(frozen_now):
    spider = _spider(FamilienzentrumKurseSpider, f"{HOST}/sitemap_index.xml", frozen_now)
    url = f"{HOST}/kurse/2199-programm.pdf"
    pdf = Response(url, body=b"%PDF-1.7\n", request=Request(url))

    assert list(spider.parse_page(pdf)) == []


# -- loopback crawls


def _site_pages(url: str, robots: str) -> dict[str, Page]:
    def body(name: str) -> bytes:
        return fixture_bytes(name).replace(HOST.encode(), url.encode())

    xml = "application/xml; charset=UTF-8"
    pages = {
        "/robots.txt": Page(robots, content_type="text/plain"),
        "/sitemap_index.xml": Page(body("fz_sitemap_index.xml"), content_type=xml),
        "/sitemap-seiten.xml": Page(body("fz_sitemap_seiten.xml"), content_type=xml),
        "/sitemap-veranstaltungen.xml": Page(
            body("fz_sitemap_veranstaltungen.xml"), content_type=xml
        ),
        "/sitemap-kurse.xml.gz": Page(
            gzip.compress(body("fz_sitemap_kurse.xml")), content_type="application/x-gzip"
        ),
        "/en/sitemap.xml": Page(body("fz_sitemap_en.xml"), content_type=xml),
    }
    for path, name in {**EVENT_PAGES, **COURSE_PAGES}.items():
        pages[path] = Page(body(name))
    for path in OTHER_PAGES:
        pages[path] = Page(f"<html><body><h1>{path}</h1></body></html>")
    return pages


def _crawl(loopback, tmp_path, frozen_now, spider: str, start_path: str, robots: str):
    site = loopback({})
    site.pages.update(_site_pages(site.url, robots.replace("{site}", site.url)))
    source = make_source(spider, site.url + start_path, id="fz-broich")
    out, stats = tmp_path / "raw.jsonl", tmp_path / "raw.stats.json"
    result = run_spider_in_process(source, out, stats, FAST_SETTINGS, clock=lambda: frozen_now)
    records = [RawRecord.model_validate_json(line) for line in out.read_bytes().splitlines()]
    return site, result, records, json.loads(stats.read_text())


ROBOTS = "User-agent: *\nDisallow: /intern/\n\nSitemap: {site}/sitemap_index.xml\n"


def test_crawl_from_robots_txt_follows_the_index_and_reads_only_offer_pages(
    loopback, tmp_path, frozen_now
):
    site, result, records, stats = _crawl(
        loopback, tmp_path, frozen_now, "test_fz_termine", "/", ROBOTS
    )

    assert result.complete
    assert sorted(r.record_key for r in records) == [
        "VA-2026-118",
        f"{site.url}/veranstaltungen/laternenbasteln-2026/#event",
        f"{site.url}/veranstaltungen/vorlesenachmittag-dezember/#2026-12-09T16:00",
    ]
    flohmarkt = next(r for r in records if r.record_key == "VA-2026-118")
    assert flohmarkt.url == f"{site.url}/veranstaltungen/familienflohmarkt-winter/"
    assert flohmarkt.fields["location"]["address"] == (
        "Zastrowstraße 15, 45479 Mülheim an der Ruhr"
    )
    fetched = set(site.hits)
    assert {"/sitemap_index.xml", "/sitemap-seiten.xml", "/sitemap-veranstaltungen.xml",
            "/sitemap-kurse.xml.gz"} <= fetched
    assert "/en/sitemap.xml" not in fetched  # skip_urls: the English sitemap is never read
    assert fetched.isdisjoint(OTHER_PAGES)  # imprint, overviews, courses: not offer pages
    assert fetched.isdisjoint(COURSE_PAGES)
    assert stats["robots_forbidden"] == 1  # the internal meeting is listed, but disallowed
    assert stats["http_status_counts"] == {"200": 8}  # robots.txt, 4 sitemaps, 3 events


def test_crawl_of_an_index_follows_one_gzipped_sitemap_into_parse_detail(
    loopback, tmp_path, frozen_now
):
    site, result, records, stats = _crawl(
        loopback, tmp_path, frozen_now, "test_fz_kurse", "/sitemap_index.xml", ROBOTS
    )

    assert result.complete
    assert [r.record_key for r in sorted(records, key=lambda r: r.record_key)] == ["2101", "2107"]
    turnen = next(r for r in records if r.record_key == "2107")
    assert turnen == RawRecord(
        source_id="fz-broich",
        record_key="2107",
        url=f"{site.url}/kurse/2107-eltern-kind-turnen.html",
        fetched_at=frozen_now,
        fields={
            "url": f"{site.url}/kurse/2107-eltern-kind-turnen.html",
            "title": "Eltern-Kind-Turnen",
            "description": "Klettern, balancieren, rollen: Bewegungslandschaft für die Kleinen.",
            "date_text": "Freitag, 15.01.2027, fortlaufend",
            "time_text": "15.30 – 16.30 Uhr",
            "age_text": "Kinder von 1½ bis 3 Jahren",
            "price_text": "kostenlos",
        },
    )
    assert site.hits_of("/sitemap-") == ["/sitemap-kurse.xml.gz"]  # sitemap_follow
    assert site.hits_of("/kurse/2107-") == ["/kurse/2107-eltern-kind-turnen.html"]  # listed twice
    assert site.hits_of("/kurse/uebersicht") == []
    assert stats["records"] == 2 and stats["records_duplicate"] == 0
