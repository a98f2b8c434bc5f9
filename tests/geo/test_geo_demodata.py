"""The demo's synthetic geodata: committed files are a fresh generation, labelled as
approximate, consistent with the Mülheim facts, and they locate the demo world's addresses."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pytest
import shapely
from shapely.geometry import shape

from demo import geodata
from demo.content.places import DISTRICTS, venue
from demo.providers.base import DemoProvider
from pipelines.geo.config import HK_DE_FIELDS


@pytest.fixture(scope="module")
def fresh() -> dict[str, bytes]:
    return geodata.generate()


def features(content: bytes) -> list[dict]:
    return json.loads(content)["features"]


def test_committed_files_equal_a_fresh_generation(fresh):
    stale = [name for name, content in fresh.items()
             if not (geodata.GEO_DIR / name).is_file()
             or (geodata.GEO_DIR / name).read_bytes() != content]
    assert stale == [], f"regenerate with: python -m demo.geodata (stale: {stale})"
    assert geodata.generate() == fresh  # deterministic


def test_files_say_they_are_approximate_and_synthetic(fresh):
    for name in (geodata.STADTTEILE_FILE, geodata.STADTBEZIRKE_FILE, geodata.OUTLINE_FILE):
        document = json.loads(fresh[name])
        assert "SYNTHETIC" in document["note"] and "demo only" in document["note"]
        for feature in document["features"]:
            props = feature["properties"]
            assert props["approximate"] is props["synthetic"] is props["demo_only"] is True
    first_line = fresh[geodata.REGISTER_FILE].decode().splitlines()[0]
    assert first_line.startswith("# SYNTHETIC demo address register")


def test_districts_and_official_bezirk_codes(fresh):
    teile = {f["properties"]["name"]: f for f in features(fresh[geodata.STADTTEILE_FILE])}
    assert set(teile) == set(DISTRICTS)
    assert all(not f["properties"]["official_code"] for f in teile.values())
    bezirke = [(f["properties"]["code"], f["properties"]["name"], f["properties"]["official_code"])
               for f in features(fresh[geodata.STADTBEZIRKE_FILE])]
    assert bezirke == [("1", "Rechtsruhr-Süd", True), ("2", "Rechtsruhr-Nord", True),
                       ("3", "Linksruhr", True)]


def test_levels_do_not_nest_where_the_facts_say(fresh):
    teile = {f["properties"]["name"]: shape(f["geometry"])
             for f in features(fresh[geodata.STADTTEILE_FILE])}
    bezirke = {f["properties"]["name"]: shape(f["geometry"])
               for f in features(fresh[geodata.STADTBEZIRKE_FILE])}
    city = shape(features(fresh[geodata.OUTLINE_FILE])[0]["geometry"])
    for name, teil in teile.items():
        shares = {b: teil.intersection(g).area / teil.area for b, g in bezirke.items()}
        split = sorted((s for s in shares.values() if s > 0.001), reverse=True)
        if name in ("Heißen", "Altstadt II"):
            assert len(split) == 2 and shares["Rechtsruhr-Nord"] > 0.03, (name, shares)
        else:
            assert split[0] > 0.999, (name, shares)
    for name in ("Broich", "Speldorf", "Saarn"):
        assert teile[name].intersection(bezirke["Linksruhr"]).area / teile[name].area > 0.999
    tiles = list(teile.values())
    # the Stadtteile tile the outline: no holes, edges within a grid step (1e-6°, ~10 cm)
    union = shapely.union_all(tiles)
    assert union.geom_type == "Polygon" and not union.interiors
    assert shapely.hausdorff_distance(union, city) < 1e-6
    overlaps = sum(a.intersection(b).area for i, a in enumerate(tiles) for b in tiles[i + 1:])
    assert overlaps < 1e-6 * city.area


def test_register_is_hk_de_in_utm(fresh):
    text = fresh[geodata.REGISTER_FILE].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.split("\n", 1)[1]), delimiter=";"))
    assert tuple(rows[0]) == HK_DE_FIELDS
    body = [r for r in rows[1:] if r]
    assert all(len(r) == 18 for r in body)
    east = [float(r[11].replace(",", ".")) for r in body]
    north = [float(r[12].replace(",", ".")) for r in body]
    assert min(east) > 340_000 and max(east) < 362_000  # UTM zone 32, Mülheim
    assert min(north) > 5_690_000 and max(north) < 5_705_000
    assert {r[15] for r in body} == {"Mülheim an der Ruhr"}


def test_every_demo_venue_lies_in_its_own_stadtteil(demo_locator):
    """Sources that publish coordinates publish each venue's own point; the approximate
    polygons agree with the demo world's Stadtteil of every one of them."""
    teile = demo_locator.districts.layers["stadtteil"]
    wrong = [(a.street, point, a.district) for a in geodata.demo_addresses()
             for point in ((a.lon, a.lat), *a.points)
             if getattr(teile.at(*point), "name", None) != a.district]
    assert wrong == []


def test_some_addresses_are_left_out_on_purpose():
    addresses = geodata.demo_addresses()
    left_out = [a for a in addresses if geodata.omitted(a)]
    assert 2 <= len(left_out) <= 0.08 * len(addresses)
    assert any(a.street_name in geodata.OMITTED_STREETS for a in left_out)


def test_demo_world_coverage(demo_locator, capsys):
    """≥ 95 % of the addresses the demo serves are found by house or street and lie in a
    Stadtteil and a Stadtbezirk; the figure is printed."""
    result = geodata.coverage(demo_locator)
    with capsys.disabled():
        print("\n" + "\n".join(result.lines()))
    assert result.addresses >= 100
    assert result.addresses_exact_or_street / result.addresses >= 0.95
    assert result.offers_located / result.offers >= 0.95
    assert result.precision.get("street", 0) >= 1 and result.precision.get("postcode", 0) >= 1


@dataclass(frozen=True)
class _Module:
    place: object


@dataclass(frozen=True)
class _Course:
    """A record whose place sits in a nested part, as in course catalogues."""

    key: str
    kind: str
    modules: tuple[_Module, ...]


@dataclass(frozen=True)
class _Stand:
    """A record without any place: every offer is at the provider's one house."""

    key: str
    kind: str


HALLE = venue("Stadthalle (Test)", "Altstadt I", "Theodor-Heuss-Platz", "1")
"""The one top-level venue of this module: the house of ``_Flohmarkt``."""


class _Flohmarkt(DemoProvider):
    """A provider another engineer might add tomorrow."""

    id = "flohmarkt"
    name = "Kinderflohmarkt"
    format = "html"
    entry_path = "/flohmarkt/"
    summary = "test"

    def records(self):
        nested = _Course("k1", "course", (_Module(venue("Kurs", "Dümpten", "Haferacker", "999")),))
        return [nested, _Stand("s1", "leisure"), _Stand("s2", "leisure")]

    def handle(self, request, view):  # pragma: no cover - never served here
        raise NotImplementedError


def test_generator_picks_up_new_providers(monkeypatch):
    from demo import registry

    monkeypatch.setattr(registry, "PROVIDER_CLASSES", (*registry.PROVIDER_CLASSES, _Flohmarkt))
    found = {a.street: (a.postcode, a.district, a.offers) for a in geodata.demo_addresses()
             if a.street in ("Haferacker 999", "Theodor-Heuss-Platz 1")}
    assert found == {"Haferacker 999": ("45475", "Dümpten", 1),
                     "Theodor-Heuss-Platz 1": ("45468", "Altstadt I", 2)}
