"""Fixtures of the geo tests: a realistic HK-DE sample, configuration files, the demo locator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core.settings import CONFIG_DIR
from pipelines.geo.config import load_config
from pipelines.geo.locate import Locator
from schemas.ids import location_id
from schemas.location import Location

FIXTURES = Path(__file__).parent / "fixtures"
HK_DE_SAMPLE = FIXTURES / "hk_de_no_header.csv"
"""23 rows in the HK-DE layout as the ZSHH delivers it (no header line, decimal comma, UTM
zone 32): real Mülheim and Oberhausen street names, invented numbers and positions."""

KOELN = "geojson-koeln-stadtteile/stadtteile_10.json"
DUISBURG = "geojson-duisburg-stadtbezirke"


@pytest.fixture(scope="session")
def demo_locator() -> Locator:
    """The locator of the committed config/geo.toml (the demo's synthetic geodata)."""
    return Locator.from_config(load_config(CONFIG_DIR / "geo.toml"))


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[[str], Path]:
    """``write_config(toml_text)``: a geo.toml in a temporary folder, its path."""

    def write(text: str, name: str = "geo.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def place(street: str | None = None, postcode: str | None = None,
          town: str | None = "Mülheim an der Ruhr", **fields) -> Location:
    """A Location as the normaliser builds it today (no districts, maybe source coordinates)."""
    key = f"{street}|{postcode}|{town}|{sorted(fields.items())}"
    return Location(id=location_id("geo-test", key), source_id="geo-test", street_address=street,
                    postal_code=postcode, locality=town, **fields)
