"""``config/geo.toml``: the committed file, and errors that name the file and the field."""

from __future__ import annotations

import pytest

from core.settings import CONFIG_DIR
from pipelines.geo.config import HK_DE_FIELDS, GeoConfigError, load_config
from pipelines.geo.locate import Locator
from tests.geo.conftest import HK_DE_SAMPLE


def test_committed_config_points_at_the_labelled_demo_files():
    config = load_config(CONFIG_DIR / "geo.toml")
    register = config.address_register
    assert register.synthetic and "SYNTHETIC" in register.note
    assert config.resolve(register.path) == CONFIG_DIR / "geo" / "demo_hauskoordinaten.csv"
    assert register.crs == "EPSG:25832"
    assert register.columns.east == HK_DE_FIELDS[11] and register.columns.street == "STN"
    assert [(b.level, b.path) for b in config.boundaries] == [
        ("stadtteil", "geo/demo_stadtteile.geojson"),
        ("stadtbezirk", "geo/demo_stadtbezirke.geojson"),
    ]
    assert all("synthetic" in b.note for b in config.boundaries)
    assert config.district_names["Eppinghofen"] == "Altstadt II"


def minimal(register: str = "", boundaries: str = "", extra: str = "") -> str:
    return f'[city]\nname = "Mülheim an der Ruhr"\n{extra}\n{register}\n{boundaries}\n'


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (minimal(extra="unknown = 1"), "city.unknown", "Extra inputs are not permitted"),
        (minimal(extra="bbox = [7.0, 51.3, 6.8, 51.5]"), "city.bbox", "west < east"),
        (minimal(register='[register]\npath = "x.csv"\ncrs = "EPSG:99999"'), "register.crs",
         "unknown coordinate reference system"),
        (minimal(register='[register]\npath = "x.csv"\nencoding = "klingon"'),
         "register.encoding", "unknown encoding"),
        (minimal(register='[register]\npath = "x.csv"\n[register.columns]\nstrasse = "STN"'),
         "register.columns.strasse", "Extra inputs"),
        (minimal(boundaries='[[boundaries]]\nlevel = "ortsteil"\npath = "a.json"\n'
                            'code_property = "c"\nname_property = "n"\nlicence = "odbl"'),
         "boundaries.0.level", "'stadtteil' or 'stadtbezirk'"),
        (minimal(boundaries='[[boundaries]]\nlevel = "stadtteil"\npath = "a.json"\n'
                            'name_property = "n"\nlicence = "odbl"'),
         "boundaries.0", "where the district code is"),
        (minimal(boundaries='[[boundaries]]\nlevel = "stadtteil"\npath = "a.json"\n'
                            'code_property = "c"\nname_property = "n"\nlicence = "frei"'),
         "boundaries.0.licence", "unknown licence"),
        (minimal(boundaries='[[boundaries]]\nlevel = "stadtteil"\npath = "a.json"\n'
                            'file_name_pattern = "^(\\\\d+)$"\nname_property = "n"\n'
                            'licence = "odbl"'),
         "boundaries.0.file_name_pattern", "group named 'code'"),
    ],
)
def test_invalid_fields_are_named(write_config, text, field, words):
    path = write_config(text)
    with pytest.raises(GeoConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert message.startswith(f"{path}: field {field!r}"), message
    assert words in message


def test_missing_files_are_named(write_config, tmp_path):
    path = write_config(minimal(register='[register]\npath = "fehlt.csv"'))
    with pytest.raises(GeoConfigError, match=r"field 'register.path': file .*fehlt.csv not found"):
        load_config(path)
    path = write_config(minimal(boundaries='[[boundaries]]\nlevel = "stadtteil"\npath = '
                                           '"teile/*.json"\ncode_property = "c"\nname_property'
                                           ' = "n"\nlicence = "odbl"'))
    with pytest.raises(GeoConfigError, match=r"field 'boundaries.0.path': no file matches"):
        load_config(path)
    with pytest.raises(GeoConfigError, match="not found"):
        load_config(tmp_path / "nowhere.toml")
    broken = write_config("[city\n", name="broken.toml")
    with pytest.raises(GeoConfigError, match="broken.toml: not valid TOML"):
        load_config(broken)


def test_alias_to_an_unknown_district(write_config):
    teile = CONFIG_DIR / "geo" / "demo_stadtteile.geojson"
    path = write_config(minimal(
        boundaries=f'[[boundaries]]\nlevel = "stadtteil"\npath = "{teile}"\n'
                   f'code_property = "code"\nname_property = "name"\nlicence = "cc-zero"\n'
                   f'[district_names]\nEppinghofen = "Altstadt III"'))
    with pytest.raises(GeoConfigError) as error:
        Locator.from_config(load_config(path))
    assert str(error.value) == (f"{path}: field 'district_names.Eppinghofen': 'Altstadt III' is "
                                f"not the name of a configured district")


def test_wrong_register_column_is_named_on_load(write_config):
    path = write_config(minimal(
        register=f'[register]\npath = "{HK_DE_SAMPLE}"\nheader = false\n'
                 f'[register.columns]\nstreet = "STRASSE"'))
    with pytest.raises(GeoConfigError, match=r"'STRASSE' \(register.columns.street\) is not in"):
        Locator.from_config(load_config(path))


def test_boundary_file_in_utm_is_reprojected(write_config, tmp_path):
    """A boundary file in EPSG:25832 (as cities publish them) declared in the file."""
    polygon = [[[350000, 5698000], [356000, 5698000], [356000, 5703000], [350000, 5703000],
                [350000, 5698000]]]
    (tmp_path / "bezirk.geojson").write_text(
        '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":'
        '"urn:ogc:def:crs:EPSG::25832"}},"features":[{"type":"Feature","properties":'
        '{"nr":1,"bez":"Mitte"},"geometry":{"type":"Polygon","coordinates":'
        f'{polygon}}}}}]}}', encoding="utf-8")
    path = write_config(minimal(boundaries='[[boundaries]]\nlevel = "stadtbezirk"\n'
                                           'path = "bezirk.geojson"\ncode_property = "nr"\n'
                                           'name_property = "bez"\nlicence = "dl-zero-de/2.0"'))
    locator = Locator.from_config(load_config(path))
    district = locator.districts.layers["stadtbezirk"].at(6.88, 51.43)
    assert (district.code, district.name) == ("1", "Mitte")
    assert locator.districts.layers["stadtbezirk"].at(6.70, 51.43) is None


def test_boundary_file_in_utm_without_crs_is_an_error(write_config, tmp_path):
    (tmp_path / "b.geojson").write_text(
        '{"type":"Feature","properties":{"c":"1","n":"X"},"geometry":{"type":"Polygon",'
        '"coordinates":[[[350000,5698000],[356000,5698000],[356000,5703000],[350000,5698000]]]}}',
        encoding="utf-8")
    path = write_config(minimal(boundaries='[[boundaries]]\nlevel = "stadtteil"\n'
                                           'path = "b.geojson"\ncode_property = "c"\n'
                                           'name_property = "n"\nlicence = "odbl"'))
    with pytest.raises(GeoConfigError, match=r"b.geojson \(boundaries.0\): coordinates are not "
                                             r"longitude/latitude.*set 'crs'"):
        Locator.from_config(load_config(path))


def test_register_in_the_wrong_zone_is_reported(write_config, caplog):
    """HK-DE of eastern states is in UTM zone 33; read as zone 32 it lands far from the city."""
    path = write_config(minimal(
        extra="bbox = [6.80, 51.34, 6.99, 51.48]",
        register=f'[register]\npath = "{HK_DE_SAMPLE}"\nheader = false\ncrs = "EPSG:25833"'))
    with caplog.at_level("WARNING", logger="pipelines.geo"):
        Locator.from_config(load_config(path))
    assert "only 0 % of the register's houses lie in the city area" in caplog.text
    caplog.clear()
    right = write_config(minimal(
        extra="bbox = [6.80, 51.34, 6.99, 51.48]",
        register=f'[register]\npath = "{HK_DE_SAMPLE}"\nheader = false'), name="right.toml")
    with caplog.at_level("WARNING", logger="pipelines.geo"):
        Locator.from_config(load_config(right))
    assert caplog.text == ""


def test_district_code_too_long_for_the_location(write_config, tmp_path):
    (tmp_path / "t.geojson").write_text(
        '{"type":"Feature","properties":{"c":"DEBKGVG2000000G1Y5","n":"X","long":'
        '"DENW-05117000-STADTTEIL-0001"},"geometry":{"type":"Polygon","coordinates":'
        '[[[6.8,51.4],[6.9,51.4],[6.9,51.5],[6.8,51.4]]]}}', encoding="utf-8")
    path = write_config(minimal(boundaries='[[boundaries]]\nlevel = "stadtteil"\npath = '
                                           '"t.geojson"\ncode_property = "long"\nname_property'
                                           ' = "n"\nlicence = "odbl"'))
    with pytest.raises(GeoConfigError, match="too long for the location fields"):
        Locator.from_config(load_config(path))
