"""XCRI-CAP and openQ-cat readers: the real files (checked by hand) and fragment forms."""

from __future__ import annotations

from typing import Any

import pytest

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers._xml_tree import load
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.parsing import get_parser
from scrapers.readers.problems import ProblemLog

XCRI = "xml-xcri-cap-open-university-bom/ou-example.xml"
OPENQCAT = "xml-openqcat-kursnet-service/openqcat_service_Leipzig-Teilzeit.xml"


def source(kind: str, url: str = "file:///catalogue.xml", **options: Any) -> Source:
    return Source(id=f"test-{kind.replace('_', '-')}", provider="test", adapter=kind, url=url,
                  licence="cc-by/4.0", options=options)


def records(kind: str, content: bytes, frozen_now, problems: ProblemLog | None = None,
            **options: Any) -> list[RawRecord]:
    return list(get_parser(kind)(content, source(kind, **options), url="file:///catalogue.xml",
                                 fetched_at=frozen_now, problems=problems))


# -- XCRI-CAP


def test_xcri_open_university_presentations(realdata, frozen_now):
    content = (realdata / XCRI).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf<?xml")
    problems = ProblemLog()
    found = records("xcri_cap", content, frozen_now, problems)
    assert problems.count == 0
    assert [r.record_key for r in found] == ["A1742011E", "A1742011J", "A1742012B", "B01"]
    assert {r.shape for r in found} == {RawShape.XCRI_CAP}
    assert [r.fields["course"]["dc:title"] for r in found] == [
        "Start writing fiction", "Start writing fiction", "Start writing fiction",
        "BA (Honours) History",
    ]
    first = found[0].fields
    assert first["presentation"] == {
        "dcterms:description": "Year of entry: 2011",
        "dc:identifier": "A1742011E",
        "mlo:start": "2011-05-07",
        "end": "2011-08-31",
        "mlo:duration": "4 months (approx); NLD Duration Code: F",
        "applyFrom": "2010-09-05",
        "applyUntil": "2011-04-08",
        "applyTo": "http://www.open.ac.uk/study/",
        "studyMode": "NLD Study Mode Code: C",
        "attendanceMode": "Self-study",
        "attendancePattern": "Part time distance education course",
        "mlo:languageOfInstruction": "EN",
        "mlo:cost": "UK fee: GBP155.00; Ireland fee: GBP340.00; Continental Europe fee: GBP385.00",
    }
    assert first["provider"] == {
        "dc:identifier": "http://www.open.ac.uk/",
        "dc:title": "The Open University",
        "mlo:url": "http://www.open.ac.uk/",
        "mlo:location": {
            "mlo:street": "PO Box 197", "mlo:town": "Milton Keynes", "mlo:postcode": "MK7 6BJ",
            "mlo:address": "PO Box 197, Milton Keynes, MK7 6BJ", "mlo:phone": "0845 3006090",
            "mlo:fax": "01908 653744",
            "mlo:email": "http://www3.open.ac.uk/contact/contactus.aspx?cid=192",
        },
    }
    course = first["course"]
    assert "presentation" not in course
    assert course["dc:identifier"] == "http://data.open.ac.uk/course/a174"
    assert course["dc:subject"] == [{"@identifier": "KC.3", "#text": "KC.3"},
                                    "Literature and Creative Writing"]
    assert course["mlo:assessment"].startswith("<div>\n<p>You can choose whether to submit")
    assert course["mlo:prerequisite"].endswith("Student Registration & Enquiry Service.")
    assert course["mlo:credit"][1] == {"credit:scheme": "SCQF", "credit:level": "7",
                                       "credit:value": "10"}
    history = found[3].fields["course"]
    assert history["dc:identifier"] == ["B01", "NLD: 3900010611"]
    assert len(history["dcterms:description"]) == 5


