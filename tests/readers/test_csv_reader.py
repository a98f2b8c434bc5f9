"""CSV reader: real provider files (counts and whole rows checked by hand) and small fixtures."""

from __future__ import annotations

import codecs
import tracemalloc

import pytest

from schemas.raw import RawRecord, RawShape
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.csv_reader import CsvLayout, parse, sniff
from scrapers.readers.encoding import detect_encoding
from scrapers.readers.parsing import get_parser
from scrapers.readers.problems import ProblemLog

BERLIN = "csv-berlin-kitas/kitas.csv"
NRW = "csv-nrw-schulverzeichnis/schuldaten.csv"
BTW = "csv-bundeswahlleiter-strukturdaten-cp1252/btw17_strukturdaten.csv"


def records(content: bytes, source, frozen_now, problems=None, url="file:///test.csv"):
    return list(parse(content, source, url=url, fetched_at=frozen_now, problems=problems))


# -- real files


def test_berlin_kitas_whole_first_record(realdata, make_source, fetcher, frozen_now):
    path = realdata / BERLIN
    source = make_source("csv", path.as_uri(), key="id")
    problems = ProblemLog()
    read = list(get_reader("csv")(source, fetcher, problems))
    assert len(read) == 2552
    assert problems.count == 0
    assert read[0] == RawRecord(
        source_id="test-csv", record_key="274129", url=path.as_uri(), fetched_at=frozen_now,
        shape=RawShape.FLAT,
        fields={
            "id": "274129", "alat": "52.50581", "alon": "13.55291",
            "address": "Grabensprung 51", "district": "Biesdorf", "plz": "12683",
            "educational": "0", "topics": "", "languages": "", "name": "casa dei bambini",
            "type": "0", "parent": "0", "parentType": "0",
            "mo_o": "06:00", "mo_c": "18:00", "tu_o": "06:00", "tu_c": "18:00",
            "we_o": "06:00", "we_c": "18:00", "th_o": "06:00", "th_c": "18:00",
            "fr_o": "06:00", "fr_c": "18:00", "all": "100", "over": "73", "under": "27",
        },
    )


def test_berlin_kitas_umlauts_and_unknown_hours(realdata, make_source, frozen_now):
    read = records((realdata / BERLIN).read_bytes(), make_source("csv", key="id"), frozen_now)
    by_key = {r.record_key: r.fields for r in read}
    assert len(by_key) == 2552
    waldlaeufer = by_key["2523"]
    assert waldlaeufer["name"] == "Waldkindergarten Pankow e.V. - Die Waldläufer"
    assert waldlaeufer["district"] == "Blankenfelde"
    assert waldlaeufer["mo_o"] == "0"  # "0" = opening hours unknown; the pipeline decides
    assert waldlaeufer["educational"] == ""
    assert by_key["209"]["name"] == "Am Studio 5 / Kitas SüdOst"


def test_nrw_schools_sep_line_trailing_header_field(realdata, make_source, frozen_now):
    content = (realdata / NRW).read_bytes()
    assert sniff(content) == CsvLayout(encoding="utf-8", delimiter=";", sep_line=True)
    problems = ProblemLog()
    read = records(content, make_source("csv", key="Schulnummer"), frozen_now, problems)
    assert len(read) == 5507
    assert problems.count == 0
    muelheim = [r for r in read if r.fields["Gemeindeschluessel"] == "05117000"]
    assert len(muelheim) == 40
    assert len(read[0].fields) == 23  # the header's trailing ";" is no column
    assert read[0].fields["EPSG"] == "null"  # literal kept
    assert read[0].fields["Schulbezeichnung_1"] == "Studienkolleg des Ökumenischen"
    sunderplatz = next(r for r in muelheim if r.record_key == "103780")
    assert sunderplatz.fields == {
        "Schulnummer": "103780", "Schulform": "02",
        "Schulbezeichnung_1": "Städt. Gem. Grundschule",
        "Schulbezeichnung_2": "Am Sunderplatz", "Schulbezeichnung_3": "",
        "Kurzbezeichnung": "Mülheim an der Ruhr, GG Am Sunderplatz",
        "PLZ": "45472", "Ort": "Mülheim an der Ruhr", "Strasse": "Sunderweg 90",
        "Telefonvorwahl": "0208", "Telefon": "496704", "Faxvorwahl": "0208", "Fax": "496773",
        "E-Mail": "103780@schule.nrw.de", "Homepage": "http://www.ggs-sunderplatz.de",
        "Rechtsform": "1", "Traegernummer": "10108", "Gemeindeschluessel": "05117000",
        "Schulbetriebsschluessel": "1", "Schulbetriebsdatum": "01.08.1973",
        "EPSG": "EPSG:25832", "UTMRechtswert": "357194", "UTMHochwert": "5699345",
    }


