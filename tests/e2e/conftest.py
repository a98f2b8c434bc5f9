"""End-to-end fixtures: one Prefect test server per session, a demo world, isolated data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomlkit

from core.settings import CONFIG_DIR, get_settings


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """Prefect's test harness costs seconds: start it once for every end-to-end test."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh warehouse, raw and export folder for one test."""
    monkeypatch.setenv("FAMILIENPUNKT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def demo_world():
    """The demo providers; the registry's ``{demo}`` URLs point at them while they run."""
    from demo import DemoWorld

    with DemoWorld(timeout_fault_s=20.0) as world:
        os.environ["FAMILIENPUNKT_URL_DEMO"] = world.base_url
        try:
            yield world
        finally:
            os.environ.pop("FAMILIENPUNKT_URL_DEMO", None)


@pytest.fixture
def registry_copy(tmp_path: Path):
    """Write a copy of the demo registry with some sources' fields changed."""

    def write(**changes: dict) -> Path:
        document = tomlkit.parse((CONFIG_DIR / "sources.demo.toml").read_text(encoding="utf-8"))
        for source_id, fields in changes.items():
            for name, value in fields.items():
                document["sources"][source_id][name] = value
        path = tmp_path / "sources.toml"
        path.write_text(tomlkit.dumps(document), encoding="utf-8")
        return path

    return write
