"""The new file exports: XCRI-CAP with a BOM, openQ-cat, the childminders' TSV with its
stacked header, and the playgrounds' ``^`` CSV in Windows-1252."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import httpx
import pytest
from lxml import etree
from pyproj import Transformer

from demo import DemoWorld
from demo.content.places import DISTRICTS, QUARTERS

XCRI = {
    "x": "http://xcri.org/profiles/1.2/catalog",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "mlo": "http://purl.org/net/mlo",
}


def test_awo_xcri_cap_catalogue(world: DemoWorld, client: httpx.Client) -> None:
    raw = client.get(world.providers["awo-familienbildung"].url).content
    assert raw.startswith(b"\xef\xbb\xbf<?xml") and b"\r\n" in raw
    with pytest.raises(ET.ParseError):  # read as Windows-1252, the BOM becomes "ï»¿" text
        ET.fromstring(raw.decode("cp1252"))
    catalog = etree.fromstring(raw)
    assert catalog.tag == "{http://xcri.org/profiles/1.2/catalog}catalog"
    courses = catalog.xpath("x:provider/x:course", namespaces=XCRI)
    presentations = catalog.xpath("//x:presentation", namespaces=XCRI)
    assert len(courses) == 7 and len(presentations) == 16
    keys = [p.xpath("string(dc:identifier)", namespaces=XCRI) for p in presentations]
    assert keys == world.offer_keys("awo-familienbildung")
    for p in presentations:
        start = p.xpath("string(mlo:start/@dtf)", namespaces=XCRI)
        end = p.xpath("string(x:end/@dtf)", namespaces=XCRI)
        assert re.fullmatch(r"2027-\d\d-\d\d", start) and start <= end
        assert re.search(
            r"\d\d\.\d\d–\d\d\.\d\d Uhr", p.xpath("string(dcterms:description)", namespaces=XCRI)
        )
        postcode = p.xpath("string(x:venue/x:provider/mlo:location/mlo:postcode)", namespaces=XCRI)
        assert postcode.startswith("454")
        assert p.xpath("string(mlo:cost)", namespaces=XCRI)
    assert ET.fromstring(raw).tag.endswith("catalog")  # bytes with a BOM parse fine


def test_weiterbildung_openqcat_export(world: DemoWorld, client: httpx.Client) -> None:
    root = etree.fromstring(client.get(world.providers["weiterbildung"].url).content)
    assert root.tag == "OPENQCAT" and root.get("version") == "1.1"
    assert root.findtext("HEADER/CATALOG/GENERATION_DATE").startswith("2026-11-15T")
    assert root.findtext("HEADER/SUPPLIER/SUPPLIER_NAME")
    services = root.findall("NEW_CATALOG/SERVICE")
    assert [s.findtext("PRODUCT_ID") for s in services] == world.offer_keys("weiterbildung")
    modules = [len(s.findall(".//MODULE_COURSE")) for s in services]
    assert len(services) == 12 and sum(m > 1 for m in modules) == 3 and min(modules) == 1
    stamp = r"20\d\d-\d\d-\d\dT00:00:00\.000\+0[12]:00"
    for s in services:
        assert re.fullmatch(stamp, s.findtext("SERVICE_DETAILS/SERVICE_DATE/START_DATE"))
        assert re.fullmatch(
            r"20\d\d-\d\d-\d\d\+0[12]:00", s.findtext("SERVICE_DETAILS/ANNOUNCEMENT/END_DATE")
        )
        float(s.findtext("SERVICE_PRICE_DETAILS/SERVICE_PRICE/PRICE_AMOUNT"))
        for location in s.iter("LOCATION"):
            assert location.findtext("ZIP").startswith("454")
            assert location.findtext("COUNTRY") == "deutschland"


def _uncommented(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_tagespflege_tsv_with_stacked_header(world: DemoWorld, client: httpx.Client) -> None:
    info = world.providers["tagespflege"]
    response = client.get(info.url)
    assert response.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.count("\n#") + text.startswith("#") == 2
    rows = list(csv.reader(io.StringIO("\n".join(_uncommented(text))), delimiter="\t"))
    groups, names, *people = rows
    columns, group = [], ""
    for top, below in zip(groups, names, strict=True):
        group = top or group
        columns.append(f"{group} {below}".strip())
    assert "Tagespflegeperson Name" in columns and "Plätze frei" in columns
    assert "Einwilligung Veröffentlichung" in columns and len(people) == 30
    records = [dict(zip(columns, person, strict=True)) for person in people]
    assert [r["Nr."] for r in records] == world.offer_keys("tagespflege")
    consenting = [r["Nr."] for r in records if r["Einwilligung Veröffentlichung"] == "ja"]
    assert consenting == list(info.consent_keys) and len(consenting) == 10
    assert {r["Einwilligung Veröffentlichung"] for r in records} == {"ja", "nein"}
    for r in records:
        assert r["Kontakt E-Mail"].endswith(".example")
        assert re.sub(r"\D", "", r["Kontakt Telefon"]).startswith("0208")
        assert r["Anschrift Stadtteil"] in DISTRICTS or r["Anschrift Stadtteil"] in QUARTERS
        assert 0 <= int(r["Plätze frei"]) <= int(r["Plätze gesamt"]) <= 5


def test_spielplaetze_caret_csv_in_cp1252(world: DemoWorld, client: httpx.Client) -> None:
    raw = client.get(world.providers["spielplaetze"].url).content
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert "„Piratenschiff“" in text and "m²" in text
    comments = [line for line in text.split("\r\n") if line.startswith("#")]
    assert len(comments) == 6  # 2 at the top, 3 section lines, 1 at the end
    rows = list(
        csv.DictReader(io.StringIO("\r\n".join(_uncommented(text)), newline=""), delimiter="^")
    )
    assert [r["Nr."] for r in rows] == world.offer_keys("spielplaetze")
    assert any("." in r["Fläche (m²)"] for r in rows)  # thousands dot
    to_wgs84 = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
    for r in rows:
        east = float(r["Rechtswert (ETRS89/UTM32)"].replace(",", "."))
        north = float(r["Hochwert (ETRS89/UTM32)"].replace(",", "."))
        lon, lat = to_wgs84.transform(east, north)
        assert 51.36 < lat < 51.47 and 6.81 < lon < 6.96, r["Nr."]
