"""The providers that are broken on purpose behave exactly as documented — and a correct
importer's outcome matches their ``expected_count``."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest
from lxml import html as lxml_html
from parsel import Selector

from demo import DemoWorld
from demo.providers.broken_relaunch import OLD_SELECTORS


def _with_retries(client: httpx.Client, url: str, attempts: int = 3) -> httpx.Response:
    for _ in range(attempts):
        response = client.get(url)
        if response.status_code < 500:
            return response
    return response


def test_flaky_fails_twice_per_resource_then_recovers(
    world: DemoWorld, client: httpx.Client
) -> None:
    info = world.providers["broken-flaky"]
    assert info.defect.startswith("flaky") and info.expected_count == 14
    assert [client.get(info.entry_path).status_code for _ in range(4)] == [500, 500, 200, 200]
    assert client.get("/broken-flaky/api/einsaetze?seite=2").status_code == 500  # its own count
    world.reset()
    assert client.get(info.entry_path).status_code == 500  # counting starts afresh
    world.reset()
    url, ids = info.url, []
    while url:
        page = _with_retries(client, url).json()
        ids += [stop["id"] for stop in page["einsaetze"]]
        url = world.url(page["naechste_seite"]) if page["naechste_seite"] else None
    assert ids == world.offer_keys("broken-flaky") and len(ids) == info.expected_count


def test_slow_hangs_past_a_sane_timeout(world: DemoWorld, client: httpx.Client) -> None:
    info = world.providers["broken-slow"]
    assert info.expected_count == 0 and len(world.offer_keys("broken-slow")) == 12
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(info.url, timeout=0.3)
    assert client.get("/broken-slow/").status_code == 200  # only the API hangs
    with httpx.stream("GET", info.url, timeout=0.3) as response:
        assert response.status_code == 200 and int(response.headers["content-length"]) > 200
        with pytest.raises(httpx.ReadTimeout):
            response.read()


def test_stop_is_instant_while_the_slow_provider_hangs() -> None:
    other = DemoWorld(timeout_fault_s=600.0).start()
    outcome: list[object] = []

    def fetch() -> None:
        try:
            outcome.append(httpx.get(other.providers["broken-slow"].url, timeout=10.0))
        except httpx.HTTPError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=fetch)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    other.stop()
    thread.join(timeout=300)
    assert time.monotonic() - started < 300  # the hanging request would take 600 s
    assert not thread.is_alive() and isinstance(outcome[0], httpx.HTTPError)


def test_truncated_json_is_cut_inside_a_record(world: DemoWorld, client: httpx.Client) -> None:
    response = client.get(world.providers["broken-truncated"].url)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    body = response.content
    assert body.startswith(b"[") and body[-1:] not in (b"]", b"}", b",", b"\n")
    assert 0 < body.count(b'"uid"') < len(world.offer_keys("broken-truncated"))
    assert world.providers["broken-truncated"].expected_count == 0


def test_relaunch_keeps_the_url_but_not_the_markup(world: DemoWorld, client: httpx.Client) -> None:
    info = world.providers["broken-relaunch"]
    response = client.get(info.url)
    assert response.status_code == 200
    assert lxml_html.fromstring(response.content).find(".//main") is not None
    page = Selector(response.text)
    assert all(not page.css(selector) for selector in OLD_SELECTORS)
    cards = page.css("section.c-eventgrid article.c-card--event")
    assert cards.xpath("@data-uid").getall() == world.offer_keys("broken-relaunch")
    for href in cards.css("h2.c-card__title a::attr(href)").getall():
        assert client.get(href).status_code == 200
    assert info.expected_count == 0 and "0 records" in info.defect


def test_encoding_is_garbage_in_every_encoding(world: DemoWorld, client: httpx.Client) -> None:
    response = client.get(world.providers["broken-encoding"].url)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    raw = response.content
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"):
        with pytest.raises(UnicodeDecodeError):
            raw.decode(encoding)
    latin = raw.decode("latin-1")  # decodes anything, into control characters
    assert "\x00" in latin and any("\x80" <= ch <= "\x9f" for ch in latin)
    assert world.providers["broken-encoding"].expected_count == 0
