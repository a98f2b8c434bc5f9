"""Every world, every run and every machine serves byte-identical bodies (apart from the
world's own address in the absolute URLs that sitemaps, RPDE and REST APIs must carry)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import httpx

from demo import DemoWorld

PROJECT = Path(__file__).resolve().parents[2]


UNSTEADY = {"broken-flaky", "broken-slow"}  # fail on purpose, or never finish


def _paths(world: DemoWorld) -> list[str]:
    steady = [info for pid, info in world.providers.items() if pid not in UNSTEADY]
    paths = [info.entry_path for info in steady]
    paths += [path for info in steady for path in info.extra_paths]
    paths += [f"/ferienportal/angebote?seite={n}" for n in range(1, 7)]
    paths += [f"/ferienportal/angebot/{k}" for k in world.offer_keys("ferienportal")[::9]]
    paths += [f"/familienbildung/kurs/{k}" for k in world.offer_keys("familienbildung")[::7]]
    paths += [
        "/kulturhaus/programm/2027-06/",
        "/vhs/api/kurse?page=2&per_page=20",
        "/bibliothek/veranstaltungen/?seite=2",
        "/schwimmverein/wp-json/tribe/events/v1/events?page=2&per_page=10&start_date=2026-11-01",
        "/familienkarte/api/v1/angebote?offset=10&limit=10",
        "/elternschule/api/kurse?page=3&per_page=5",
        "/kunstmuseum/sitemap-seiten.xml",
        "/kunstmuseum/sitemap-veranstaltungen.xml",
        "/",
        "/robots.txt",
    ]
    return paths


def _body(client: httpx.Client, world: DemoWorld, path: str) -> bytes:
    response = client.get(world.url(path))
    assert response.status_code == 200, path
    return response.content.replace(world.base_url.encode(), b"{demo}")


def _digest(world: DemoWorld) -> str:
    sha = hashlib.sha256()
    with httpx.Client(follow_redirects=True) as client:
        for path in _paths(world):
            sha.update(path.encode() + b"\0" + _body(client, world, path) + b"\0")
    return sha.hexdigest()


def test_two_worlds_serve_identical_bytes(world: DemoWorld) -> None:
    with DemoWorld() as second:
        assert second.port != world.port
        with httpx.Client(follow_redirects=True) as client:
            for path in _paths(world):
                assert _body(client, world, path) == _body(client, second, path), path


def test_another_process_with_another_hash_seed_serves_identical_bytes(world: DemoWorld) -> None:
    code = (
        "from demo import DemoWorld\n"
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from test_demo_determinism import _digest\n"
        "with DemoWorld() as w: print(_digest(w))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == _digest(world)