def test_bundeswahlleiter_cp1252_comments_and_pseudo_header(realdata, make_source, frozen_now):
    content = (realdata / BTW).read_bytes()
    assert detect_encoding(content) == "cp1252"
    source = make_source("csv", key="Wahlkreis-Nr.", skip_rows=1)  # skip "Spalten-Nr." row
    problems = ProblemLog()
    read = records(content, source, frozen_now, problems)
    # 299 Wahlkreise + 16 "Land insgesamt" rows (901–916) + "Deutschland 999 Insgesamt"
    assert len(read) == 316
    assert problems.count == 0
    assert sum(1 for r in read if int(r.record_key) < 900) == 299
    assert read[0].record_key == "1" and read[-1].record_key == "999"
    wk118 = next(r for r in read if r.record_key == "118")
    fields = wk118.fields
    assert len(fields) == 52
    assert list(fields)[:3] == ["Land", "Wahlkreis-Nr.", "Wahlkreis-Name"]
    assert fields["Land"] == "Nordrhein-Westfalen"
    assert fields["Wahlkreis-Name"] == "Mülheim – Essen I"  # 0x96 is an en dash in cp1252
    assert fields["Flache am 31.12.2015 (km²)"] == "115,8"
    assert fields["Bruttoinlandsprodukt 2014 (€ je Einwohner)"] == "37868"  # 0x80 is €
    assert fields["Kindertagesbetreuung: Betreute Kinder am 01.03.2016 (je 1000 Einwohner)"] \
        == "33,6"
    assert fields["Fußnoten"] == "Spalte 1: Ohne den im Wahlkreis 118 enthaltenen Teil der " \
        "Stadt Essen."
    assert read[0].fields["Fußnoten"] == ""


def test_latin1_reading_of_cp1252_file_would_be_wrong(realdata):
    """Why the rule matters: ISO-8859-1 turns 0x96 into an invisible C1 control."""
    line = next(ln for ln in (realdata / BTW).read_bytes().splitlines() if b";118;" in ln)
    assert "Mülheim \x96 Essen I" in line.decode("iso-8859-1")
    assert "Mülheim – Essen I" in line.decode("cp1252")


# -- own fixtures


def test_stacked_header_comments_quotes_and_row_problems(reader_fixtures, make_source, frozen_now):
    content = (reader_fixtures / "ferienangebote_latin1.csv").read_bytes()
    assert sniff(content) == CsvLayout(encoding="iso-8859-1", delimiter=";", sep_line=False)
    problems = ProblemLog()
    read = records(content, make_source("csv", key="Nr", header_rows=2), frozen_now, problems)
    assert [r.record_key for r in read] == ["0042", "0043", "0044", "0043"]
    assert read[0].fields == {
        "Nr": "0042", "Titel": "Waldforscher-Woche", "Termin / von": "13.07.2026",
        "Termin / bis": "17.07.2026", "Preis / Euro": "85,00", "Preis / Ermäßigt": "60,00",
    }
    assert read[1].fields["Titel"] == "Töpfern; Malen & mehr"
    assert read[1].fields["Preis / Ermäßigt"] == "null"
    assert read[2].fields["Titel"] == "Zirkusprojekt\nmit Abschlussvorstellung"
    assert [(p.where, p.kind, p.skipped) for p in problems] == [
        ("line 9", "ragged", True),
        ("line 10", "ragged", True),
        ("line 11", "no_key", True),
        ("line 12", "duplicate_key", False),
    ]
    messages = [str(p) for p in problems]
    assert messages[0] == ("source 'test-csv', line 9: row has 3 cells but the header names "
                           "6 columns")
    assert messages[1].startswith("source 'test-csv', line 10: row has 8 cells")
    assert messages[2] == ("source 'test-csv', line 11, field 'Nr': record has no value in key "
                           "field 'Nr'")
    assert "first used at line 6" in messages[3]
    assert problems.as_dict()["skipped"] == 3


