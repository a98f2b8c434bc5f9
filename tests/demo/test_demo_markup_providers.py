"""The library's microdata pages, the youth centre's feeds and the museum's sitemaps, read the
way a spider or feed reader would."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import extruct
import feedparser
import httpx
import pytest
from lxml import etree
from parsel import Selector

from demo import DemoWorld

JSONLD = '//script[@type="application/ld+json"]/text()'
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
WORKSHOP = re.compile(r"/kunstmuseum/ferienwerkstatt/[a-z0-9-]+-(\d+)\.html$")


def test_bibliothek_listing_and_microdata(world: DemoWorld, client: httpx.Client) -> None:
    url, links, pages = world.providers["bibliothek"].url, [], 0
    while url:
        sel = Selector(client.get(url).text)
        pages += 1
        for item in sel.css("li.event-list__item"):
            href = item.css("a.event-list__link::attr(href)").get()
            assert href.endswith("-" + item.attrib["data-event-id"])
            links.append(href)
        nxt = sel.css("a.pager__next::attr(href)").get()
        url = urljoin(url, nxt) if nxt else None
    assert pages == 2 and len(links) == len(set(links)) == 24
    assert [link.rsplit("-", 1)[1] for link in links] == world.offer_keys("bibliothek")
    offsets, naive, ages = 0, 0, set()
    for link in links:
        html = client.get(link).text
        sel = Selector(html)
        script = sel.css('script[type="application/ld+json"]')
        assert len(script) == 1 and sel.xpath(JSONLD).get() is None  # empty block
        with pytest.raises(json.JSONDecodeError):
            json.loads(script.xpath("string(.)").get())
        items = extruct.extract(html, syntaxes=["microdata"], uniform=True)["microdata"]
        (event,) = items
        assert event["@type"] == "Event" and event["name"]
        assert event["url"] == link
        start, end = event["startDate"], event["endDate"]
        assert start <= end and start[:10] >= "2026-11-18"
        offsets += bool(re.search(r"[+-]\d\d:\d\d$", start))
        naive += bool(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", start))
        place = event["location"]
        assert place["@type"] == "Place" and place["address"]["@type"] == "PostalAddress"
        assert place["address"]["postalCode"].startswith("454")
        assert event["offers"]["priceCurrency"] == "EUR"
        ages.add(event["typicalAgeRange"])
    assert offsets and naive and offsets + naive == 24
    assert {"4-7", "1-3", "6-"} <= ages


def test_jugendzentrum_rss_and_atom(world: DemoWorld, client: httpx.Client) -> None:
    info = world.providers["jugendzentrum"]
    rss = client.get(info.url)
    assert rss.headers["content-type"].startswith("application/rss+xml")
    feed = feedparser.parse(rss.content)
    assert not feed.bozo and feed.version == "rss20" and len(feed.entries) == 16
    atom = feedparser.parse(client.get(info.extra_paths[0]).content)
    assert not atom.bozo and atom.version == "atom10" and len(atom.entries) == 8
    keys = []
    for entry in feed.entries + atom.entries:
        match = re.fullmatch(r"https://www\.jugendhaus-speldorf\.example/\?p=(\d+)", entry.id)
        assert match, entry.id
        keys.append(match.group(1))
        text = Selector(entry.get("content", [{}])[0].get("value") or entry.summary)
        prose = text.xpath("string(.)").get()
        assert re.search(r"\d Uhr", prose), prose
        assert re.search(r"Jahre|Jährige|jährigen|Altersgruppen|Jung und Alt|Groß und Klein",
                         prose), prose
        assert re.search(r"Euro|€|kostenlos|kostenfrei|frei|Spende", prose), prose
        assert entry.published_parsed is not None
    assert sorted(keys) == sorted(world.offer_keys("jugendzentrum"))
    assert {t.term for e in atom.entries for t in e.tags} >= {"Ferienprogramm", "Tanz"}
    assert client.get(feed.entries[0].link).status_code == 200


def _locs(client: httpx.Client, url: str) -> list[str]:
    return etree.fromstring(client.get(url).content).xpath("//s:loc/text()", namespaces=SITEMAP_NS)


def test_kunstmuseum_workshops_only_through_the_sitemap(
    world: DemoWorld, client: httpx.Client
) -> None:
    index = world.providers["kunstmuseum"].url
    sitemaps = _locs(client, index)
    assert len(sitemaps) == 2 and all(s.startswith(world.base_url) for s in sitemaps)
    urls = [url for sitemap in sitemaps for url in _locs(client, sitemap)]
    assert len(urls) - len(set(urls)) == 1  # one workshop is listed in both sitemaps
    workshops = sorted({u for u in urls if WORKSHOP.search(u)})
    others = {u for u in urls if not WORKSHOP.search(u)}
    assert len(workshops) == 14 and len(others) >= 10
    keys = []
    for url in workshops:
        blocks = Selector(client.get(url).text).xpath(JSONLD).getall()
        (event,) = (json.loads(b) for b in blocks)
        assert event["@type"] == "Event" and event["identifier"] == WORKSHOP.search(url)[1]
        assert event["offers"]["priceCurrency"] == "EUR" and event["startDate"] < event["endDate"]
        keys.append(event["identifier"])
    assert sorted(keys) == sorted(world.offer_keys("kunstmuseum"))
    trap_events = 0
    for url in others:
        response = client.get(url)
        assert response.status_code == 200, url
        trap_events += bool(Selector(response.text).xpath(JSONLD).get())
    assert trap_events >= 4  # tours and talks carry JSON-LD Events a spider must not take
    start = Selector(client.get("/kunstmuseum/ferienwerkstatt/").text)
    assert not [h for h in start.css("a::attr(href)").getall() if WORKSHOP.search(h)]
