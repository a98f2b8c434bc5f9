"""XLSX reader: the Hamburg Stadtteilprofile workbook and a small workbook built here."""

from __future__ import annotations

from datetime import date, datetime, time
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from schemas.raw import RawRecord
from schemas.source import Source
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.problems import ProblemLog
from scrapers.readers.xlsx_reader import number_text, parse

FETCHED_AT = datetime(2026, 11, 21, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
HAMBURG = "xlsx-hamburg-stadtteilprofile/Daten_fuer_die_Stadtteilprofile_2014.xlsx"

# Row 5 (Hamburg-Altstadt), columns A..BQ, read by hand from the sheet XML: D5 is stored as
# 9.6999999999999993, AO5 as 36.799999999999997, AX5 as 70.238263950398576.
ALTSTADT = [
    "Hamburg-Altstadt", "1675", "162", "9.7", "219", "13.1", "341", "20.4", "664", "39.6",
    "101", "62.3", "1229", "1.4", "888", "72.3", "107", "8.7", "40", "37.4", "1.288", "1300",
    "15", "12", "283", "24", "306", "21", "-23", "726", "54.9", "71", "5.4", "10", "5.6", "4",
    "2.5", "186", "11.1", "49", "36.8", "106", "1728", "26493", "90", "1129", "131", "17",
    "1.5", "70.23826395039858", "47.34268656716418", "214", "19", "54", "25.2", ".", ".", ".",
    "1", "0", "50", "60", "34", "139", "34", "49", "10", "463", "276.4179104477612",
]


@pytest.fixture(scope="module")
def hamburg(realdata: Path) -> tuple[list[RawRecord], ProblemLog]:
    source = Source(id="hamburg-profile", provider="statistik-nord", adapter="xlsx",
                    url=(realdata / HAMBURG).as_uri(), licence="dl-by-de/2.0",
                    key="Stadtgebiet", options={"header_rows": 3})
    problems = ProblemLog()
    content = (realdata / HAMBURG).read_bytes()
    read = list(parse(content, source, url=source.url, fetched_at=FETCHED_AT, problems=problems))
    return read, problems


def test_hamburg_counts_and_duplicate_district_names(hamburg):
    read, problems = hamburg
    assert len(read) == 107  # rows 5–111; rows 112–113 are empty
    assert read[0].record_key == "Hamburg-Altstadt" and read[-1].record_key == "Hamburg"
    # the seven Bezirke follow the Stadtteile; four share their name with a Stadtteil
    assert [(p.where, p.kind, p.skipped) for p in problems] == [
        ("row 106", "duplicate_key", False), ("row 108", "duplicate_key", False),
        ("row 109", "duplicate_key", False), ("row 110", "duplicate_key", False),
    ]
    assert "'Eimsbüttel' (first used at row 35)" in str(problems.problems[0])


def test_hamburg_stacked_and_merged_header_names(hamburg):
    names = list(hamburg[0][0].fields)
    assert len(names) == 69
    assert names[0] == "Stadtgebiet"  # A2:A4 merged down: named once
    assert names[1] == ("Bevölkerung und Haushalte 31.12.2013 / Bevölkerung / "
                        "Anzahl der Einwohnerinnen und Einwohner")
    assert names[3] == ("Bevölkerung und Haushalte 31.12.2013 / Anteil der unter 18-Jährigen "
                        "in % / Anteil Kinder und Jugendlicher unter 18 Jahren an der "
                        "Gesamt-bevölkerung")
    assert names[20] == "Bevölkerung und Haushalte 31.12.2013 / Fläche in km²"  # rows 3 = 4
    assert names[22] == "Bevölkerungsbewegung 2013 / Geburten / Anzahl der Lebendgeborenen"
    assert names[29].startswith("Sozialstruktur / Sozial-versicherungs-pflichtig Beschäftigte")
    assert names[68] == ("Infrastruktur und Verkehr / PKW-Dichte (Jan 2014) / Anzahl der "
                         "privaten PKW je 1 000 Einwohnerinnen und Einwohner")


def test_hamburg_whole_first_row(hamburg):
    record = hamburg[0][0]
    assert list(record.fields.values()) == ALTSTADT
    assert record.source_id == "hamburg-profile"
    assert record.url.endswith("Daten_fuer_die_Stadtteilprofile_2014.xlsx")
    assert record.fetched_at == FETCHED_AT


def test_hamburg_total_row(hamburg):
    total = hamburg[0][-1].fields
    assert total["Stadtgebiet"] == "Hamburg"
    assert total["Bevölkerung und Haushalte 31.12.2013 / Bevölkerung / Anzahl der "
                 "Einwohnerinnen und Einwohner"] == "1788994"


def test_hamburg_header_row_given_explicitly(realdata, make_source, frozen_now):
    source = make_source("xlsx", key="Stadtgebiet", header_row=2, header_rows=3, sheet=1)
    read = list(parse((realdata / HAMBURG).read_bytes(), source, url=None,
                      fetched_at=frozen_now))
    assert len(read) == 107
    assert list(read[0].fields.values()) == ALTSTADT


# -- a small workbook with the usual office habits


@pytest.fixture(scope="module")
def kurse_xlsx() -> bytes:
    book = Workbook()
    book.active.title = "Übersicht"
    book.active["A1"] = "Siehe Blatt „Kurse 2027“"
    sheet = book.create_sheet("Kurse 2027")
    sheet["A1"] = "Kursprogramm Familienbildung 2027"
    sheet.merge_cells("A1:D1")
    for ref, value in {"A3": "Kurs", "C3": "Termin", "F3": "Preis", "H3": "PLZ",
                       "I3": "Online"}.items():
        sheet[ref] = value
    for merged in ("A3:B3", "C3:E3", "F3:G3", "H3:H4", "I3:I4"):
        sheet.merge_cells(merged)
    for column, value in zip("ABCDEFG", ["Nr", "Titel", "Beginn", "Uhrzeit", "Erstellt",
                                         "Euro", "Anteil Zuschuss"], strict=True):
        sheet[f"{column}4"] = value
    rows = {
        5: ["K-01", "Babymassage", date(2027, 1, 12), time(9, 30),
            datetime(2026, 11, 20, 14, 5, 30), 45.5, 0.25, 4315, False],
        6: ["K-02", "Eltern-Kind-Turnen", datetime(2027, 2, 1), time(16, 0),
            datetime(2027, 2, 1, 0, 0), 19.99, 0.5, 50667, True],
        8: ["K-03", "Töpfern für Kinder ab 6", date(2027, 3, 3), None, None, 1e-05, None, 1234,
            None, None, "Notiz: Raum wechselt"],
        9: ["K-04", " Schwimmen ", date(2027, 4, 1), None, None, 1e16, None, None, None],
    }
    for number, values in rows.items():
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(number, column, value)
        sheet.cell(number, 3).number_format = "DD.MM.YYYY"
        sheet.cell(number, 4).number_format = "hh:mm"
        sheet.cell(number, 5).number_format = "DD.MM.YYYY hh:mm:ss"
        sheet.cell(number, 7).number_format = "0%"
        sheet.cell(number, 8).number_format = "00000"
    grey = PatternFill("solid", fgColor="DDDDDD")
    for number in (10, 11):  # formatted but empty rows at the end
        for column in range(1, 12):
            sheet.cell(number, column).fill = grey
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_own_workbook_values_and_header(kurse_xlsx, make_source, frozen_now):
    problems = ProblemLog()
    source = make_source("xlsx", key="Kurs / Nr", sheet="Kurse 2027", header_rows=2)
    read = list(parse(kurse_xlsx, source, url="file:///kurse.xlsx", fetched_at=frozen_now,
                      problems=problems))
    assert [r.fields for r in read] == [
        {"Kurs / Nr": "K-01", "Kurs / Titel": "Babymassage", "Termin / Beginn": "2027-01-12",
         "Termin / Uhrzeit": "09:30:00", "Termin / Erstellt": "2026-11-20T14:05:30",
         "Preis / Euro": "45.5", "Preis / Anteil Zuschuss": "0.25", "PLZ": "04315",
         "Online": "FALSE"},
        {"Kurs / Nr": "K-02", "Kurs / Titel": "Eltern-Kind-Turnen",
         "Termin / Beginn": "2027-02-01", "Termin / Uhrzeit": "16:00:00",
         "Termin / Erstellt": "2027-02-01T00:00:00", "Preis / Euro": "19.99",
         "Preis / Anteil Zuschuss": "0.5", "PLZ": "50667", "Online": "TRUE"},
        {"Kurs / Nr": "K-03", "Kurs / Titel": "Töpfern für Kinder ab 6",
         "Termin / Beginn": "2027-03-03", "Termin / Uhrzeit": "", "Termin / Erstellt": "",
         "Preis / Euro": "0.00001", "Preis / Anteil Zuschuss": "", "PLZ": "01234",
         "Online": ""},
        {"Kurs / Nr": "K-04", "Kurs / Titel": " Schwimmen ", "Termin / Beginn": "2027-04-01",
         "Termin / Uhrzeit": "", "Termin / Erstellt": "", "Preis / Euro": "10000000000000000",
         "Preis / Anteil Zuschuss": "", "PLZ": "", "Online": ""},
    ]
    assert [str(p) for p in problems] == [
        "source 'test-xlsx', row 8: value 'Notiz: Raum wechselt' in column K, which has no "
        "header"
    ]
    assert problems.skipped == 0


def test_sheet_by_position_and_explicit_header_row(kurse_xlsx, make_source, frozen_now):
    source = make_source("xlsx", key="Nr", sheet=2, header_row=4)
    read = list(parse(kurse_xlsx, source, url=None, fetched_at=frozen_now))
    assert [r.record_key for r in read] == ["K-01", "K-02", "K-03", "K-04"]
    assert list(read[0].fields)[:3] == ["Nr", "Titel", "Beginn"]
    assert read[0].fields["PLZ"] == "04315"  # H3:H4 merged down into the header row


def test_read_through_the_fetcher(kurse_xlsx, tmp_path, make_source, fetcher, frozen_now):
    path = tmp_path / "kurse.xlsx"
    path.write_bytes(kurse_xlsx)
    source = make_source("xlsx", path.as_uri(), key="Kurs / Nr", sheet="Kurse 2027",
                         header_rows=2)
    read = list(get_reader("xlsx")(source, fetcher))
    assert len(read) == 4
    assert {(r.url, r.fetched_at) for r in read} == {(path.as_uri(), frozen_now)}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sheet": "Kurse 2028"}, r"option 'sheet': no sheet named 'Kurse 2028'; sheets: "
                                  r"'Übersicht', 'Kurse 2027'"),
        ({"sheet": 3}, r"option 'sheet': no sheet number 3; the workbook has 2"),
        ({"header_row": 0}, r"option 'header_row'"),
        ({"kopfzeile": 2}, r"option 'kopfzeile'"),
    ],
)
def test_bad_options(kurse_xlsx, make_source, frozen_now, options, message):
    with pytest.raises(ReaderError, match=rf"source 'test-xlsx': {message}"):
        list(parse(kurse_xlsx, make_source("xlsx", key="Nr", **options), url=None,
                   fetched_at=frozen_now))


def test_not_a_workbook(make_source, frozen_now):
    with pytest.raises(ReaderError, match="source 'test-xlsx': not a readable XLSX workbook"):
        list(parse(b"Nr;Titel\n1;Kurs\n", make_source("xlsx", key="Nr"), url=None,
                   fetched_at=frozen_now))


def test_first_sheet_without_header_is_an_error(kurse_xlsx, make_source, frozen_now):
    with pytest.raises(ReaderError, match="no header row found"):
        list(parse(kurse_xlsx, make_source("xlsx", key="Nr"), url=None, fetched_at=frozen_now))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (9.6999999999999993, "9.7"),
        (20.399999999999999, "20.4"),
        (1675.0, "1675"),
        (-23.0, "-23"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-05, "0.00001"),
        (1.5e16, "15000000000000000"),
        (-0.0, "0"),
    ],
)
def test_number_text(value, text):
    assert number_text(value) == text
