"""The world as a whole: lifecycle, metadata, index, robots.txt, offer keys, offer kinds."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from protego import Protego

from demo import DemoWorld, expected_counts, expected_kinds
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
}


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
    assert len(infos) >= 9
    assert sum(i.expected_count for i in infos.values()) >= 350
    assert {i.id for i in infos.values()} == set(KEY_PATTERNS)
    for pid, info in infos.items():
        assert info.url == world.base_url + info.entry_path
        assert info.expected_count == expected_counts()[pid] == len(world.offer_keys(pid))
        assert sum(info.kinds.values()) == info.expected_count
        assert info.name and info.format and info.summary
    assert infos["ferienportal"].bookable and not infos["kitas"].bookable
    assert len(infos["ferienportal"].quarantine_keys) == 1


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
    }


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


def test_construction_is_cheap() -> None:
    started = time.monotonic()
    with DemoWorld():
        pass
    assert time.monotonic() - started < 2.0
