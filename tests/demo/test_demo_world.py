"""The world as a whole: lifecycle, metadata, index, robots.txt, offer keys, offer kinds."""

from __future__ import annotations

import re

import httpx
import pytest
from protego import Protego

from demo import DemoWorld, expected_counts, expected_kinds, provider_infos
from schemas.vocab import OfferKind

KEY_PATTERNS = {
    "ferienportal": r"FS-20(26|27)-\d{4}",
    "familienbildung": r"(262|271)-\d{4}",
    "kulturhaus": r"\d{4}",
    "sportverein": r"\d+-\d+-\d+@tsv-ruhrtal\.example",
    "kitas": r"0\d{3}",
    "sportservice": r"(SK|FC)-\d{2}-\d{3}",
    "vhs": r"(262|271)[JFSKG]\d{4}",
    "stillinseln": r"\d{1,2}",
    "beratung": r"B-\d{3}",
    "bibliothek": r"4\d{4}",
    "jugendzentrum": r"2\d{3}",
    "kunstmuseum": r"1\d{3}",
    "schwimmverein": r"4\d{3}",
    "sportbund": r"msb-(ss|ci)-\d{4}",
    "awo-familienbildung": r"AWO-27[FH]-\d{3}",
    "weiterbildung": r"\d{9}",
    "familienkarte": r"FK-\d{4}",
    "theater": r"V2[67]\d{3}",
    "elternschule": r"\d{4}",
    "tagespflege": r"TP-\d{3}",
    "spielplaetze": r"[123]\.\d{2}",
    "broken-flaky": r"SM-27-\d{2}",
    "broken-slow": r"MS-\d{2}",
    "broken-truncated": r"NR-\d{2}",
    "broken-relaunch": r"NH-\d{3}",
    "broken-encoding": r"BV-27\d{2}",
}
BROKEN = {"broken-flaky", "broken-slow", "broken-truncated", "broken-relaunch", "broken-encoding"}


def test_world_binds_loopback_on_a_free_port(world: DemoWorld) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", world.base_url)
    assert world.port > 0
    assert world.url("vhs/api/kurse") == world.base_url + "/vhs/api/kurse"


def test_start_stop_is_clean_and_restartable() -> None:
    other = DemoWorld()
    assert not other.running
    with pytest.raises(RuntimeError):
        _ = other.base_url
    with other:
        first = other.base_url
        assert httpx.get(first + "/robots.txt").status_code == 200
    assert not other.running
    other.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.get(first + "/robots.txt", timeout=1.0)
    other.start()
    try:
        assert httpx.get(other.url("/robots.txt")).status_code == 200
    finally:
        other.stop()


def test_provider_metadata(world: DemoWorld) -> None:
    infos = world.providers
    assert len(infos) >= 15
    assert sum(i.expected_count for i in infos.values()) >= 650
    assert {i.id for i in infos.values()} == set(KEY_PATTERNS)
    for pid, info in infos.items():
        assert info.url == world.base_url + info.entry_path
        assert info.expected_count == expected_counts()[pid]
        assert sum(info.kinds.values()) == info.expected_count
        assert info.name and info.format and info.summary
        served = len(world.offer_keys(pid))
        if pid in BROKEN:
            assert info.defect and info.defect.split(":")[0] == pid.removeprefix("broken-")
            assert served > 0 and info.expected_count in (0, served)
        else:
            assert info.defect is None and served == info.expected_count
        assert set(info.confidential_keys) <= set(world.offer_keys(pid))
        assert set(info.consent_keys) <= set(world.offer_keys(pid))
    assert infos["ferienportal"].bookable and not infos["kitas"].bookable
    assert len(infos["ferienportal"].quarantine_keys) == 1
    assert len(infos["familienkarte"].confidential_keys) == 1
    assert infos["tagespflege"].personal_data and len(infos["tagespflege"].consent_keys) == 10
    assert [pid for pid, i in infos.items() if i.personal_data] == ["tagespflege"]


def test_expected_counts_are_exact() -> None:
    assert expected_counts() == {
        "ferienportal": 90,
        "familienbildung": 50,
        "kulturhaus": 40,
        "sportverein": 30,
        "kitas": 90,
        "sportservice": 40,
        "vhs": 60,
        "stillinseln": 20,
        "beratung": 32,
        "bibliothek": 24,
        "jugendzentrum": 24,
        "kunstmuseum": 14,
        "schwimmverein": 20,
        "sportbund": 26,
        "awo-familienbildung": 16,
        "weiterbildung": 12,
        "familienkarte": 20,
        "theater": 16,
        "elternschule": 14,
        "tagespflege": 30,
        "spielplaetze": 26,
        "broken-flaky": 14,
        "broken-slow": 0,
        "broken-truncated": 0,
        "broken-relaunch": 0,
        "broken-encoding": 0,
    }


def test_every_adapter_format_is_served() -> None:
    formats = {info.format for info in provider_infos().values()}
    assert {
        "html",
        "html+jsonld",
        "html_microdata",
        "rss",
        "sitemap",
        "tec_rest",
        "ics",
        "openactive_rpde",
        "xcri_cap",
        "openqcat",
        "json_api",
        "json_file",
        "csv",
        "tsv",
        "xlsx",
        "geojson",
    } <= formats


def test_every_offer_kind_is_covered() -> None:
    kinds = expected_kinds()
    assert set(kinds) == {k.value for k in OfferKind}
    assert all(n > 0 for n in kinds.values())


def test_offer_keys_are_stable_provider_keys(world: DemoWorld) -> None:
    for pid, pattern in KEY_PATTERNS.items():
        keys = world.offer_keys(pid)
        assert len(keys) == len(set(keys)), pid
        assert all(re.fullmatch(pattern, k) for k in keys), (pid, keys[:3])


def test_index_page_links_every_provider(world: DemoWorld, client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for info in world.providers.values():
        assert f'href="{info.entry_path.replace("&", "&amp;")}"' in page.text
    assert f"<td>{sum(expected_counts().values())}</td>" in page.text


def test_robots_txt_disallows_booking_and_internal_paths(
    world: DemoWorld, client: httpx.Client
) -> None:
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    rules = Protego.parse(robots.text)
    agent = "Familienpunkt/0.1"
    assert not rules.can_fetch(world.url("/ferienportal/buchung/FS-2027-0412"), agent)
    assert not rules.can_fetch(world.url("/ferienportal/intern/"), agent)
    assert not rules.can_fetch(world.url("/_control/state"), agent)
    for info in world.providers.values():
        assert rules.can_fetch(info.url, agent), info.id
        for path in info.extra_paths:
            assert rules.can_fetch(world.url(path), agent), path


def test_unknown_paths_and_prefix_redirect(client: httpx.Client) -> None:
    assert client.get("/nirgendwo/").status_code == 404
    assert client.get("/vhs/gibt-es-nicht").status_code == 404
    redirect = client.get("/ferienportal")
    assert redirect.status_code == 301 and redirect.headers["location"] == "/ferienportal/"


def test_etag_and_head(client: httpx.Client) -> None:
    first = client.get("/kitas/download/kitaverzeichnis-muelheim.csv")
    etag = first.headers["etag"]
    again = client.get(
        "/kitas/download/kitaverzeichnis-muelheim.csv", headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.content == b""
    head = client.head("/kitas/download/kitaverzeichnis-muelheim.csv")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(first.content))


def test_a_world_starts_and_stops_again_and_again() -> None:
    for _ in range(3):
        with DemoWorld() as world:
            assert httpx.get(world.url("/robots.txt"), timeout=30).status_code == 200