def test_short_rows_can_be_padded(reader_fixtures, make_source, frozen_now):
    content = (reader_fixtures / "ferienangebote_latin1.csv").read_bytes()
    source = make_source("csv", key="Nr", header_rows=2, pad_short_rows=True)
    problems = ProblemLog()
    read = records(content, source, frozen_now, problems)
    short = next(r for r in read if r.record_key == "0045")
    assert short.fields["Termin / von"] == "03.08.2026"
    assert short.fields["Preis / Euro"] == ""
    assert problems.by_kind == {"ragged": 1, "no_key": 1, "duplicate_key": 1}


def test_strict_problem_log_raises_at_the_first_problem(reader_fixtures, make_source, frozen_now):
    content = (reader_fixtures / "ferienangebote_latin1.csv").read_bytes()
    with pytest.raises(ReaderError, match=r"'test-csv', line 9: row has 3 cells"):
        records(content, make_source("csv", key="Nr", header_rows=2), frozen_now,
                ProblemLog(strict=True))


def test_bom_tab_crlf_and_comments_anywhere(reader_fixtures, make_source, frozen_now):
    content = (reader_fixtures / "kursliste_bom.tsv").read_bytes()
    assert sniff(content) == CsvLayout(encoding="utf-8-sig", delimiter="\t", sep_line=False)
    read = records(content, make_source("csv", key="Kursnummer", comment="//"), frozen_now)
    assert [r.fields for r in read] == [
        {"Kursnummer": "K-101", "Kurs": "Babyschwimmen", "Alter": "6–12 Monate",
         "Ort": "Hallenbad Süd"},
        {"Kursnummer": "K-103", "Kurs": 'Kinderyoga "Kleine Bäume"', "Alter": "4–6 Jahre",
         "Ort": "Familienzentrum"},
        {"Kursnummer": "K-104", "Kurs": "Papa-Kind-Klettern", "Alter": "", "Ort": ""},
    ]


def test_comment_lines_after_the_header_are_data_by_default(make_source, frozen_now):
    content = b"# Kopf\nid,titel\n1,Eins\n#2,Zwei\n"
    read = records(content, make_source("csv", key="id"), frozen_now)
    assert [r.record_key for r in read] == ["1", "#2"]
    none = records(b"#id,titel\n1,Eins\n", make_source("csv", key="#id", comment=""), frozen_now)
    assert none[0].fields == {"#id": "1", "titel": "Eins"}


@pytest.mark.parametrize(
    ("content", "delimiter"),
    [
        (b"id^titel^ort\n1^Kinderturnen^Halle 2\n2^Babymassage, sanft^Raum 1\n", "^"),
        (b"id|titel|ort\n1|Kinderturnen|Halle 2\n2|Babymassage; sanft|Raum 1\n", "|"),
        (b"id,titel,ort\n1,\"Turnen; Spiel\",Halle\n2,Yoga,Raum\n", ","),
        (b"id\ttitel\tort\n1\tTurnen, Spiel\tHalle\n", "\t"),
        (b"sep=|\nid,x|titel\n1,a|Turnen\n", "|"),
    ],
)
def test_delimiter_sniffing(content, delimiter):
    assert sniff(content).delimiter == delimiter


def test_delimiter_option_overrides_sep_line(make_source, frozen_now):
    content = b"sep=;\nid;titel|ort\n1;a|b\n"
    read = records(content, make_source("csv", key="id;titel", delimiter="|"), frozen_now)
    assert read[0].fields == {"id;titel": "1;a", "ort": "b"}


