"""Each provider fetched over loopback and parsed like a spider or feed reader would."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from urllib.parse import urljoin

import httpx
import icalendar
import json_repair
import openpyxl
import recurring_ical_events
from parsel import Selector

from demo import DemoWorld
from demo.content.beratung import RUBRIC_KINDS
from schemas.vocab import OfferKind

JSONLD = '//script[@type="application/ld+json"]/text()'


def crawl_ferienportal(client: httpx.Client, world: DemoWorld) -> tuple[list[str], list[str]]:
    """Follow 'Weiter' from the entry page; return listing page URLs and offer keys."""
    url = world.providers["ferienportal"].url
    pages, keys = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(url)
        sel = Selector(response.text)
        keys += sel.css("li.angebot-kachel::attr(data-nr)").getall()
        nxt = sel.css("nav.pagination a[rel=next]::attr(href)").get()
        url = urljoin(url, nxt) if nxt else None
    return pages, keys


def test_ferienportal_pagination_reaches_every_offer(
    world: DemoWorld, client: httpx.Client
) -> None:
    pages, keys = crawl_ferienportal(client, world)
    assert len(pages) == 6
    assert len(keys) == len(set(keys)) == 90
    assert keys == world.offer_keys("ferienportal")
    first = Selector(client.get(pages[0]).text)
    assert first.css("p.trefferzahl::text").get() == "90 Angebote gefunden – Seite 1 von 6"
    assert client.get("/ferienportal/angebote?seite=7").status_code == 404


def test_ferienportal_detail_pages(world: DemoWorld, client: httpx.Client) -> None:
    impossible, statuses, booking_links = [], set(), set()
    for key in world.offer_keys("ferienportal"):
        response = client.get(f"/ferienportal/angebot/{key}")
        assert response.status_code == 200
        sel = Selector(response.text)
        rows = {
            th.xpath("normalize-space(.)").get(): tr.xpath("normalize-space(td)").get()
            for tr in sel.css("table.angebot-daten tr")
            for th in tr.css("th")
        }
        assert rows["Angebotsnummer"] == key
        for label in (
            "Veranstalter",
            "Veranstaltungsort",
            "Adresse",
            "Stadtteil",
            "Zeitraum",
            "Uhrzeit",
            "Alter",
            "Kosten",
            "Anmeldung",
        ):
            assert rows[label], (key, label)
        assert re.search(r"454(6[89]|7\d|8[01])\b", rows["Adresse"])
        assert "19" in rows["Anmeldung"]
        assert sel.css("section.beschreibung p")
        if "31.06." in rows["Zeitraum"]:
            impossible.append(key)
        statuses.add(sel.css("div.plaetze::attr(class)").get())
        booking_links.update(sel.css("a.btn-buchen::attr(href)").getall())
    assert impossible == list(world.providers["ferienportal"].quarantine_keys)
    assert {
        "plaetze status-frei",
        "plaetze status-ausgebucht",
        "plaetze status-warteliste",
        "plaetze status-abgesagt",
    } <= statuses
    assert booking_links and all(
        link.startswith("/ferienportal/buchung/") for link in booking_links
    )


def test_ferienportal_phrasings_are_varied(world: DemoWorld, client: httpx.Client) -> None:
    text = " ".join(client.get(f"/ferienportal/angebote?seite={n}").text for n in range(1, 7))
    html_text = Selector(text).xpath("string(.)").get()
    assert "Sechs- bis Zwölfjährige" in html_text
    assert re.search(r"noch \d+ freie Plätze", html_text)
    assert "ausgebucht" in html_text and "Warteliste" in html_text
    assert re.search(r"in der (ersten|zweiten) \w+ferienwoche", html_text)
    assert "&ouml;" in text or "&auml;" in text  # entity-encoded umlauts in the raw markup


def test_familienbildung_jsonld(world: DemoWorld, client: httpx.Client) -> None:
    listing = Selector(client.get(world.providers["familienbildung"].url).text)
    keys = listing.css("div.kurs-teaser::attr(data-kursnr)").getall()
    assert len(keys) == len(set(keys)) == 50
    strict_failures, types, graphs, two_blocks = 0, set(), 0, 0
    for key in keys:
        href = listing.css(f'div.kurs-teaser[data-kursnr="{key}"] a::attr(href)').get()
        sel = Selector(client.get(href).text)
        blocks = sel.xpath(JSONLD).getall()
        assert blocks, key
        two_blocks += len(blocks) == 2
        main = blocks[-1]
        try:
            data = json.loads(main)
        except json.JSONDecodeError:
            strict_failures += 1
            data = json_repair.loads(main)
        if "@graph" in data:
            graphs += 1
            data = next(node for node in data["@graph"] if node["@type"] in ("Course", "Event"))
        types.add(data["@type"])
        assert data.get("courseCode", data.get("identifier")) == key
        assert sel.css("dd.kursnummer::text").get() == key
    assert types == {"Course", "Event"}
    assert (
        strict_failures == 6
    )  # 3 trailing commas, 2 HTML comments, 1 postcode with a leading zero
    assert graphs == 5 and two_blocks == 4


def test_kulturhaus_month_pages_and_events(world: DemoWorld, client: httpx.Client) -> None:
    response = client.get(world.providers["kulturhaus"].url, follow_redirects=True)
    months, graph_ids, teaser_ids = 0, [], []
    while True:
        assert response.status_code == 200
        months += 1
        sel = Selector(response.text)
        teaser_ids += sel.css("article.termin::attr(data-event-id)").getall()
        for block in sel.xpath(JSONLD).getall():
            graph_ids += [node["identifier"] for node in json.loads(block)["@graph"]]
        nxt = sel.css("a.monat-weiter::attr(href)").get()
        if not nxt:
            break
        response = client.get(urljoin(str(response.url), nxt))
    assert months == 12
    assert graph_ids == teaser_ids
    assert len(set(graph_ids)) == 40
    statuses = set()
    for key in graph_ids:
        detail = client.get(f"/kulturhaus/veranstaltung/{key}", follow_redirects=True)
        assert detail.status_code == 200 and detail.history[0].status_code == 301
        event = json.loads(Selector(detail.text).xpath(JSONLD).get())
        assert event["@type"] == "Event" and event["identifier"] == key
        statuses.add(event["eventStatus"].rsplit("/", 1)[-1])
    assert statuses == {"EventScheduled", "EventCancelled", "EventRescheduled"}


def test_sportverein_ical(world: DemoWorld, client: httpx.Client) -> None:
    response = client.get(world.providers["sportverein"].url)
    assert response.headers["content-type"].startswith("text/calendar")
    raw = response.content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # folded
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len({str(e["UID"]) for e in events}) == 30
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    rrules = [e["RRULE"] for e in events if "RRULE" in e]
    assert any("COUNT" in r for r in rrules) and any("UNTIL" in r for r in rrules)
    assert any(r.get("INTERVAL") == [2] for r in rrules) and any(
        len(r.get("BYDAY", [])) > 1 for r in rrules
    )
    assert any("EXDATE" in e for e in events)
    moved = [e for e in events if "RECURRENCE-ID" in e]
    assert len(moved) == 1
    all_day = [e for e in events if type(e.decoded("DTSTART")) is date]
    assert len(all_day) == 7 and all(
        (e.decoded("DTEND") - e.decoded("DTSTART")).days >= 1 for e in all_day
    )
    december = recurring_ical_events.of(cal).between(datetime(2026, 12, 1), datetime(2026, 12, 3))
    turnen = [e for e in december if str(e["SUMMARY"]).startswith("Kinderturnen")]
    assert [e.decoded("DTSTART").strftime("%H:%M") for e in turnen] == [
        "15:30"
    ]  # the moved session
    holidays = recurring_ical_events.of(cal).between(datetime(2026, 12, 28), datetime(2027, 1, 7))
    assert not [e for e in holidays if str(e["SUMMARY"]).startswith("Kinderturnen")]  # EXDATE


def test_kitas_csv_is_cp1252(world: DemoWorld, client: httpx.Client) -> None:
    raw = client.get(world.providers["kitas"].url).content
    for char in "„“–€…":
        assert char.encode("cp1252") in raw
    try:
        raw.decode("utf-8")
        raise AssertionError("the CSV must not be valid UTF-8")
    except UnicodeDecodeError:
        pass
    assert "„" not in raw.decode("latin-1")  # a Latin-1 decode gets the quotes wrong
    text = raw.decode("cp1252")
    assert text.startswith("sep=;\r\n")
    rows = list(csv.DictReader(io.StringIO(text.split("\r\n", 1)[1], newline=""), delimiter=";"))
    assert len(rows) == 90
    assert len({r["Nr."] for r in rows}) == 90 and all(r["Nr."].startswith("0") for r in rows)
    assert any("\n" in r["Kurzkonzept"] for r in rows) and any(
        ";" in r["Öffnungszeiten"] for r in rows
    )
    assert all(re.fullmatch(r"51,\d+", r["Breitengrad"]) for r in rows)
    assert sum(r["Familienzentrum"].lower().startswith("ja") for r in rows) == 21


def test_sportservice_xlsx(world: DemoWorld, client: httpx.Client) -> None:
    response = client.get(world.providers["sportservice"].url)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert str(sheet["A1"].value).startswith("Mülheimer SportService")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:N1", "G3:H3", "L3:M3"} <= merged
    assert (sheet["G3"].value, sheet["G4"].value, sheet["H4"].value) == ("Zeitraum", "von", "bis")
    rows = [
        r
        for r in sheet.iter_rows(min_row=5, values_only=True)
        if r[0] and re.fullmatch(r"(SK|FC)-\d\d-\d{3}", r[0])
    ]
    assert len(rows) == 40
    starts = [r[6] for r in rows]
    assert any(isinstance(v, datetime) for v in starts) and any(isinstance(v, str) for v in starts)
    assert all(isinstance(r[11], int | float) for r in rows)


def test_vhs_api_paging(world: DemoWorld, client: httpx.Client) -> None:
    first = client.get(world.providers["vhs"].url).json()
    assert first["meta"] == {"page": 1, "pages": 3, "per_page": 20, "total": 60}
    items = list(first["data"])
    for page in range(2, first["meta"]["pages"] + 1):
        items += client.get("/vhs/api/kurse", params={"page": page, "per_page": 20}).json()["data"]
    assert len({i["kursnummer"] for i in items}) == 60
    for item in items:
        start = datetime.fromisoformat(item["beginn"])
        assert start.utcoffset() is not None
        assert isinstance(item["ort"], dict) and item["ort"]["plz"].startswith("454")
        assert isinstance(item["preis"], float)
    assert client.get("/vhs/api/kurse?per_page=100").json()["meta"]["pages"] == 1
    assert client.get("/vhs/api/kurse?page=4").json()["data"] == []
    assert client.get("/vhs/api/kurse?per_page=abc").status_code == 400
    one = items[0]["kursnummer"]
    assert client.get(f"/vhs/api/kurse/{one}").json()["data"]["kursnummer"] == one


def test_stillinseln_geojson(world: DemoWorld, client: httpx.Client) -> None:
    response = client.get(world.providers["stillinseln"].url)
    assert response.headers["content-type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 20
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float)
        assert {
            "bezeichnung",
            "oeffnungszeiten",
            "wickeltisch",
            "stillraum",
            "barrierefrei",
        } <= set(feature["properties"])
    swapped = [
        f["properties"]["objectid"]
        for f in data["features"]
        if f["geometry"]["coordinates"][0] > 50
    ]
    assert swapped == [17]


def test_beratung_cards_cover_the_remaining_kinds(world: DemoWorld, client: httpx.Client) -> None:
    sel = Selector(client.get(world.providers["beratung"].url).text)
    cards = sel.css("article.karte")
    assert len(cards) == 32
    assert not sel.xpath(JSONLD)
    kinds = {RUBRIC_KINDS[c.css("span.karte__rubrik::text").get()] for c in cards}
    assert {"counselling", "childminding", "meeting_place", "leisure"} == kinds
    confidential = [c for c in cards if not c.css("address")]
    assert confidential and all(c.css("p.karte__adresse--hinweis") for c in confidential)


def test_every_offer_kind_arrives_over_http(world: DemoWorld, client: httpx.Client) -> None:
    """Kinds as a pipeline would assign them: the source default, or the card rubric."""
    defaults = {
        "ferienportal": "holiday_care",
        "familienbildung": "course",
        "kulturhaus": "culture",
        "sportverein": "sport",
        "kitas": "kita",
        "sportservice": "sport",
        "vhs": "course",
        "stillinseln": "nursing_changing",
    }
    seen = set(defaults.values())
    sel = Selector(client.get(world.providers["beratung"].url).text)
    seen |= {RUBRIC_KINDS[label] for label in sel.css("span.karte__rubrik::text").getall()}
    assert seen == {k.value for k in OfferKind}
