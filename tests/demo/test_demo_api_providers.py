"""The JSON APIs and feeds of the new providers, paged the way their clients page them:
The Events Calendar, OpenActive RPDE, offset/limit, cursor and Link header."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from typing import Any

import httpx
import icalendar

from demo import DemoWorld
from demo.content.familienkarte import CATEGORY_KINDS


def test_schwimmverein_events_calendar_api(world: DemoWorld, client: httpx.Client) -> None:
    first = client.get(world.providers["schwimmverein"].url)
    assert (first.headers["x-tec-total"], first.headers["x-tec-totalpages"]) == ("20", "2")
    body = first.json()
    assert body["total"] == 20 and body["total_pages"] == 2 and "previous_rest_url" not in body
    events, url = list(body["events"]), body.get("next_rest_url")
    while url:
        page = client.get(url).json()
        events += page["events"]
        url = page.get("next_rest_url")
    assert "previous_rest_url" in page and "next_rest_url" not in page
    assert [str(e["id"]) for e in events] == world.offer_keys("schwimmverein")
    titles = [e["title"] for e in events]
    assert any("&#8211;" in t for t in titles) and any("&#038;" in t for t in titles)
    for e in events:
        local = datetime.fromisoformat(e["start_date"])
        utc = datetime.fromisoformat(e["utc_start_date"])
        assert local - utc in (timedelta(hours=1), timedelta(hours=2))
        assert e["timezone"] == "Europe/Berlin"
        assert e["venue"]["zip"].startswith("454") and e["organizer"][0]["organizer"]
        assert e["categories"][0]["taxonomy"] == "tribe_events_cat"
        assert e["cost"] == "kostenlos" or e["cost"].endswith(" €")
        assert e["cost_details"]["currency_code"] == "EUR"
    assert sum(e["all_day"] for e in events) == 3
    assert any(t["slug"] == "warteliste" for e in events for t in e["tags"])
    api = "/schwimmverein/wp-json/tribe/events/v1/events"
    assert client.get(api, params={"page": 3}).status_code == 400
    assert client.get(api, params={"per_page": 100}).status_code == 400
    assert client.get(api, params={"start_date": "2027-06-01"}).json()["total"] == 4
    one = events[0]["id"]
    assert client.get(f"{api}/{one}").json()["id"] == one

    calendar = icalendar.Calendar.from_ical(
        client.get(world.providers["schwimmverein"].extra_paths[0]).content
    )
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 20
    by_id = {str(e["UID"]).split("-", 1)[0]: e for e in vevents}
    for e in events:
        vevent = by_id[str(e["id"])]
        assert str(vevent["SUMMARY"]) == html.unescape(e["title"])
        start = vevent.decoded("DTSTART")
        if e["all_day"]:
            assert start.isoformat() == e["start_date"][:10]
        else:
            assert start.strftime("%Y-%m-%d %H:%M:%S") == e["start_date"]
            assert str(start.tzinfo) == "Europe/Berlin"


def _rpde(client: httpx.Client, url: str) -> tuple[list[dict[str, Any]], int]:
    items, pages = [], 0
    while True:
        page = client.get(url).json()
        pages += 1
        assert page["license"] == "https://creativecommons.org/licenses/by/4.0/"
        if not page["items"]:
            assert page["next"] == url  # the last page points to itself
            return items, pages
        items += page["items"]
        url = page["next"]


def _order(item: dict[str, Any]) -> tuple[Any, str]:
    modified = item["modified"]
    if isinstance(modified, str):
        modified = datetime.fromisoformat(modified.replace("Z", "+00:00"))
    return modified, item["id"]


def test_sportbund_rpde_feeds(world: DemoWorld, client: httpx.Client) -> None:
    info = world.providers["sportbund"]
    series, series_pages = _rpde(client, info.url)
    sessions, _ = _rpde(client, world.url(info.extra_paths[0]))
    courses, _ = _rpde(client, world.url(info.extra_paths[1]))
    assert series_pages == 3 and (len(series), len(sessions), len(courses)) == (15, 16, 13)
    for feed in (series, sessions, courses):
        assert [_order(i) for i in feed] == sorted(_order(i) for i in feed)
        assert len({i["id"] for i in feed}) == len(feed)
    assert all(isinstance(i["modified"], int) for i in series + courses)
    assert all(isinstance(i["modified"], str) for i in sessions)
    assert series[0]["modified"] > 10**12 and courses[0]["modified"] < 10**5  # ms vs number
    deleted = [i for i in series + courses if i["state"] == "deleted"]
    assert len(deleted) == 2 and all("data" not in i for i in deleted)
    offers = [i for i in series + courses if i["state"] == "updated"]
    assert sorted(i["id"] for i in offers) == sorted(world.offer_keys("sportbund"))
    for item in offers:
        data = item["data"]
        assert data["@type"] == item["kind"] and data["identifier"] == item["id"]
        (schedule,) = data["eventSchedule"]
        assert schedule["scheduleTimezone"] == "Europe/Berlin"
        assert all(day.startswith("https://schema.org/") for day in schedule["byDay"])
        assert all(o["priceCurrency"] == "EUR" for o in data["offers"])
        assert isinstance(data["location"]["geo"]["latitude"], float)
        assert data["location"]["address"]["postalCode"].startswith("454")
    assert any("exceptDate" in i["data"]["eventSchedule"][0] for i in offers)
    assert any(i["data"]["genderRestriction"].endswith("FemaleOnly") for i in offers)
    series_ids = {i["data"]["@id"] for i in series if i["state"] == "updated"}
    supers = [s["data"]["superEvent"] for s in sessions]
    assert {type(s) for s in supers} == {dict, str}
    assert {s["@id"] if isinstance(s, dict) else s for s in supers} <= series_ids
    assert any(s["data"]["eventStatus"].endswith("EventCancelled") for s in sessions)
    bad = client.get(info.url, params={"afterTimestamp": "12"})
    assert bad.status_code == 400


def test_sportbund_withdrawn_offer_becomes_a_tombstone(
    world: DemoWorld, client: httpx.Client
) -> None:
    key = world.offer_keys("sportbund")[0]
    world.remove_offer("sportbund", key)
    series, _ = _rpde(client, world.providers["sportbund"].url)
    assert series[-1] == {
        "state": "deleted",
        "kind": "SessionSeries",
        "id": key,
        "modified": series[-1]["modified"],
    }


def test_familienkarte_offset_paging(world: DemoWorld, client: httpx.Client) -> None:
    api = "/familienkarte/api/v1/angebote"
    items, offset = [], 0
    while True:
        page = client.get(api, params={"offset": offset, "limit": 10}).json()
        assert page["total"] == 20 and page["offset"] == offset
        if not page["items"]:
            break
        items += page["items"]
        offset += len(page["items"])
    assert [i["id"] for i in items] == world.offer_keys("familienkarte")
    assert client.get(api, params={"limit": 51}).status_code == 400
    assert len(client.get(api).json()["items"]) == 20  # default limit 25
    kinds: dict[str, int] = {}
    for item in items:
        kind = CATEGORY_KINDS[item["kategorie"]]
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == dict(world.providers["familienkarte"].kinds)
    secret = [i for i in items if i["ort"]["vertraulich"]]
    assert [i["id"] for i in secret] == list(world.providers["familienkarte"].confidential_keys)
    assert secret[0]["ort"]["strasse"] and "vertraulich" in secret[0]["ort"]["hinweis"]
    assert any(i["freie_plaetze"] for i in items) and any(i["preis"]["text"] for i in items)


def test_theater_cursor_paging(world: DemoWorld, client: httpx.Client) -> None:
    url, ids, pages = world.providers["theater"].url, [], 0
    while True:
        page = client.get(url).json()
        pages += 1
        ids += [p["id"] for p in page["data"]]
        if page["next_cursor"] is None:
            break
        url = f"/theater/api/vorstellungen?limit=6&cursor={page['next_cursor']}"
    assert pages == 3 and ids == world.offer_keys("theater")
    assert client.get("/theater/api/vorstellungen?cursor=kaputt").status_code == 400
    show = client.get(world.providers["theater"].url).json()["data"][0]
    assert datetime.fromisoformat(show["beginn"]).utcoffset() is not None
    assert {p["kategorie"] for p in show["preise"]} >= {"Kinder", "Erwachsene"}


def test_elternschule_link_header_paging(world: DemoWorld, client: httpx.Client) -> None:
    url, ids, pages = world.providers["elternschule"].url, [], 0
    while url:
        response = client.get(url)
        pages += 1
        assert response.headers["x-total-count"] == "14"
        body = response.json()
        assert isinstance(body, list)
        ids += [str(c["id"]) for c in body]
        url = response.links.get("next", {}).get("url")
    assert pages == 3 and ids == world.offer_keys("elternschule")
    assert "next" not in response.links and response.links["last"]["url"].endswith(
        "page=3&per_page=5"
    )