GERMAN = ("Nr;Titel;Ort\n1;Spielen im Grünen für Kinder;Düsseldorf\n"
          "2;Bärenstarke Eltern-Kind-Gruppe;Mülheim an der Ruhr\n3;Straßenfest;Köln\n")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        ("1;„Spielen“ – für Kinder\n".encode("cp1252"), "cp1252"),  # bytes 0x84 0x93 0x96
        (GERMAN.encode("cp850"), "cp850"),
        (GERMAN.encode("mac_roman"), "mac_roman"),
        (GERMAN.encode("utf-16-le"), "utf-16-le"),
        (GERMAN.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encoding_detection(content, expected):
    assert detect_encoding(content) == expected


def test_latin1_without_c1_bytes_is_iso_8859_1():
    content = "Nr;Ort\n1;Köln-Mülheim\n2;Bergisch Gladbach-Bensberg, Straße 3\n".encode("latin-1")
    assert detect_encoding(content) == "iso-8859-1"


@pytest.mark.parametrize(
    ("bom", "expected"),
    [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
     (codecs.BOM_UTF32_LE, "utf-32")],
)
def test_byte_order_marks(bom, expected):
    assert detect_encoding(bom + b"x") == expected


def test_encoding_option_overrides_detection(make_source, frozen_now):
    content = "id;name\n1;Caf\xe9 K\xfcken\n".encode("latin-1")
    read = records(content, make_source("csv", key="id", encoding="cp850"), frozen_now)
    assert read[0].fields["name"] == "CafÚ K³ken"  # what the steward asked for
    with pytest.raises(ReaderError, match=r"'test-csv': 1 of 1 rows cannot be decoded as 'utf-8'"):
        records(content, make_source("csv", key="id", encoding="utf-8"), frozen_now)


def test_explicit_utf8_still_drops_the_bom(make_source, frozen_now):
    read = records(codecs.BOM_UTF8 + b"id;name\n1;Kita\n",
                   make_source("csv", key="id", encoding="utf-8"), frozen_now)
    assert read[0].fields == {"id": "1", "name": "Kita"}


def test_empty_and_repeated_header_names_are_made_unique(make_source, frozen_now):
    problems = ProblemLog()
    read = records(b"id;name;;name\n1;a;b;c\n", make_source("csv", key="id"), frozen_now,
                   problems)
    assert read[0].fields == {"id": "1", "name": "a", "_column_3": "b", "name (2)": "c"}
    assert problems.by_kind == {"header": 2}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"header_rows": 0}, r"option 'header_rows'"),
        ({"delimiter": ";;"}, r"option 'delimiter'"),
        ({"encoding": "klingonisch"}, r"option 'encoding': unknown encoding 'klingonisch'"),
        ({"seperator": ";"}, r"option 'seperator': Extra inputs are not permitted"),
    ],
)
def test_bad_options_name_source_and_option(make_source, frozen_now, options, message):
    with pytest.raises(ReaderError, match=rf"source 'test-csv': {message}"):
        records(b"id\n1\n", make_source("csv", key="id", **options), frozen_now)


def test_key_is_required(make_source, frozen_now):
    with pytest.raises(ReaderError, match="'key' is required"):
        records(b"id\n1\n", make_source("csv"), frozen_now)


def test_no_header_found(make_source, frozen_now):
    with pytest.raises(ReaderError, match="no header row found"):
        records(b"# nur Kommentare\n\n", make_source("csv", key="id"), frozen_now)


def test_the_parser_is_registered_for_inspect():
    assert get_parser("csv") is parse


def test_streams_without_holding_the_rows(make_source, frozen_now):
    rows = "".join(f'{i:06d};"Ferienkurs {i} für Kinder";Mülheim an der Ruhr;{i % 50},00 €\n'
                   for i in range(30_000))
    content = ("Nr;Titel;Ort;Preis\n" + rows).encode("utf-8")
    source = make_source("csv", key="Nr")
    tracemalloc.start()
    try:
        count = sum(1 for _ in parse(content, source, url=None, fetched_at=frozen_now))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 30_000
    assert peak < 3 * len(content)  # all 30,000 records at once would need ~10× the file


def test_old_mac_line_endings(make_source, frozen_now):
    content = "Nr;Kurs\r1;Babymassage\r2;\"Spielgruppe\rfür Zwillinge\"\r".encode("mac_roman")
    read = records(content, make_source("csv", key="Nr"), frozen_now)
    assert [r.fields for r in read] == [
        {"Nr": "1", "Kurs": "Babymassage"},
        {"Nr": "2", "Kurs": "Spielgruppe\rfür Zwillinge"},
    ]


def test_unclosed_quote_is_reported_not_swallowed_silently(make_source, frozen_now):
    content = b'id;name\n0;ok\n1;"offen\n2;zwei\n3;"drei"\n4;vier\n'
    problems = ProblemLog()
    read = records(content, make_source("csv", key="id"), frozen_now, problems)
    assert [r.record_key for r in read] == ["0", "4"]
    assert [str(p) for p in problems] == [
        "source 'test-csv', line 3: a quote opened here is not closed; lines 3–5 were read "
        "as one row"
    ]


def test_oversized_cell_is_a_row_problem(make_source, frozen_now):
    content = b"id;name\n1;" + b"x" * 200_000 + b"\n2;zwei\n"
    problems = ProblemLog()
    read = records(content, make_source("csv", key="id"), frozen_now, problems)
    assert [r.record_key for r in read] == ["2"]
    assert problems.by_kind == {"invalid": 1}
    assert "line 2: not valid CSV: a cell is longer than 100000 characters" in str(problems.problems[0])
