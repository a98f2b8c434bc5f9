"""The demo world's planted cross-listings and near-misses (``demo.duplicates()``), through the
whole road: demo providers → import → export → ``find_duplicates``.

Skipped before anything runs while the demo registry imports none of the planted pairs'
providers (the providers came to the demo world before their sources were registered); from
then on it evaluates every planted pair whose two providers are imported.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import demo
from core.settings import CONFIG_DIR, get_settings
from pipelines.dedupe.evaluate import demo_sources, demo_truth
from pipelines.dedupe.keyed import evaluate_keyed
from schemas.location import Location
from schemas.offer import Offer

DEMO_REGISTRY = CONFIG_DIR / "sources.demo.toml"


def _importable() -> bool:
    """Whether the demo registry imports both providers of any planted pair."""
    planted = getattr(demo, "duplicates", None)
    if planted is None:
        return False
    providers = demo_sources(DEMO_REGISTRY)
    return any(a[0] in providers and b[0] in providers for a, b, _ in planted())


IMPORTABLE = _importable()

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(
        not IMPORTABLE, reason="demo.duplicates() is absent or the demo registry imports none of "
        "its provider pairs yet"
    ),
]


@pytest.fixture
def demo_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The demo world imported into a fresh data folder and published."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    from flows.run import familienpunkt_run

    monkeypatch.setenv("FAMILIENPUNKT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    # published without merging, so that the planted pairs can be scored on every record
    registry = tmp_path / "sources.toml"
    registry.write_text(
        DEMO_REGISTRY.read_text(encoding="utf-8").replace(
            "[publication]\n", "[publication]\ndeduplicate = false\n"
        ),
        encoding="utf-8",
    )
    try:
        with prefect_test_harness(server_startup_timeout=120), demo.DemoWorld() as world:
            monkeypatch.setenv("FAMILIENPUNKT_URL_DEMO", world.base_url)
            familienpunkt_run(registry_path=str(registry))
        yield tmp_path / "data" / "export" / "latest"
    finally:
        get_settings.cache_clear()


def _read(export: Path, name: str) -> list[dict]:
    return json.loads((export / "json" / f"{name}.json").read_text(encoding="utf-8"))["items"]


def test_planted_duplicates_are_found_and_near_misses_kept_apart(demo_export: Path) -> None:
    offers = [Offer.model_validate(o) for o in _read(demo_export, "offers")]
    locations = {loc["id"]: Location.model_validate(loc) for loc in _read(demo_export, "locations")}
    result = evaluate_keyed(offers, locations, demo_truth(offers, DEMO_REGISTRY))
    assert result.found, f"no planted pair in the export; missing e.g. {result.missing[:3]}"
    assert result.clusters.precision >= 0.95, result
    # The planted pairs were written by the demo world's author independently of the dedupe
    # rules, with deliberately heavy rewordings and venues placed ~250 m apart under other house
    # numbers; the 0.90 recall target is met on the labelled set (test_labelled_pairs).
    print(f"demo planted pairs: {result.clusters}")
    assert result.clusters.recall >= 0.75, result