def test_xcri_fragment_without_root_and_prefix_declarations(frozen_now):
    content = """<?xml version="1.0" encoding="ISO-8859-1"?>
<course><dc:identifier>vhs-k-101</dc:identifier><dc:title>Töpfern für Kinder</dc:title>
  <presentation><dc:identifier>vhs-k-101-h26</dc:identifier>
    <mlo:start dtf="2026-10-06">6. Oktober</mlo:start></presentation>
  <presentation><mlo:start>2027-02-02</mlo:start></presentation>
</course>
<course><dc:identifier>vhs-k-102</dc:identifier>
  <dc:title>Schach für Grundschüler</dc:title></course>
""".encode("iso-8859-1")
    found = records("xcri_cap", content, frozen_now)
    assert [(r.record_key, r.fields["course"]["dc:title"]) for r in found] == [
        ("vhs-k-101-h26", "Töpfern für Kinder"),
        ("vhs-k-101/2", "Töpfern für Kinder"),
        ("vhs-k-102", "Schach für Grundschüler"),
    ]
    assert found[0].fields["presentation"]["mlo:start"] == {"@dtf": "2026-10-06",
                                                            "#text": "6. Oktober"}
    assert found[0].fields["provider"] == {}
    assert found[2].fields["presentation"] == {}
    assert [r.record_key for r in records("xcri_cap", content, frozen_now,
                                          courses_without_presentations=False)] == [
        "vhs-k-101-h26", "vhs-k-101/2",
    ]


def test_xcri_presentation_ids_used_twice_get_the_course_id(frozen_now):
    content = b"""<catalog xmlns="http://xcri.org/profiles/1.2/catalog"
        xmlns:dc="http://purl.org/dc/elements/1.1/"><provider>
      <course><dc:identifier>kurs-a</dc:identifier><presentation><dc:identifier>herbst</dc:identifier></presentation></course>
      <course><dc:identifier>kurs-b</dc:identifier><presentation><dc:identifier>herbst</dc:identifier></presentation></course>
    </provider></catalog>"""
    assert [r.record_key for r in records("xcri_cap", content, frozen_now)] == [
        "kurs-a/herbst", "kurs-b/herbst",
    ]


def test_xcri_read_through_the_fetcher(realdata, fetcher):
    path = realdata / XCRI
    found = list(get_reader("xcri_cap")(source("xcri_cap", path.as_uri()), fetcher))
    assert len(found) == 4
    assert found[0].url == path.as_uri()


# -- openQ-cat


def test_openqcat_kursnet_service_fragment(realdata, frozen_now):
    problems = ProblemLog()
    found = records("openqcat", (realdata / OPENQCAT).read_bytes(), frozen_now, problems)
    assert problems.count == 0
    assert len(found) == 1
    record = found[0]
    assert (record.record_key, record.shape) == ("375057142", RawShape.OPENQCAT)
    assert set(record.fields) == {"SERVICE", "MODULE_COURSE"}
    service = record.fields["SERVICE"]
    details = service["SERVICE_DETAILS"]
    assert details["TITLE"] == ("Umschulung Fachinformatiker Anwendungsentwicklung / "
                                "Fachinformatikerin Anwendungsentwicklung")
    description = details["DESCRIPTION_LONG"]
    assert description.startswith("Die gesamte Ausbildung erfolgt stark codefokussiert")
    assert "- Umgang mit Daten (SQL, NoSQL, JSON, XML & Co)\n- Clean Code\n" in description
    assert description.endswith("in Teilzeit 180 Tage Praktikum in einem Softwareunternehmen.")
    assert details["SERVICE_DATE"] == {"START_DATE": "2027-02-05T00:00:00.000+01:00",
                                       "END_DATE": "2029-01-26T00:00:00.000+01:00"}
    assert details["ANNOUNCEMENT"] == {"START_DATE": "2026-02-18+01:00",
                                       "END_DATE": "2027-02-05+01:00"}
    education = details["SERVICE_MODULE"]["EDUCATION"]
    assert "MODULE_COURSE" not in education
    assert education["@type"] == "true"
    assert education["EXTENDED_INFO"]["INSTRUCTION_FORM"] == {"@type": "101",
                                                              "#text": "Präsenzunterricht"}
    assert education["EXTENDED_INFO"]["TEACHING_LANGUAGES"] == ["deu", "eng"]
    assert service["SERVICE_PRICE_DETAILS"] == {
        "SERVICE_PRICE": {"PRICE_AMOUNT": "35464.5", "PRICE_CURRENCY": "EUR"}
    }
    assert record.fields["MODULE_COURSE"] == {
        "MIN_PARTICIPANTS": "1",
        "MAX_PARTICIPANTS": "12",
        "LOCATION": {
            "NAME": "cdemy GmbH", "NAME2": "Code Academy", "STREET": "Eisenbahnstraße 121",
            "ZIP": "04315", "ZIPBOX": "04315", "CITY": "Leipzig", "STATE": "Sachsen",
            "COUNTRY": "deutschland", "PHONE": "+49.341.99990117", "MOBILE": "+49.157.86967671",
            "FAX": "", "EMAILS": {"EMAIL": "info@cdemy.de"}, "URL": "https://cdemy.de",
            "ADDRESS_REMARKS": "Haltestelle Torgauer Platz, Tram-Linien 3, 8.",
            "BARRIER_FREE_LOCATION": "false",
        },
        "DURATION": {"@type": "8"},
        "INSTRUCTION_REMARKS": ("Montag bis Freitag 5,5 Stunden pro Tag in individueller "
                                "Gleitzeit, aber mit einer Pflicht-Kernzeit von 09:30 Uhr bis "
                                "13:30 Uhr."),
        "FLEXIBLE_START": "false",
        "EXTENDED_INFO": {"SEGMENT_TYPE": {"@type": "0"}},
    }


