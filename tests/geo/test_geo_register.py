"""The address register (HK-DE layout, configured columns) and geocoding against it."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from pipelines.geo.config import HK_DE_FIELDS, RegisterConfig
from pipelines.geo.geocode import Geocoder
from pipelines.geo.register import AddressRegister, RegisterError
from schemas.vocab import GeoPrecision
from tests.geo.conftest import HK_DE_SAMPLE

MUELHEIM = "Mülheim an der Ruhr"


def load(path: Path, **settings) -> AddressRegister:
    config = RegisterConfig(path=path, **settings)
    return AddressRegister.load(config, path, default_town=MUELHEIM)


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(load(HK_DE_SAMPLE, header=False))


def test_reads_hk_de_without_header(geocoder):
    register = geocoder.register
    assert register.size == 23
    assert register.towns == {"muelheim an der ruhr": MUELHEIM, "oberhausen": "Oberhausen"}


def test_utm_is_transformed_to_wgs84(geocoder):
    # Schloßstraße 1: UTM 32N 352595,785 / 5699654,887 was made from 6.8796, 51.4289
    found = geocoder.geocode("Schloßstraße 1", "45468", MUELHEIM)
    assert found.precision is GeoPrecision.EXACT
    assert (found.lon, found.lat) == pytest.approx((6.8796, 51.4289), abs=1e-7)
    assert found.matched == "Schloßstraße 1, 45468 Mülheim an der Ruhr"
    assert found.notes == ()


@pytest.mark.parametrize(
    ("street", "postcode", "town"),
    [
        ("Schlossstrasse 1", "45468", MUELHEIM),
        ("Schloss-Str. 1", None, "Mülheim"),
        ("SCHLOSSSTR 1", "45468", None),
        ("Schloßstraße 1", None, "Mülheim a.d. Ruhr"),
        ("Schloßstraße 001", "45468", "Mülheim/Ruhr"),
    ],
)
def test_spellings_find_the_house(geocoder, street, postcode, town):
    found = geocoder.geocode(street, postcode, town)
    assert found.precision is GeoPrecision.EXACT
    assert found.matched.startswith("Schloßstraße 1,")


def test_house_number_additions_and_ranges(geocoder):
    assert geocoder.geocode("Leineweberstraße 12a", "45468", None).matched.startswith(
        "Leineweberstraße 12a")
    # 16b is not registered, 16 is: the same plot
    assert geocoder.geocode("Leineweberstraße 16 b", "45468", None).matched.startswith(
        "Leineweberstraße 16,")
    # 5 exists only as 5a and 5b: their mean, still the building plot
    five = geocoder.geocode("Schloßstraße 5", "45468", None)
    assert five.precision is GeoPrecision.EXACT
    assert five.lat == pytest.approx((51.42921 + 51.42931) / 2, abs=1e-7)
    # a range: its first registered number
    assert geocoder.geocode("Leineweberstraße 13–14", "45468", None).matched.startswith(
        "Leineweberstraße 14,")


def test_street_centroid_when_the_house_is_missing(geocoder):
    found = geocoder.geocode("Lehnerstraße 99", "45481", MUELHEIM)
    assert found.precision is GeoPrecision.STREET
    assert (found.lon, found.lat) == pytest.approx((6.8699, 51.4014), abs=1e-6)
    assert len(found.area[0]) == 3
    no_number = geocoder.geocode("Lehnerstraße", "45481", MUELHEIM)
    assert no_number.precision is GeoPrecision.STREET


def test_street_scope_is_the_postcode(geocoder):
    north = geocoder.geocode("Kölner Straße 999", "45470", MUELHEIM)
    south = geocoder.geocode("Kölner Straße 999", "45481", MUELHEIM)
    assert north.lat == pytest.approx(51.41435, abs=1e-6)
    assert south.lat == pytest.approx(51.37865, abs=1e-6)
    # without a postcode: the whole town's Kölner Straße
    town = geocoder.geocode("Kölner Straße 999", None, MUELHEIM)
    assert town.precision is GeoPrecision.STREET and len(town.area[0]) == 4


def test_postcode_centroid_then_nothing(geocoder):
    found = geocoder.geocode("Gibtsnichtweg 3", "45468", MUELHEIM)
    assert found.precision is GeoPrecision.POSTCODE
    assert found.matched == "45468"
    assert len(found.area[0]) == 9
    assert geocoder.geocode("Gibtsnichtweg 3", "47051", "Duisburg") is None
    assert geocoder.geocode(None, None, MUELHEIM) is None
    assert geocoder.geocode("Mülheimer Straße 10", None, "Mülheim-Kärlich") is None


def test_wrong_postcode_is_found_in_the_town_and_noted(geocoder):
    found = geocoder.geocode("Aktienstraße 45", "45468", MUELHEIM)  # registered under 45473
    assert found.precision is GeoPrecision.EXACT
    assert found.notes == ("postal_code_mismatch",)


def test_towns_are_kept_apart(geocoder):
    oberhausen = geocoder.geocode("Duisburger Straße 10", None, "Oberhausen")
    assert oberhausen.precision is GeoPrecision.EXACT and "Oberhausen" in oberhausen.matched
    # Mülheim's register rows have no Duisburger Straße: nothing in Mülheim, no guess
    assert geocoder.geocode("Duisburger Straße 10", None, MUELHEIM) is None


def test_header_latin1_comments_and_row_filter(tmp_path):
    text = HK_DE_SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "hk.csv"
    path.write_text("# Auszug, Stand 2026\n" + ";".join(HK_DE_FIELDS) + "\n" + text,
                    encoding="latin-1")
    register = load(path, encoding="latin-1", comment_prefix="#",
                    keep_rows_where={"KRS": "17", "GMD": "000"})
    assert register.size == 21
    assert set(register.towns.values()) == {MUELHEIM}
    assert Geocoder(register).geocode("Prinzeß-Luise-Straße 60", "45479", None) is not None


def test_other_columns_and_wgs84(tmp_path):
    path = tmp_path / "adressen.csv"
    path.write_text("strasse,hnr,plz,lat,lon\n"
                    "Löhberg,29,45468,51.4306,6.8772\n"
                    "Löhberg,31,45468,51.4308,6.8776\n"
                    "Löhberg,,45468,51.5,6.9\n"  # no number: not a house
                    "Löhberg,33,45468,,\n", encoding="utf-8")  # no coordinates
    register = load(path, delimiter=",", crs="EPSG:4326", columns={
        "street": "strasse", "house_number": "hnr", "house_number_addition": None,
        "postal_code": "plz", "locality": None, "east": "lon", "north": "lat"})
    assert register.size == 2
    found = Geocoder(register).geocode("Löhberg 29", None, "Mülheim")
    assert (found.lon, found.lat) == (6.8772, 51.4306)


def test_missing_column_names_file_and_field(tmp_path):
    path = tmp_path / "hk.csv"
    path.write_text("STRASSE;HNR;PLZ\n", encoding="utf-8")
    with pytest.raises(RegisterError) as error:
        load(path)
    message = str(error.value)
    assert str(path) in message and "register.columns.street" in message and "'STN'" in message


def test_loads_100k_rows_quickly(tmp_path):
    """A register of 100,000 houses (a city of ~250,000 people) loads in well under a
    second; half a million took about 2.5 s on the 2-core test machine."""
    rng = np.random.default_rng(7)
    n = 100_000
    streets = np.arange(n) // 80
    numbers = np.arange(n) % 80 + 1
    east = 345_000 + rng.random(n) * 14_000
    north = 5_692_000 + rng.random(n) * 12_000
    lines = [";".join(HK_DE_FIELDS)]
    lines += [f";X;A;05;1;17;000;;{s:05d};{h};;{e:.3f};{no:.3f};Straße {s};{45468 + s % 12};"
              f"Mülheim an der Ruhr;;" for s, h, e, no in zip(streets, numbers, east, north,
                                                              strict=True)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    register = load(path)
    elapsed = time.perf_counter() - started
    assert register.size == n
    assert elapsed < 3.0, f"loading {n} rows took {elapsed:.2f} s"
    found = Geocoder(register).geocode("Straße 1249 80", "45469", None)
    assert found.precision is GeoPrecision.EXACT
