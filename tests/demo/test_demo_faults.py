"""Test controls: faults, live places, withdrawn offers, reset — in-process and over HTTP."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile

import httpx
import icalendar
import pytest
from parsel import Selector

from demo import DemoWorld
from demo.control import ControlError, RemoteWorld


def test_fault_500_hits_only_that_provider(world: DemoWorld, client: httpx.Client) -> None:
    world.set_fault("vhs", "500")
    assert client.get(world.providers["vhs"].entry_path).status_code == 500
    assert client.get("/vhs/kurs/anything").status_code == 500
    assert client.get(world.providers["kitas"].entry_path).status_code == 200
    assert client.get("/robots.txt").status_code == 200
    world.set_fault("vhs", None)
    assert client.get(world.providers["vhs"].entry_path).status_code == 200


def test_fault_timeout_exceeds_a_short_client_timeout(world: DemoWorld) -> None:
    world.set_fault("stillinseln", "timeout")
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(world.providers["stillinseln"].url, timeout=0.3)
    assert httpx.get(world.providers["kitas"].url, timeout=2.0).status_code == 200


def test_stop_does_not_wait_for_a_hanging_request() -> None:
    other = DemoWorld(timeout_fault_s=600.0).start()
    other.set_fault("vhs", "timeout")
    outcome: list[object] = []

    def fetch() -> None:
        try:
            outcome.append(httpx.get(other.providers["vhs"].url, timeout=10.0))
        except httpx.HTTPError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=fetch)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    other.stop()
    thread.join(timeout=300)
    assert time.monotonic() - started < 300  # the hanging request would take 600 s
    assert not thread.is_alive()
    assert isinstance(outcome[0], httpx.HTTPError)  # connection closed without an answer


def test_fault_truncate_cuts_inside_a_record(world: DemoWorld, client: httpx.Client) -> None:
    cut = ("vhs", "sportverein", "kitas", "sportservice")
    full = {pid: client.get(world.providers[pid].entry_path).content for pid in cut}
    world.set_fault("vhs", "truncate")
    world.set_fault("sportverein", "truncate")
    world.set_fault("kitas", "truncate")
    world.set_fault("sportservice", "truncate")
    vhs = client.get(world.providers["vhs"].entry_path)
    assert vhs.status_code == 200 and int(vhs.headers["content-length"]) == len(vhs.content)
    assert full["vhs"].startswith(vhs.content) and len(vhs.content) < len(full["vhs"])
    with pytest.raises(json.JSONDecodeError):
        json.loads(vhs.content)
    ics = client.get(world.providers["sportverein"].entry_path).content
    assert b"END:VCALENDAR" not in ics and ics.count(b"BEGIN:VEVENT") > ics.count(b"END:VEVENT")
    csv_text = client.get(world.providers["kitas"].entry_path).content
    last_line = csv_text.rsplit(b"\r\n", 1)[-1]
    assert 0 < last_line.count(b";") < 17  # the last row stops mid-record
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(client.get(world.providers["sportservice"].entry_path).content))


def test_fault_empty_serves_valid_empty_listings(world: DemoWorld, client: httpx.Client) -> None:
    first_offer = world.offer_keys("ferienportal")[0]
    for pid in world.providers:
        world.set_fault(pid, "empty")
    portal = Selector(client.get("/ferienportal/angebote").text)
    assert portal.css("p.trefferzahl::text").get() == "0 Angebote gefunden – Seite 1 von 1"
    assert not portal.css("li.angebot-kachel") and not portal.css("a[rel=next]")
    assert client.get(f"/ferienportal/angebot/{first_offer}").status_code == 404
    assert world.offer_keys("ferienportal") == []
    assert client.get("/vhs/api/kurse").json()["meta"]["total"] == 0
    cal = icalendar.Calendar.from_ical(
        client.get(world.providers["sportverein"].entry_path).content
    )
    assert cal.walk("VEVENT") == [] and cal.walk("VTIMEZONE")
    csv_text = client.get(world.providers["kitas"].entry_path).content.decode("cp1252")
    assert csv_text.count("\r\n") == 2  # sep line and header
    assert client.get(world.providers["stillinseln"].entry_path).json()["features"] == []
    assert not Selector(client.get(world.providers["beratung"].entry_path).text).css(
        "article.karte"
    )
    assert not Selector(client.get(world.providers["familienbildung"].entry_path).text).css(
        "div.kurs-teaser"
    )
    month = Selector(client.get("/kulturhaus/programm/2026-11/").text)
    assert not month.css("article.termin") and month.css("a.monat-weiter")
    rpde = client.get(world.providers["sportbund"].entry_path).json()
    assert rpde["items"] == [] and rpde["next"] == world.providers["sportbund"].url
    tec = client.get(world.providers["schwimmverein"].entry_path).json()
    assert tec["events"] == [] and tec["total"] == 0 and "next_rest_url" not in tec
    assert client.get(world.providers["familienkarte"].entry_path).json()["items"] == []
    assert client.get(world.providers["theater"].entry_path).json() == {
        "data": [],
        "next_cursor": None,
    }
    feed = client.get(world.providers["jugendzentrum"].entry_path).text
    assert "<channel>" in feed and "<item>" not in feed
    assert "ferienwerkstatt/" not in client.get("/kunstmuseum/sitemap-veranstaltungen.xml").text
    tsv = client.get(world.providers["tagespflege"].entry_path).text
    assert tsv.count("\n") == 4  # two comments, the two header rows


def test_book_changes_live_free_places(world: DemoWorld, client: httpx.Client) -> None:
    key = next(
        k for k in world.offer_keys("ferienportal") if world.free_places("ferienportal", k) >= 3
    )
    before = world.free_places("ferienportal", key)
    assert world.book("ferienportal", key, 2) == before - 2
    detail = Selector(client.get(f"/ferienportal/angebot/{key}").text)
    assert str(before - 2) in detail.css("div.plaetze strong::text").get()
    assert world.book("ferienportal", key, 999) == 0
    detail = Selector(client.get(f"/ferienportal/angebot/{key}").text)
    assert detail.css("div.plaetze::attr(class)").get() in (
        "plaetze status-ausgebucht",
        "plaetze status-warteliste",
    )
    assert world.book("ferienportal", key, -2) == 2  # cancellations free places again
    assert world.book("ferienportal", key, -999) == world.record_capacity("ferienportal", key)
    vhs_key = world.offer_keys("vhs")[0]
    free = world.book("vhs", vhs_key, 1)
    item = client.get(f"/vhs/api/kurse/{vhs_key}").json()["data"]
    assert item["freie_plaetze"] == free
    with pytest.raises(ValueError):
        world.book("kitas", world.offer_keys("kitas")[0], 1)
    with pytest.raises(KeyError):
        world.book("ferienportal", "FS-1999-0001", 1)
    with pytest.raises(KeyError):
        world.set_fault("nope", "500")
    with pytest.raises(ValueError):
        world.set_fault("vhs", "meltdown")  # type: ignore[arg-type]


def test_remove_offer_withdraws_it_everywhere(world: DemoWorld, client: httpx.Client) -> None:
    key = world.offer_keys("ferienportal")[3]
    world.remove_offer("ferienportal", key)
    assert key not in world.offer_keys("ferienportal")
    assert client.get(f"/ferienportal/angebot/{key}").status_code == 404
    listing = Selector(client.get("/ferienportal/angebote").text)
    assert key not in listing.css("li.angebot-kachel::attr(data-nr)").getall()
    assert listing.css("p.trefferzahl::text").get().startswith("89 Angebote")
    kita = world.offer_keys("kitas")[0]
    world.remove_offer("kitas", kita)
    assert f"\r\n{kita};".encode() not in client.get(world.providers["kitas"].entry_path).content
    world.reset()
    assert key in world.offer_keys("ferienportal")
    assert client.get(f"/ferienportal/angebot/{key}").status_code == 200


def test_http_controls(world: DemoWorld, client: httpx.Client) -> None:
    remote = RemoteWorld(world.base_url)
    remote.set_fault("kitas", "500")
    assert client.get(world.providers["kitas"].entry_path).status_code == 500
    key = world.offer_keys("ferienportal")[0]
    remote.remove_offer("ferienportal", key)
    bookable = next(
        k for k in world.offer_keys("ferienportal") if world.free_places("ferienportal", k) > 0
    )
    assert remote.book("ferienportal", bookable, 1) == world.free_places("ferienportal", bookable)
    state = remote.state()
    assert state["faults"] == {"kitas": "500"} and state["removed"] == {"ferienportal": [key]}
    assert state["providers"]["vhs"] == 60
    remote.reset()
    assert world.state.snapshot() == {"faults": {}, "removed": {}, "booked": {}}
    with pytest.raises(ControlError, match="404"):
        remote.set_fault("nope", "500")
    with pytest.raises(ControlError, match="400"):
        remote.set_fault("vhs", "meltdown")
    assert client.get("/_control/fault").status_code == 405
    assert client.post("/_control/fault", content=b"not json").status_code == 400
    assert client.post("/vhs/api/kurse").status_code == 405
