"""``inspect`` on every real third-party file: detected adapter, record count, spot values.

Counts checked against the files (see ../shared/realdata/PROVENANCE.md): 2,552 Berlin Kitas,
5,507 NRW schools, 86 Köln Stadtteile, 64 VEVENTs of which 6 are overrides (58 UIDs), 9 Event
blocks on the Land Bank page, 4 XCRI presentations, 107 data rows of the Hamburg sheet.
"""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest

from familienpunkt import inspect as insp

pytestmark = pytest.mark.realdata

EXPECTED = {
    # file: (adapter, records, reader problems)
    "csv-berlin-kitas/kitas.csv": ("csv", 2552, 0),
    "csv-bundeswahlleiter-strukturdaten-cp1252/btw17_strukturdaten.csv": ("csv", 254, 65),
    "csv-nrw-schulverzeichnis/schuldaten.csv": ("csv", 5507, 0),
    "geojson-duisburg-stadtbezirke/500_duisburg-mitte.json": ("geojson", 1, 0),
    "geojson-duisburg-stadtbezirke/700_duisburg-sued.json": ("geojson", 1, 0),
    "geojson-koeln-stadtteile/stadtteile_10.json": ("geojson", 86, 0),
    "html-jsonld-adfc-leipzig-de/adfc1.html": ("structured", 1, 0),
    "html-jsonld-cook-landbank-listing/cook_landbank.html": ("structured", 9, 0),
    "html-microdata-chamber-event/chi_ssa_19_detail.html": ("structured", 1, 0),
    "ical-germany-holidays-calendarlabs/Germany_Holidays.ics": ("ical", 34, 0),
    "ical-machbar-potsdam/machbar_16_feb_2019.ics": ("ical", 58, 0),
    "ical-podio-export-berlin/issue_350.ics": ("ical", 1, 0),
    "ical-schulferien-bremen/ferien_bremen_2017.ics": ("ical", 5, 0),
    "rpde-openactive-items/course-with-schedule.json": ("rpde", 1, 0),
    "rpde-openactive-items/facilityuse.json": ("rpde", 1, 0),
    "rpde-openactive-items/sessionseries-with-schedule-exdates.json": ("rpde", 1, 0),
    "xlsx-hamburg-stadtteilprofile/Daten_fuer_die_Stadtteilprofile_2014.xlsx": ("xlsx", 107, 69),
    "xml-openqcat-kursnet-service/openqcat_service_Leipzig-Teilzeit.xml": ("openqcat", 1, 0),
    "xml-xcri-cap-open-university-bom/ou-example.xml": ("xcri_cap", 4, 0),
}


def inspect_file(path: Path, **options) -> tuple[int, list[dict], list[str]]:
    out, err = io.BytesIO(), io.StringIO()
    code = insp.run(str(path), out=out, err=err, **options)
    return code, [orjson.loads(x) for x in out.getvalue().splitlines()], err.getvalue().splitlines()


def test_every_real_file_has_an_expectation(realdata):
    files = {p.relative_to(realdata).as_posix() for p in realdata.rglob("*")
             if p.is_file() and p.name != "PROVENANCE.md"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inspect_reads_every_real_file(realdata, name):
    adapter, count, problems = EXPECTED[name]
    code, lines, err = inspect_file(realdata / name)
    assert code == 0, err
    assert len(lines) == count
    assert err[-1].startswith(f"inspect: {count} records · {problems} problems · adapter "
                              f"{adapter} (content: ")


def test_inspect_values_of_real_files(realdata):
    _, kitas, err = inspect_file(realdata / "csv-berlin-kitas/kitas.csv", limit=1)
    assert (kitas[0]["record_key"], kitas[0]["fields"]["name"]) == ("274129", "casa dei bambini")
    assert "note: key 'id' guessed (set it with --key)" in err
    _, schools, _ = inspect_file(realdata / "csv-nrw-schulverzeichnis/schuldaten.csv", limit=1)
    assert schools[0]["record_key"] == "100000"  # leading-zero codes stay strings
    assert schools[0]["fields"]["Gemeindeschluessel"] == "05911000"
    _, btw, _ = inspect_file(
        realdata / "csv-bundeswahlleiter-strukturdaten-cp1252/btw17_strukturdaten.csv", limit=1)
    assert btw[0]["fields"]["_column_3"] == "Flensburg – Schleswig"  # cp1252, not Latin-1
    _, xcri, _ = inspect_file(realdata / "xml-xcri-cap-open-university-bom/ou-example.xml")
    assert [r["record_key"] for r in xcri][:1] == ["A1742011E"]
    _, bremen, _ = inspect_file(realdata / "ical-schulferien-bremen/ferien_bremen_2017.ics")
    assert bremen[0]["fields"]["DTSTART"] == "2017-04-10"
    _, koeln, _ = inspect_file(realdata / "geojson-koeln-stadtteile/stadtteile_10.json", limit=1)
    assert koeln[0]["fields"]["properties"]["name"] == "Vogelsang"
    _, landbank, err = inspect_file(realdata / "html-jsonld-cook-landbank-listing/cook_landbank.html")
    assert {r["fields"]["@type"] for r in landbank} == {"Event"}
    assert "note: 3 broken JSON-LD block(s) repaired" in err


@pytest.mark.parametrize(
    ("name", "kind", "valid"),
    [
        ("xml-xcri-cap-open-university-bom/ou-example.xml", None, 4),
        ("rpde-openactive-items/course-with-schedule.json", None, 1),
        ("ical-schulferien-bremen/ferien_bremen_2017.ics", "holiday_care", 5),
        ("html-microdata-chamber-event/chi_ssa_19_detail.html", "leisure", 1),
        ("xml-openqcat-kursnet-service/openqcat_service_Leipzig-Teilzeit.xml", None, 1),
    ],
)
def test_normalise_real_files(realdata, name, kind, valid):
    code, lines, err = inspect_file(realdata / name, normalise_records=True, kind=kind)
    assert code == 0
    assert sum("offer" in line for line in lines) == valid, err
    assert all(line["offer"]["provenance"]["source_id"] == "inspect"
               for line in lines if "offer" in line)
