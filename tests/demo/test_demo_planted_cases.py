"""The planted cases: cross-listed duplicates and near-misses (``demo.duplicates()``), the
confidential address, the childminders' consent, the impossible date."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx

from demo import DemoWorld, duplicates
from demo.content.tagespflege import childminders
from demo.planted import cross_listed_groups

PROJECT = Path(__file__).resolve().parents[2]


def _first_day(record: Any) -> date:
    if hasattr(record, "first_day"):
        return record.first_day
    if hasattr(record, "dates"):
        return record.dates[0]
    start = getattr(record, "start", None) or record.day
    return start.date() if isinstance(start, datetime) else start


def _place(record: Any) -> str | None:
    place = getattr(record, "venue", None) or getattr(record, "place", None)
    return getattr(place, "name", None)


def test_ground_truth_names_real_offers_at_different_providers(world: DemoWorld) -> None:
    pairs = duplicates()
    assert pairs == sorted(set(pairs))
    for a, b, same in pairs:
        assert isinstance(same, bool) and a < b and a[0] != b[0]
        for provider, key in (a, b):
            assert key in world.offer_keys(provider), (provider, key)


def test_cross_listings_and_near_misses_in_the_asked_numbers() -> None:
    pairs = duplicates()
    groups = cross_listed_groups()
    assert 25 <= len(groups) <= 40
    sizes = Counter(len({provider for provider, _ in g}) for g in groups)
    assert set(sizes) == {2, 3} and sizes[3] >= 2
    assert all(len(g) == len({p for p, _ in g}) for g in groups)  # one listing per provider
    near = [(a, b) for a, b, same in pairs if not same]
    assert len(near) >= 10
    in_group = {offer: i for i, g in enumerate(groups) for offer in g}
    for a, b in near:  # a near-miss never links two listings of one offer
        assert a not in in_group or in_group[a] != in_group.get(b)
    providers = {p for a, b, _ in pairs for p in (a[0], b[0])}
    assert {"ferienportal", "vhs", "sportverein", "sportservice", "jugendzentrum"} <= providers
    assert {"familienkarte", "sportbund", "kunstmuseum", "bibliothek"} <= providers


def test_same_offers_share_their_day_and_near_misses_differ(world: DemoWorld) -> None:
    def record(offer: tuple[str, str]) -> Any:
        provider = world.provider(offer[0])
        assert provider is not None
        return provider.record(offer[1])

    for a, b, same in duplicates():
        ra, rb = record(a), record(b)
        if same:
            assert _first_day(ra) == _first_day(rb), (a, b)
        else:
            assert (_first_day(ra), _place(ra)) != (_first_day(rb), _place(rb)), (a, b)


def test_ground_truth_is_the_same_in_another_process() -> None:
    code = "import demo; print(repr(demo.duplicates()))"
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == repr(duplicates())


def test_confidential_address_is_flagged_in_its_source(
    world: DemoWorld, client: httpx.Client
) -> None:
    (key,) = world.providers["familienkarte"].confidential_keys
    items = client.get("/familienkarte/api/v1/angebote", params={"limit": 50}).json()["items"]
    (entry,) = [i for i in items if i["id"] == key]
    assert "Frauenhaus" in entry["titel"] and entry["ort"]["vertraulich"] is True
    assert entry["ort"]["strasse"] and entry["ort"]["koordinaten"]  # present: must be dropped
    assert all(not i["ort"]["vertraulich"] for i in items if i["id"] != key)


def test_childminders_are_private_persons_with_recorded_consent(world: DemoWorld) -> None:
    info = world.providers["tagespflege"]
    people = childminders()
    assert info.personal_data and len(info.consent_keys) == 10 and len(people) == 30
    assert [p.key for p in people if p.consent] == list(info.consent_keys)
    assert len({p.district for p in people}) >= 6


def test_the_impossible_date_is_still_there(world: DemoWorld, client: httpx.Client) -> None:
    (key,) = world.providers["ferienportal"].quarantine_keys
    assert "31.06.2027" in client.get(f"/ferienportal/angebot/{key}").text
