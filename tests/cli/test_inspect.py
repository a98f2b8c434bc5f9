"""``familienpunkt inspect``: detection rules, output, the one-line errors, URLs."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from familienpunkt import inspect as insp
from familienpunkt.cli import app
from tests.conftest import FROZEN_NOW

READERS = Path(__file__).parent.parent / "fixtures" / "readers"
CONFIG_ONLY = Path(__file__).parent.parent / "fixtures" / "config_only"


def run(target: str, **options) -> tuple[int, list[dict], list[str]]:
    """Exit code, the JSON lines of stdout and the lines of stderr."""
    out, err = io.BytesIO(), io.StringIO()
    code = insp.run(target, out=out, err=err, **options)
    lines = [orjson.loads(line) for line in out.getvalue().splitlines()]
    return code, lines, err.getvalue().splitlines()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "ical"),
        (b"\n\nbegin:vcalendar\nEND:VCALENDAR", "ical"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "rss"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "rss"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><!-- x --><catalog xmlns="http://xcri.org/profiles/'
         b'1.2/catalog"/>', "xcri_cap"),
        (b'<provider xmlns="http://xcri.org/profiles/1.2/catalog"/>', "xcri_cap"),
        (b"<OPENQCAT><HEADER/></OPENQCAT>", "openqcat"),
        (b"<SERVICE><PRODUCT_ID>1</PRODUCT_ID></SERVICE>", "openqcat"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "structured"),
        (b'<div class="termine"><h2>Kurse</h2></div>', "structured"),
        (b'{"items": [], "next": "https://x.de/feed?afterId=1"}', "rpde"),
        (b'{"state": "updated", "kind": "SessionSeries", "id": "a", "data": {}}', "rpde"),
        (b'{"@context": "https://openactive.io/", "@type": "SessionSeries"}', "rpde"),
        (b'{"type": "FeatureCollection", "features": []}', "geojson"),
        (b'{"type": "Point", "coordinates": [6.9, 51.4]}', "geojson"),
        (b'{"geometries": [{"type": "Point", "coordinates": [6.9, 51.4]}]}', "geojson"),
        (b'[{"id": 1, "titel": "Kurs"}]', "json_api"),
        (b"Titel;Beginn;PLZ\nKinderturnen;12.01.2027;45468\nSchwimmen;13.01.2027;45468\n", "csv"),
        (b"Titel\tBeginn\nKinderturnen\t12.01.2027\nSchwimmen\t13.01.2027\n", "csv"),
        (b"sep=;\nA;B\n1;2\n", "csv"),
    ],
)
def test_content_sniffing(content, kind):
    found, _ = insp.sniff(content)
    assert found is not None and found.kind == kind


def test_a_json_api_item_list_is_found_by_its_path():
    found, _ = insp.sniff(b'{"meta": {"seiten": 2}, "daten": {"kurse": [{"id": 1}, {"id": 2}],'
                          b' "tags": ["a"]}}')
    assert (found.kind, found.options) == ("json_api", {"items": "daten.kurse"})
    assert insp.items_path([{"a": 1}]) == ""
    assert insp.items_path({"a": {"b": 1}}) is None


def test_extension_then_content_type_decide_when_the_content_does_not():
    one_column = b"Titel\nKinderturnen\nSchwimmen\n"
    assert insp.sniff(one_column)[0] is None
    by_name = insp.Document(one_column, "file:///x/kurse.csv", "kurse.csv", "", FROZEN_NOW)
    assert insp.detect(by_name).reason == "file extension .csv"
    by_type = insp.Document(one_column, "http://x/export", "export", "text/csv", FROZEN_NOW)
    assert insp.detect(by_type) == insp.Detection("csv", "content type text/csv")


def test_raw_records_as_json_lines_and_a_summary_on_stderr():
    code, lines, err = run(str(READERS / "veranstaltungen.rss"))
    assert code == 0
    assert {line["source_id"] for line in lines} == {"inspect"}
    assert [line["shape"] for line in lines] == ["rss"] * 3
    assert lines[0]["fields"]["title"] == "Eltern-Kind-Turnen (1–3 Jahre)"
    assert err == [
        "problem: entry 3, field 'id': entry 'Offener Familientreff' has neither guid/id nor link",
        "problem: entry 4: duplicate record key 'fz-sonnenblume-termin-4711' (first used at "
        "entry 1)",
        "inspect: 3 records · 2 problems · adapter rss (content: <rss> feed)",
    ]


def test_limit_prints_fewer_but_counts_all():
    code, lines, err = run(str(CONFIG_ONLY / "familienzentrum_styrum.ics"), limit=1)
    assert (code, len(lines)) == (0, 1)
    assert "note: showing the first 1 (--limit)" in err
    assert err[-1].startswith("inspect: 4 records")


def test_a_csv_without_registry_entry_gets_a_guessed_key_and_a_mapping_hint():
    code, lines, err = run(str(CONFIG_ONLY / "ferienspiele_2027.csv"), normalise_records=True,
                           kind="holiday_care")
    assert code == 0 and len(lines) == 5
    assert "note: key 'Angebots-Nr.' guessed (set it with --key)" in err
    assert lines[0]["quarantined"]["field"] == "title"
    assert any("a registry mapping is needed" in line for line in err)
    assert err[-1].startswith("inspect: 5 records · 0 problems · 0 valid, 5 quarantined")


def test_an_explicit_key_and_a_missing_kind_hint():
    code, lines, err = run(str(CONFIG_ONLY / "familienzentrum_styrum.ics"), normalise_records=True)
    assert code == 0
    quarantined = [line for line in lines if "quarantined" in line]
    assert {line["quarantined"]["field"] for line in quarantined} == {"kind"}
    assert len(quarantined) == 3  # the "Elterncafé" names its kind by its category
    assert any(line.startswith("note: records name no offer kind: pass --kind") for line in err)
    code, lines, _ = run(str(CONFIG_ONLY / "ferienspiele_2027.csv"), key="Titel", limit=1)
    assert lines[0]["record_key"] == "Zirkuswoche im Zelt"


def test_normalise_with_a_registry_source_prints_offers_and_quarantine(tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text((CONFIG_ONLY / "sources.toml").read_text(encoding="utf-8")
                        .replace("@FIXTURES@", str(CONFIG_ONLY)).replace("@API@", "http://x.invalid"),
                        encoding="utf-8")
    code, lines, err = run(str(CONFIG_ONLY / "ferienspiele_2027.csv"), normalise_records=True,
                           source_id="ferienspiele-csv", registry=registry)
    assert code == 0
    offers = {line["record_key"]: line for line in lines if "offer" in line}
    assert offers["FS27-103"]["offer"]["title"] == "Töpfern für Kids"
    assert offers["FS27-103"]["location"]["postal_code"] == "45468"
    flags = offers["FS27-101"]["quality_flags"]
    assert isinstance(flags, list) and not [f for f in flags if f.endswith("_unparsed")]
    (rejected,) = [line for line in lines if "quarantined" in line]
    assert rejected["record_key"] == "FS27-105"
    assert rejected["quarantined"]["reason"] == "invalid"
    assert err[-1] == ("inspect: 5 records · 0 problems · 4 valid, 1 quarantined · adapter csv "
                       "(source 'ferienspiele-csv')")


@pytest.mark.parametrize(
    ("name", "content", "options", "message"),
    [
        ("missing.csv", None, {}, "missing.csv: no such file"),
        ("empty.csv", b"", {}, "the file is empty"),
        ("noise.bin", bytes(range(256)) * 8, {}, "cannot tell the format (binary content)"),
        ("notes.txt", b"Liebe Eltern,\nbis bald!\n", {}, "cannot tell the format"),
        ("odd.xml", b"<inventar><stueck/></inventar>", {}, "XML with the root <inventar>"),
        ("broken.json", b'{"kurse": [', {}, "not valid JSON"),
        ("single.json", b'{"titel": "Kurs", "ort": "Saarn"}', {}, "JSON without a list of items"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, {}, "old Excel (.xls)"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", {}, "damaged ZIP"),
        ("kurse.csv", b"Titel;Beginn\n", {}, "no rows below the header"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"adapter": "xlsx"}, "XLSX"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"adapter": "ical"}, "not a readable iCalendar"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"adapter": "rss"}, "not an RSS or Atom feed"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"adapter": "xcri_cap"}, "not well-formed XML"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"adapter": "geojson"}, "not valid JSON"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"adapter": "pdf"}, "unknown adapter 'pdf'"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"kind": "zirkus"}, "unknown offer kind"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"source_id": "gibt-es-nicht"}, "no source named"),
        ("kurse.csv", b"Titel;Beginn\nA;1\n", {"adapter": "spider"}, "pass --source-id"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path, name, content, options, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, lines, err = run(str(path), **options)
    assert (code, lines, len(err)) == (1, [], 1)
    assert err[0].startswith("error: ") and message in err[0]
    assert "source 'inspect'" not in err[0]


def test_a_folder_and_an_unsupported_scheme(tmp_path):
    assert run(str(tmp_path))[2] == [f"error: {tmp_path}: is a folder, not a file"]
    assert run("ftp://example.org/kurse.csv")[2] == [
        "error: ftp://example.org/kurse.csv: only http, https and file URLs can be inspected"]


def test_a_url_is_fetched_and_sniffed(site):
    base = site({"/export": (200, "text/plain", (CONFIG_ONLY / "ferienspiele_2027.csv")
                                                   .read_bytes())})
    code, lines, err = run(base + "/export")
    assert code == 0 and len(lines) == 5
    assert lines[0]["url"] == base + "/export"
    assert err[-1].endswith("adapter csv (content: CSV text, delimiter ';', encoding cp1252)")


def test_a_url_uses_the_content_type_when_nothing_else_tells(site):
    base = site({"/liste": (200, "text/csv; charset=utf-8", b"Titel\nKinderturnen\n")})
    code, lines, err = run(base + "/liste", key="Titel")
    assert (code, [line["record_key"] for line in lines]) == (0, ["Kinderturnen"])
    assert err[-1].endswith("adapter csv (content type text/csv)")


def test_network_errors_and_robots_txt_are_one_line(site):
    base = site({"/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /intern/\n"),
                 "/weg": (410, "text/plain", b"")})
    assert run(base + "/intern/kurse.csv")[2] == [
        f"error: cannot fetch {base}/intern/kurse.csv: disallowed by robots.txt"]
    assert run(base + "/weg")[2] == [f"error: cannot fetch {base}/weg: HTTP 410"]
    code, _, err = run("http://127.0.0.1:9/kurse.csv",
                       fetcher_factory=lambda: insp_fetcher(retries=0))
    assert code == 1 and err[0].startswith("error: cannot fetch http://127.0.0.1:9/kurse.csv: "
                                           "connection failed")


def insp_fetcher(**kwargs):
    from scrapers.fetch import Fetcher

    return Fetcher(**kwargs)


def test_the_command_line_wiring():
    result = CliRunner().invoke(app, ["inspect", str(CONFIG_ONLY / "familienzentrum_styrum.ics"),
                                      "--normalise", "--kind", "leisure", "-n", "1"])
    assert result.exit_code == 0
    (line,) = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert (line["offer"]["kind"], line["offer"]["title"]) == ("leisure",
                                                               "Krabbelgruppe „Kleine Entdecker“")
    assert result.stderr.splitlines()[-1].startswith("inspect: ")
    failed = CliRunner().invoke(app, ["inspect", "/nonexistent/kurse.csv"])
    assert (failed.exit_code, failed.stdout) == (1, "")
    assert failed.stderr == "error: /nonexistent/kurse.csv: no such file\n"
