"""Every world, every run and every machine serves byte-identical bodies."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import httpx

from demo import DemoWorld

PROJECT = Path(__file__).resolve().parents[2]


def _paths(world: DemoWorld) -> list[str]:
    paths = [info.entry_path for info in world.providers.values()]
    paths += [f"/ferienportal/angebote?seite={n}" for n in range(1, 7)]
    paths += [f"/ferienportal/angebot/{k}" for k in world.offer_keys("ferienportal")[::9]]
    paths += [f"/familienbildung/kurs/{k}" for k in world.offer_keys("familienbildung")[::7]]
    paths += [
        "/kulturhaus/programm/2027-06/",
        "/vhs/api/kurse?page=2&per_page=20",
        "/",
        "/robots.txt",
    ]
    return paths


def _digest(world: DemoWorld) -> str:
    sha = hashlib.sha256()
    with httpx.Client(base_url=world.base_url, follow_redirects=True) as client:
        for path in _paths(world):
            response = client.get(path)
            assert response.status_code == 200, path
            sha.update(path.encode() + b"\0" + response.content + b"\0")
    return sha.hexdigest()


def test_two_worlds_serve_identical_bytes(world: DemoWorld) -> None:
    with DemoWorld() as second:
        assert second.port != world.port
        with httpx.Client(follow_redirects=True) as client:
            for path in _paths(world):
                assert (
                    client.get(world.url(path)).content == client.get(second.url(path)).content
                ), path


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
