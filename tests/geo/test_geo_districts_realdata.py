"""District lookup on the real Köln Stadtteile and Duisburg Stadtbezirke boundary files.

The points are landmarks whose district is known (checked by hand against a map), each at
least ~300 m from the nearest boundary:

| point                         | lon, lat          | expected                       |
|-------------------------------|-------------------|--------------------------------|
| Kölner Dom                    | 6.95812, 50.94133 | Köln 103 Altstadt-Nord         |
| S-Bahnhof Köln-Mülheim        | 7.00660, 50.95870 | Köln 901 Mülheim               |
| Wiener Platz, Köln-Mülheim    | 7.00470, 50.96270 | Köln 901 Mülheim               |
| Lanxess Arena (neighbour)     | 6.98300, 50.93840 | Köln 105 Deutz                 |
| Buchforst (neighbour of 901)  | 7.00500, 50.95150 | Köln 902 Buchforst             |
| Duisburg Hauptbahnhof         | 6.77570, 51.42970 | Duisburg 500 Mitte             |
| Duisburg Rathaus              | 6.76170, 51.43550 | Duisburg 500 Mitte             |
| Duisburg-Huckingen            | 6.74900, 51.36400 | Duisburg 700 Süd               |
| Rathaus Mülheim an der Ruhr   | 6.88380, 51.42750 | in no polygon of either file   |
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.geo.config import GeoConfigError, load_config
from pipelines.geo.districts import DistrictIndex
from pipelines.geo.locate import Locator
from schemas.vocab import GeoPrecision
from tests.geo.conftest import DUISBURG, KOELN, place

pytestmark = pytest.mark.realdata

MUELHEIM_RATHAUS = (6.8838, 51.4275)


@pytest.fixture
def koeln_duisburg(realdata: Path, write_config) -> Path:
    """Köln Stadtteile as one level, the Duisburg Bezirke (named by file name) as the other:
    two unrelated layers, so any nesting would have to be invented."""
    return write_config(f"""
[city]
name = "Testort"

[[boundaries]]
level = "stadtteil"
path = "{realdata / KOELN}"
code_property = "ref"
name_property = "name"
licence = "odbl"

[[boundaries]]
level = "stadtbezirk"
path = "{realdata / DUISBURG}/*.json"
file_name_pattern = '^(?P<code>\\d+)_(?P<name>.+)$'
licence = "odbl"
names = {{ "700" = "Duisburg-Süd" }}
""")


@pytest.fixture
def index(koeln_duisburg: Path) -> DistrictIndex:
    return DistrictIndex.from_config(load_config(koeln_duisburg))


def test_layers_read_from_geometry_collections_and_file_names(index):
    koeln = index.layers["stadtteil"]
    duisburg = index.layers["stadtbezirk"]
    assert len(koeln.districts) == 86
    assert koeln.by_code["901"].name == "Mülheim"
    assert [(d.code, d.name) for d in duisburg.districts] == [
        ("500", "Duisburg-Mitte"),  # from the file name
        ("700", "Duisburg-Süd"),  # from `names`: the file name says "duisburg-sued"
    ]


@pytest.mark.parametrize(
    ("lon", "lat", "code", "name"),
    [
        (6.95812, 50.94133, "103", "Altstadt-Nord"),
        (7.00660, 50.95870, "901", "Mülheim"),
        (7.00470, 50.96270, "901", "Mülheim"),
        (6.98300, 50.93840, "105", "Deutz"),
        (7.00500, 50.95150, "902", "Buchforst"),
    ],
)
def test_koeln_points(index, lon, lat, code, name):
    found = index.layers["stadtteil"].at(lon, lat)
    assert (found.code, found.name) == (code, name)
    assert index.layers["stadtbezirk"].at(lon, lat) is None


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [(6.7757, 51.4297, "500"), (6.7617, 51.4355, "500"), (6.7490, 51.3640, "700")],
)
def test_duisburg_points(index, lon, lat, code):
    assert index.layers["stadtbezirk"].at(lon, lat).code == code
    assert index.layers["stadtteil"].at(lon, lat) is None


def test_point_outside_every_polygon(index):
    assert index.layers["stadtteil"].at(*MUELHEIM_RATHAUS) is None
    assert index.layers["stadtbezirk"].at(*MUELHEIM_RATHAUS) is None


def test_levels_are_looked_up_independently(koeln_duisburg):
    locator = Locator.from_config(load_config(koeln_duisburg))
    in_koeln, flags = locator.locate(place(latitude=50.9587, longitude=7.0066,
                                           geo_precision=GeoPrecision.SOURCE))
    assert (in_koeln.stadtteil_code, in_koeln.stadtteil_name) == ("901", "Mülheim")
    assert in_koeln.stadtbezirk_code is None  # never derived from the Stadtteil
    assert flags == ["district_not_found"]
    in_duisburg, _ = locator.locate(place(latitude=51.4297, longitude=6.7757,
                                          geo_precision=GeoPrecision.SOURCE))
    assert (in_duisburg.stadtteil_code, in_duisburg.stadtbezirk_code) == (None, "500")


def test_geometry_wins_over_provider_text(koeln_duisburg):
    locator = Locator.from_config(load_config(koeln_duisburg))
    located, flags = locator.locate(place(latitude=50.9627, longitude=7.0047,
                                          geo_precision=GeoPrecision.SOURCE,
                                          stadtteil_name="Buchforst"))
    assert (located.stadtteil_code, located.stadtteil_name) == ("901", "Mülheim")
    assert "district_mismatch" in flags
    agreeing, flags = locator.locate(place(latitude=50.9627, longitude=7.0047,
                                           geo_precision=GeoPrecision.SOURCE,
                                           stadtteil_name="Köln-Mülheim"))
    assert agreeing.stadtteil_code == "901" and "district_mismatch" not in flags


def test_swapped_coordinates_outside_the_boundaries(koeln_duisburg):
    """Without outline or box the city area is the union of the boundaries."""
    locator = Locator.from_config(load_config(koeln_duisburg))
    located, flags = locator.locate(place(latitude=7.0066, longitude=50.9587,
                                          geo_precision=GeoPrecision.SOURCE))
    # (no Duisburg Bezirk contains a Köln point: that level is reported as not found)
    assert flags == ["coordinates_outside_city", "coordinates_swapped", "district_not_found"]
    assert (located.latitude, located.longitude) == (50.9587, 7.0066)
    assert located.stadtteil_code == "901"


def test_file_name_that_does_not_match(realdata, write_config):
    path = write_config(f"""
[city]
name = "Duisburg"
[[boundaries]]
level = "stadtbezirk"
path = "{realdata / DUISBURG}/*.json"
file_name_pattern = '^bezirk_(?P<code>\\d+)$'
licence = "odbl"
names = {{ "500" = "Mitte" }}
""")
    with pytest.raises(GeoConfigError, match="500_duisburg-mitte.*does not match"):
        DistrictIndex.from_config(load_config(path))
