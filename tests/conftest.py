"""Shared fixtures: the real third-party files, a frozen clock, isolated data folders."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.clock import set_clock
from core.settings import PROJECT_ROOT

BERLIN = ZoneInfo("Europe/Berlin")
FROZEN_NOW = datetime(2026, 11, 21, 9, 30, tzinfo=BERLIN)
"""The clock every test runs at: set once for the session (child processes inherit it), so the
suite gives the same answers on any day of the year."""


def pytest_configure(config: pytest.Config) -> None:
    set_clock(FROZEN_NOW)

REALDATA = Path(
    os.environ.get("FAMILIENPUNKT_REALDATA", PROJECT_ROOT.parent / "shared" / "realdata")
)


@pytest.fixture(scope="session")
def realdata() -> Path:
    """Folder of real provider files (../shared/realdata); tests skip when it is absent."""
    if not REALDATA.is_dir():
        pytest.skip(f"real data folder {REALDATA} is absent (set FAMILIENPUNKT_REALDATA)")
    return REALDATA


@pytest.fixture
def frozen_now() -> datetime:
    return FROZEN_NOW


@pytest.fixture
def fixtures_dir() -> Path:
    return Path(__file__).parent / "fixtures"
