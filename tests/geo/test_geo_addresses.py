"""Address text as matching keys: the ways one street, number and town are written."""

from __future__ import annotations

import pytest

from pipelines.geo.addresses import (
    base_number,
    house_key,
    postcode_key,
    same_town,
    split_street_address,
    street_key,
    town_key,
)


@pytest.mark.parametrize(
    "written",
    ["Schloßstraße", "Schlossstraße", "Schlossstrasse", "Schloßstr.", "Schloss-Str.",
     "SCHLOSSSTR", "schloss str", " Schloßstraße "],
)
def test_one_street_many_spellings(written):
    assert street_key(written) == "schlossstrasse"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Prinzeß-Luise-Straße", "Prinzess Luise Str."),
        ("Dümptener Straße", "Duemptener Strasse"),
        ("Kaiser-Wilhelm-Straße", "Kaiser Wilhelm Str"),
        ("St.-Georg-Weg", "Sankt-Georg-Weg"),
        ("Synagogenplatz", "Synagogenpl."),
        ("Straße des 17. Juni", "Str. des 17. Juni"),
    ],
)
def test_equal_keys(a, b):
    assert street_key(a) == street_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kölner Straße", "Kölner Platz"), ("Mülheimer Straße", "Mulheimer Straße")],
)
def test_different_streets_stay_apart(a, b):
    assert street_key(a) != street_key(b)


def test_str_inside_a_word_is_no_abbreviation():
    assert street_key("Astrid-Lindgren-Weg") == "astridlindgrenweg"
    assert street_key("Strandweg") == "strandweg"


@pytest.mark.parametrize(
    ("line", "street", "houses"),
    [
        ("Löhberg 29", "Löhberg", ("29",)),
        ("Am Schloß Broich 45a", "Am Schloß Broich", ("45a",)),
        ("Hauptstr. 12 A", "Hauptstr.", ("12a",)),
        ("Lehnerstraße 12–14", "Lehnerstraße", ("12", "14")),
        ("Lehnerstraße 12 - 14a", "Lehnerstraße", ("12", "14a")),
        ("Platz 3/5", "Platz", ("3", "5")),
        ("Musterweg 12a-c", "Musterweg", ("12a", "12c")),
        ("Musterweg Nr. 007", "Musterweg", ("7",)),
        ("Musterweg 12, 2. OG", "Musterweg", ("12",)),
        ("Musterweg 12 (Hinterhaus)", "Musterweg", ("12",)),
        ("Lehnerstraße, 10", "Lehnerstraße", ("10",)),
        ("Mellinghofer Straße206", "Mellinghofer Straße", ("206",)),  # a join without blank
        ("Straße des 17. Juni 12", "Straße des 17. Juni", ("12",)),
        ("Straße des 17. Juni", "Straße des 17. Juni", ()),
        ("Am Schloß Broich", "Am Schloß Broich", ()),
    ],
)
def test_split_street_address(line, street, houses):
    split = split_street_address(line)
    assert (split.street, split.houses) == (street, houses)


def test_house_keys():
    assert house_key("012", " A") == "12a"
    assert house_key("7b") == "7b"
    assert house_key("0") == "0"
    assert house_key("") == house_key("x") == ""
    assert base_number("12a") == "12" and base_number("12") == "12"


@pytest.mark.parametrize(
    ("written", "names"),
    [("Mülheim", True), ("Mülheim an der Ruhr", True), ("Mülheim a.d. Ruhr", True),
     ("Mülheim/Ruhr", True), ("MÜLHEIM A. D. R.", True), ("Mülheim-Kärlich", False),
     ("Oberhausen", False), ("", False)],
)
def test_town_names(written, names):
    assert same_town(town_key(written), town_key("Mülheim an der Ruhr")) is names


def test_postcodes():
    assert postcode_key(" 45468 ") == "45468"
    assert postcode_key("4546") == postcode_key("D-45468") == postcode_key(None) == ""