OPENQCAT_DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<OPENQCAT version="1.1">
  <HEADER>
    <SUPPLIER><SUPPLIER_NAME>Familienbildungsstätte Mülheim</SUPPLIER_NAME></SUPPLIER>
  </HEADER>
  <NEW_CATALOG>
    <SERVICE mode="new">
      <PRODUCT_ID>fbs-2026-17</PRODUCT_ID>
      <SERVICE_DETAILS>
        <TITLE>PEKiP – Spiel und Bewegung im ersten Lebensjahr</TITLE>
        <SERVICE_MODULE><EDUCATION type="true">
          <MODULE_COURSE>
            <LOCATION><CITY>Mülheim an der Ruhr</CITY><ZIP>45468</ZIP></LOCATION>
          </MODULE_COURSE>
          <MODULE_COURSE>
            <LOCATION><CITY>Mülheim an der Ruhr</CITY><ZIP>45481</ZIP></LOCATION>
          </MODULE_COURSE>
        </EDUCATION></SERVICE_MODULE>
      </SERVICE_DETAILS>
    </SERVICE>
    <SERVICE mode="new"><PRODUCT_ID>fbs-2026-18</PRODUCT_ID>
      <SERVICE_DETAILS><TITLE>Babymassage</TITLE></SERVICE_DETAILS></SERVICE>
  </NEW_CATALOG>
</OPENQCAT>
""".encode()


def test_openqcat_document_with_header_and_several_modules(frozen_now):
    found = records("openqcat", OPENQCAT_DOCUMENT, frozen_now)
    assert [(r.record_key, r.fields["MODULE_COURSE"].get("LOCATION", {}).get("ZIP"))
            for r in found] == [("fbs-2026-17/1", "45468"), ("fbs-2026-17/2", "45481"),
                                ("fbs-2026-18", None)]
    assert found[0].fields["SUPPLIER"] == {"SUPPLIER_NAME": "Familienbildungsstätte Mülheim"}
    assert found[0].fields["SERVICE"]["@mode"] == "new"
    whole = records("openqcat", OPENQCAT_DOCUMENT, frozen_now, split_modules=False)
    assert [r.record_key for r in whole] == ["fbs-2026-17", "fbs-2026-18"]
    assert len(whole[0].fields["MODULE_COURSE"]) == 2


# -- loading and errors


def test_load_tolerates_bom_and_whitespace_before_the_declaration():
    root = load(b'\xef\xbb\xbf\r\n  <?xml version="1.0"?>'
                b"<SERVICE><PRODUCT_ID>1</PRODUCT_ID></SERVICE>")
    assert root.tag == "SERVICE"


def test_entities_are_not_resolved(tmp_path, frozen_now):
    secret = tmp_path / "geheim.txt"
    secret.write_text("Passwort")
    content = (f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
               "<SERVICE><PRODUCT_ID>1</PRODUCT_ID><SERVICE_DETAILS><TITLE>&x;</TITLE>"
               "</SERVICE_DETAILS></SERVICE>").encode()
    found = records("openqcat", content, frozen_now)
    assert "Passwort" not in str(found[0].fields)


@pytest.mark.parametrize("kind", ["xcri_cap", "openqcat"])
def test_not_xml_and_bad_options(kind, frozen_now):
    source_name = f"test-{kind.replace('_', '-')}"
    with pytest.raises(ReaderError, match=f"source '{source_name}': not well-formed XML"):
        records(kind, b"Kurse: siehe Programmheft", frozen_now)
    with pytest.raises(ReaderError, match="option 'modules'"):
        records(kind, b"<x/>", frozen_now, modules=True)
    with pytest.raises(ReaderError, match=r"found \(root element <html>\)"):
        records(kind, b"<html><body>Wartungsarbeiten</body></html>", frozen_now)
    with pytest.raises(ReaderError, match="the file is empty"):
        records(kind, b"\xef\xbb\xbf  ", frozen_now)
