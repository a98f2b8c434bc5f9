"""The Events Calendar base: saved REST pages and iCal export with a frozen clock, and loopback
crawls for paging, the REST→iCal fallback and the ways a crawl must stop incomplete."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from scrapers_loopback import Page
from scrapers_test_spiders import FamilienvereinSpider
from scrapers_testkit import FAST_SETTINGS, fixture_bytes, make_source
from scrapy.exceptions import CloseSpider
from scrapy.http import Request, Response, TextResponse

from schemas.raw import RawRecord, RawShape
from scrapers.crawl import run_spider_in_process
from scrapers.readers.parsing import get_parser
from scrapers.spiders.base.tribe import REST_PATH, TribeEventsSpider, json_object

SAARN = "https://www.familienverein-saarn.example"
STYRUM = "https://www.kinderhaus-styrum.example"
ENDPOINT = SAARN + REST_PATH
FIRST = "/wp-json/tribe/events/v1/events?page=1&per_page=3&start_date=2026-11-21"
LATER = (
    "/wp-json/tribe/events/v1/events/?page={n}&per_page=3"
    "&start_date=2026-11-21%2000:00:00&end_date=2028-11-21%2023:59:59"
)
JSON = "application/json; charset=UTF-8"


def _spider(url: str, frozen_now: Any, **options: Any) -> FamilienvereinSpider:
    source = make_source("test_tribe", url, id="familienverein", options=options)
    return FamilienvereinSpider(source=source, clock=lambda: frozen_now)


def _page(number: int) -> dict[str, Any]:
    return json.loads(fixture_bytes(f"tribe_events_seite{number}.json"))


def _response(url: str, body: bytes | str, status: int = 200, **cb_kwargs: Any) -> Response:
    data = body.encode() if isinstance(body, str) else body
    request = Request(url, cb_kwargs=cb_kwargs)
    if data.lstrip().startswith((b"{", b"<", b"[")):
        return TextResponse(url, status=status, body=data, encoding="utf-8", request=request)
    return Response(url, status=status, body=data, request=request)


def _split(results: Any) -> tuple[list[Request], list[RawRecord]]:
    out = list(results)
    return [r for r in out if isinstance(r, Request)], [r for r in out if isinstance(r, RawRecord)]


# -- saved pages


def test_first_request_asks_for_events_from_the_fetch_day(frozen_now):
    spider = _spider(f"{SAARN}/", frozen_now)

    async def first() -> Request:
        return await anext(aiter(spider.start()))

    request = asyncio.run(first())

    assert request.url == SAARN + FIRST
    assert request.callback == spider.parse_events and request.cb_kwargs == {"page": 1}
    assert request.headers["Accept"] == b"application/json"
    assert 404 in request.meta["handle_httpstatus_list"]  # redirects are still followed


def test_rest_page_gives_one_whole_tribe_record_per_event_and_the_next_page(frozen_now):
    spider = _spider(f"{SAARN}/", frozen_now)
    page = _page(1)

    requests, records = _split(
        spider.parse_events(_response(SAARN + FIRST, fixture_bytes("tribe_events_seite1.json")), 1)
    )

    assert records == [
        RawRecord(
            source_id="familienverein",
            record_key=str(event["id"]),
            url=ENDPOINT,  # stable: an event moving to another page stays the same record
            fetched_at=frozen_now,
            shape=RawShape.TRIBE,
            fields=event,  # the event JSON as found
        )
        for event in page["events"]
    ]
    assert [r.record_key for r in records] == ["4711", "4718", "4720"]
    assert records[0].fields["title"] == "Kinderflohmarkt &amp; Kuchenbasar"  # not decoded here
    assert [(r.url, r.cb_kwargs) for r in requests] == [
        (SAARN + LATER.format(n=2), {"page": 2})
    ]


def test_paging_ends_without_next_rest_url_and_never_passes_total_pages(frozen_now):
    spider = _spider(f"{SAARN}/", frozen_now)
    last = fixture_bytes("tribe_events_seite3.json")
    second = _page(2) | {"total_pages": 2}  # the plugin announces a next page, total says no

    requests, records = _split(spider.parse_events(_response(SAARN + LATER.format(n=3), last), 3))
    capped, _ = _split(
        spider.parse_events(_response(SAARN + LATER.format(n=2), json.dumps(second)), 2)
    )

    assert [r.record_key for r in records] == ["4760"]
    assert requests == [] and capped == []


def test_event_without_id_is_skipped(frozen_now):
    spider = _spider(f"{SAARN}/", frozen_now)
    body = json.dumps({"events": [{"title": "Ohne Nummer"}, {"id": 9001, "title": "Mit"}],
                       "total": 2, "total_pages": 1})

    _, records = _split(spider.parse_events(_response(SAARN + FIRST, body), 1))

    assert [r.record_key for r in records] == ["9001"]


NO_ROUTE = fixture_bytes("tribe_rest_no_route.json")
HTML_404 = fixture_bytes("tribe_rest_html_404.html")
NO_EVENTS = json.dumps({"code": "event-archive-page-not-found",
                        "message": "Die angeforderte Seite wurde nicht gefunden.",
                        "data": {"status": 404}})


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (404, NO_ROUTE),  # the plugin's REST API is switched off
        (401, '{"code":"rest_cannot_access","message":"Nur angemeldete Benutzer.",'
              '"data":{"status":401}}'),  # a REST-blocking security plugin
        (403, '{"code":"rest_login_required","message":"REST API gesperrt.",'
              '"data":{"status":403}}'),
        (404, HTML_404),  # no WordPress REST routing at all (plain permalinks)
        (200, HTML_404.replace(b"error404", b"home")),  # the home page served for any path
        (200, '{"code":"rest_disabled","message":"Deaktiviert"}'),
    ],
)
def test_rest_api_that_is_not_there_falls_back_to_the_ical_export(frozen_now, status, body):
    spider = _spider(f"{STYRUM}/", frozen_now)

    requests, records = _split(spider.parse_events(_response(STYRUM + FIRST, body, status), 1))

    assert records == []
    assert [(r.url, r.callback, r.cb_kwargs) for r in requests] == [
        (f"{STYRUM}/?post_type=tribe_events&eventDisplay=list&ical=1", spider.parse_calendar,
         {"attempt": 0})
    ]


@pytest.mark.parametrize(
    ("page", "status", "body", "reason"),
    [
        (1, 500, "<h1>Es gab einen kritischen Fehler auf dieser Website.</h1>",
         "tribe_rest_failed"),
        (1, 503, "", "tribe_rest_failed"),
        (1, 429, "", "tribe_rest_failed"),
        (1, 400, '{"code":"rest_invalid_param","message":"Ungültiger Parameter: start_date"}',
         "tribe_rest_failed"),
        (2, 404, NO_ROUTE, "tribe_page_failed"),
        (3, 502, "", "tribe_page_failed"),
        (2, 200, "<html>Wartungsmodus</html>", "tribe_page_failed"),
    ],
)
def test_failures_that_are_no_missing_api_stop_the_crawl_incomplete(
    frozen_now, page, status, body, reason
):
    spider = _spider(f"{SAARN}/", frozen_now)

    with pytest.raises(CloseSpider) as stopped:
        list(spider.parse_events(_response(SAARN + FIRST, body, status), page))

    assert stopped.value.reason == reason


@pytest.mark.parametrize("page", [1, 2])
def test_no_events_answer_of_older_plugins_is_an_empty_result(frozen_now, page):
    spider = _spider(f"{SAARN}/", frozen_now)

    assert list(spider.parse_events(_response(SAARN + FIRST, NO_EVENTS, 404), page)) == []


def test_ical_export_is_read_exactly_as_the_ical_reader_reads_it(frozen_now):
    spider = _spider(f"{STYRUM}/", frozen_now, download_delay=2.0)  # a spider option
    url = f"{STYRUM}/veranstaltungen/?ical=1"
    content = fixture_bytes("tribe_ical_export.ics")

    requests, records = _split(spider.parse_calendar(_response(url, content), attempt=1))

    reader_source = make_source("test_tribe", f"{STYRUM}/", id="familienverein")
    expected = list(get_parser("ical")(content, reader_source, url=url, fetched_at=frozen_now))
    assert requests == []
    assert records == expected
    assert len(records) == 3
    assert records[1] == RawRecord(
        source_id="familienverein",
        record_key="2230-1797206400-1797638399@www.kinderhaus-styrum.example",
        url=url,
        fetched_at=frozen_now,
        shape=RawShape.ICAL,
        fields={
            "UID": "2230-1797206400-1797638399@www.kinderhaus-styrum.example",
            "DTSTART": "2026-12-14",
            "DTEND": "2026-12-19",
            "SUMMARY": "Weihnachtswerkstatt (ganztägig)",
            "DESCRIPTION": (
                "Fünf Tage Plätzchen backen, Geschenke basteln und Lieder üben. "
                "Anmeldung erforderlich."
            ),
            "LOCATION": "Kinderhaus Styrum, Oberhausener Straße 160, Mülheim an der Ruhr, "
            "45476, Deutschland",
            "URL": f"{STYRUM}/veranstaltung/weihnachtswerkstatt/",
            "CATEGORIES": ["Ferienprogramm"],
        },
    )


EMPTY_CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kinderhaus Styrum - ECPv6.8.1//NONSGML v1.0//EN"
    b"\r\nX-WR-CALNAME:Kinderhaus Styrum\r\nEND:VCALENDAR\r\n"
)


def test_no_calendar_tries_the_next_export_and_none_at_all_stops_the_crawl(frozen_now):
    spider = _spider(f"{STYRUM}/", frozen_now)
    last = len(TribeEventsSpider.ical_paths) - 1

    requests, _ = _split(spider.parse_calendar(_response(f"{STYRUM}/x", HTML_404), attempt=0))
    with pytest.raises(CloseSpider) as stopped:
        list(spider.parse_calendar(_response(f"{STYRUM}/?ical=1", HTML_404, 404), attempt=last))

    assert [r.url for r in requests] == [f"{STYRUM}{TribeEventsSpider.ical_paths[1]}"]
    assert stopped.value.reason == "tribe_unavailable"


def test_an_empty_calendar_counts_only_when_no_export_has_events(frozen_now):
    spider = _spider(f"{STYRUM}/", frozen_now)
    last = len(TribeEventsSpider.ical_paths) - 1

    requests, records = _split(
        spider.parse_calendar(_response(f"{STYRUM}/events/?ical=1", EMPTY_CALENDAR), attempt=0)
    )
    at_the_end = list(spider.parse_calendar(_response(f"{STYRUM}/?ical=1", HTML_404, 404),
                                            attempt=last))

    assert records == [] and len(requests) == 1  # the next export is tried first
    assert at_the_end == []  # no error: the site has no upcoming events


def test_json_object_skips_php_notices_before_the_json():
    noisy = b'<br />\n<b>Deprecated</b>: Creation of dynamic property in <b>x.php</b><br />\n'
    assert json_object(noisy + b'{"events": [], "total": 0}') == {"events": [], "total": 0}
    assert json_object(b"\xef\xbb\xbf[1, 2]") is None
    assert json_object(b"<html>kein JSON</html>") is None


# -- loopback crawls


def _rest_pages(url: str) -> dict[str, Page]:
    escaped = url.replace("/", "\\/").encode()
    pages = {}
    for number, path in ((1, FIRST), (2, LATER.format(n=2)), (3, LATER.format(n=3))):
        body = fixture_bytes(f"tribe_events_seite{number}.json")
        pages[path] = Page(body.replace(SAARN.replace("/", "\\/").encode(), escaped),
                           content_type=JSON)
    return pages


def _crawl(loopback, tmp_path, frozen_now, pages: Callable[[str], dict[str, Page]],
           robots: str = ""):
    """Crawls a loopback site serving ``pages(site_url)``."""
    site = loopback({})
    site.pages.update(pages(site.url))
    site.pages["/robots.txt"] = Page(robots or "User-agent: *\nDisallow: /wp-admin/\n",
                                     content_type="text/plain")
    source = make_source("test_tribe", f"{site.url}/", id="familienverein")
    out, stats = tmp_path / "raw.jsonl", tmp_path / "raw.stats.json"
    result = run_spider_in_process(source, out, stats, FAST_SETTINGS, clock=lambda: frozen_now)
    records = (
        [RawRecord.model_validate_json(line) for line in out.read_bytes().splitlines()]
        if result.complete else []
    )
    return site, result, records


def test_crawl_pages_through_the_rest_api(loopback, tmp_path, frozen_now):
    site, result, records = _crawl(loopback, tmp_path, frozen_now, _rest_pages)

    assert result.complete
    assert [r.record_key for r in records] == [
        "4711", "4718", "4720", "4733", "4741", "4752", "4760"
    ]
    assert {r.shape for r in records} == {RawShape.TRIBE}
    expected = json.loads(_rest_pages(site.url)[LATER.format(n=2)].body)["events"][1]
    assert records[4] == RawRecord(
        source_id="familienverein",
        record_key="4741",
        url=site.url + REST_PATH,
        fetched_at=frozen_now,
        shape=RawShape.TRIBE,
        fields=expected,
    )
    assert site.hits_of("/wp-json/") == [FIRST, LATER.format(n=2), LATER.format(n=3)]
    assert site.hits_of("/events/") == [] and result.stats["http_status_counts"] == {"200": 3}


def _ics(url: str) -> bytes:
    return fixture_bytes("tribe_ical_export.ics").replace(STYRUM.encode(), url.encode())


def test_crawl_falls_back_to_the_ical_export_when_rest_is_off(loopback, tmp_path, frozen_now):
    query, english, german = TribeEventsSpider.ical_paths[:3]

    def pages(url: str) -> dict[str, Page]:
        return {
            FIRST: Page(NO_ROUTE, status=404, content_type=JSON),
            query: Page(EMPTY_CALENDAR, content_type="text/calendar"),  # answered, but empty
            english: Page(HTML_404, status=404),  # the slugs are German here
            german: Page(_ics(url), content_type="text/calendar; charset=UTF-8"),
        }

    site, result, records = _crawl(loopback, tmp_path, frozen_now, pages)

    assert result.complete
    source = make_source("test_tribe", f"{site.url}/", id="familienverein")
    url = site.url + german
    expected = get_parser("ical")(_ics(site.url), source, url=url, fetched_at=frozen_now)
    assert records == list(expected)
    assert [r.shape for r in records] == [RawShape.ICAL] * 3
    assert site.hits == ["/robots.txt", FIRST, query, english, german]


def test_crawl_falls_back_when_robots_txt_forbids_the_rest_api(loopback, tmp_path, frozen_now):
    def pages(url: str) -> dict[str, Page]:
        first_export = TribeEventsSpider.ical_paths[0]
        return {**_rest_pages(url), first_export: Page(_ics(url), content_type="text/calendar")}

    robots = "User-agent: *\nDisallow: /wp-admin/\nDisallow: /wp-json/\n"
    site, result, records = _crawl(loopback, tmp_path, frozen_now, pages, robots)

    assert result.complete and len(records) == 3
    assert site.hits_of("/wp-json/") == []
    assert result.stats["robots_forbidden"] == 1


@pytest.mark.parametrize(
    ("pages", "reason", "hits"),
    [
        # a server error is no reason to switch to the iCal export (one retry in test settings)
        ({FIRST: Page("Service Unavailable", status=503)}, "tribe_rest_failed", [FIRST, FIRST]),
        ({FIRST: Page(drop=True)}, "tribe_rest_failed", None),  # no answer: retried, no switch
        ({FIRST: Page(NO_ROUTE, status=404, content_type=JSON)}, "tribe_unavailable",
         [FIRST, *TribeEventsSpider.ical_paths]),
    ],
)
def test_crawl_stops_incomplete_without_a_usable_source(
    loopback, tmp_path, frozen_now, pages, reason, hits
):
    site, result, records = _crawl(loopback, tmp_path, frozen_now, lambda url: pages)

    assert not result.complete and result.out is None
    assert result.finish_reason == reason
    if hits is None:  # the HTTP client retries a dropped connection itself, too
        assert set(site.hits) == {"/robots.txt", FIRST}
    else:
        assert site.hits == ["/robots.txt", *hits]


def test_crawl_with_a_failing_later_page_publishes_nothing(loopback, tmp_path, frozen_now):
    def pages(url: str) -> dict[str, Page]:
        return _rest_pages(url) | {LATER.format(n=2): Page("Bad Gateway", status=502)}

    site, result, records = _crawl(loopback, tmp_path, frozen_now, pages)

    assert not result.complete and result.out is None
    assert result.finish_reason == "tribe_page_failed"
    assert not (tmp_path / "raw.jsonl").exists()
