"""``familienpunkt new-source``: registry entries that keep the file's comments, fixtures and
tests that pass, spiders on every base, mapping suggestions, and refusals that write nothing.
Everything is written into a temporary copy of the project layout (the ``project`` fixture)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from familienpunkt.cli import app
from familienpunkt.scaffold import (
    BASES,
    Layout,
    NewSource,
    ScaffoldError,
    field_paths,
    new_source,
    slot_for,
    slot_words,
    suggest_mapping,
)
from schemas.draft import DRAFT_SLOTS
from schemas.raw import RawRecord
from schemas.source import Registry
from tests.conftest import FROZEN_NOW

TESTS = Path(__file__).parent.parent
CONFIG_ONLY = TESTS / "fixtures" / "config_only"
SCRAPER_PAGES = TESTS / "fixtures" / "scrapers"
SPIDER_PAGES = TESTS / "fixtures" / "spiders"


def layout(project: Path) -> Layout:
    return Layout(project, project / "config" / "sources.demo.toml")


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
            and "__pycache__" not in p.parts}


def test_a_csv_feed_gets_an_entry_with_commented_mapping_a_fixture_and_a_test(project):
    where = layout(project)
    before = where.registry.read_text(encoding="utf-8")
    plan = new_source(NewSource("ferien-csv", "jugendamt", "csv",
                                sample=CONFIG_ONLY / "ferienspiele_2027.csv", kind="holiday_care",
                                licence="dl-by-de/2.0"), where)
    after = where.registry.read_text(encoding="utf-8")
    assert after.startswith(before)  # every comment and entry of the steward's file kept
    added = after[len(before):]
    assert "[sources.ferien-csv]" in added and "[sources.ferien-csv.mapping]" in added
    for line in ('# title = "Titel"', '# start = "Beginn"', '# end = "Ende"',
                 '# postal_code = "PLZ"', '# street = "Straße"', '# age_text = "Alter"',
                 '# prices = ["Kosten (€)", "Kosten ermäßigt (€)"]', '# capacity = "Plätze"'):
        assert line in added
    entry = tomllib.loads(after)["sources"]["ferien-csv"]
    assert entry["key"] == "Angebots-Nr."
    assert (entry["adapter"], entry["licence"], entry["min_records"]) == ("csv", "dl-by-de/2.0", 2)
    assert entry["defaults"] == {"kind": "holiday_care"} and entry["mapping"] == {}
    assert entry["url"].startswith("file://") and entry["url"].endswith(
        "tests/fixtures/sources/ferien-csv/ferienspiele_2027.csv")
    assert Registry.load(where.registry).sources["ferien-csv"].key == "Angebots-Nr."
    assert set(plan.files) == {
        project / "tests/fixtures/sources/ferien-csv/ferienspiele_2027.csv",
        project / "tests/sources/test_ferien_csv_source.py"}
    test = (project / "tests/sources/test_ferien_csv_source.py").read_text(encoding="utf-8")
    assert "assert (len(records), problems.count) == (5, 0)" in test
    assert 'record_key="FS27-101"' in test and '"Titel": "Zirkuswoche im Zelt",' in test


def test_a_json_api_read_from_a_url_gets_its_items_option(project, site):
    page = (CONFIG_ONLY / "kulturkalender_seite1.json").read_bytes()
    base = site({"/api/veranstaltungen": (200, "application/json", page)})
    new_source(NewSource("kultur-api", "kulturhaus", "json_api",
                         url=base + "/api/veranstaltungen"), layout(project))
    text = layout(project).registry.read_text(encoding="utf-8")
    entry = tomllib.loads(text)["sources"]["kultur-api"]
    assert entry["url"] == base + "/api/veranstaltungen"
    assert entry["options"] == {"items": "veranstaltungen"} and "key" not in entry
    for line in ('# start = "termin.beginn"', '# age_min = "zielgruppe.alter_von"',
                 '# location_name = "ort.name"', '# postal_code = "ort.plz"',
                 '# city = "ort.ort"', '# categories = "kategorien"', '# url = "link"'):
        assert line in text
    assert (project / "tests/fixtures/sources/kultur-api/veranstaltungen").exists() is False
    assert (project / "tests/fixtures/sources/kultur-api/kultur-api.json").read_bytes() == page


def test_a_sample_that_looks_like_another_format_is_pointed_out(project):
    plan = new_source(NewSource("liste", "vhs", "csv",
                                sample=CONFIG_ONLY / "kulturkalender_seite1.json"), layout(project))
    assert any(note.startswith("note: the sample looks like json_api") for note in plan.notes)


def test_feeds_with_a_shape_mapper_get_no_mapping_suggestions(project):
    new_source(NewSource("fz-ical", "familienbildung", "ical",
                         sample=CONFIG_ONLY / "familienzentrum_styrum.ics"), layout(project))
    text = layout(project).registry.read_text(encoding="utf-8")
    assert "# the ical mapper fills the slots" in text
    assert tomllib.loads(text)["sources"]["fz-ical"]["min_records"] == 2


@pytest.mark.parametrize(
    ("base", "sample", "expected"),
    [
        ("listing", SPIDER_PAGES / "beratung.html",
         ['item_cards = "article.karte"', "key = \"./@id\"", '"title": "h3",']),
        ("structured", SPIDER_PAGES / "kulturhaus_veranstaltung_3183.html",
         ['wanted_types = frozenset({"Event"})']),
        ("sitemap", SCRAPER_PAGES / "fz_kurs_2101.html",
         ['"start": dd("Beginn"),', '"price_text": dd("Kosten"),', '"title": "h1",']),
        ("tribe", SCRAPER_PAGES / "tribe_events_seite1.json", ["(TribeEventsSpider):"]),
    ],
)
def test_a_spider_on_each_base(project, base, sample, expected):
    plan = new_source(NewSource("neu-quelle", "kulturhaus", "spider", spider_base=base,
                                url="https://anbieter.example/", sample=sample, kind="culture"),
                      layout(project))
    module = project / "scrapers/spiders/neu_quelle.py"
    code = module.read_text(encoding="utf-8")
    assert f"class NeuQuelleSpider({BASES[base].class_name}):" in code
    assert 'name = "neu-quelle"' in code
    assert all(line in code for line in expected), code
    assert len(code.splitlines()) <= 40
    suffix = BASES[base].fixture_suffix
    assert (project / f"tests/fixtures/spiders/neu-quelle{suffix}").read_bytes() == \
        sample.read_bytes()
    entry = Registry.load(layout(project).registry).sources["neu-quelle"]
    assert (entry.adapter.value, entry.spider, entry.url) == ("spider", "neu-quelle",
                                                              "https://anbieter.example/")
    assert "spider makes" in plan.notes[0]


def test_the_generated_tests_pass_in_the_project_copy(project):
    where = layout(project)
    new_source(NewSource("kitas-neu", "kita-verzeichnis", "csv",
                         sample=CONFIG_ONLY / "ferienspiele_2027.csv"), where)
    new_source(NewSource("karten", "familienwegweiser", "spider", spider_base="listing",
                         url="https://wegweiser.example/", sample=SPIDER_PAGES / "beratung.html"),
               where)
    new_source(NewSource("fz-kurse", "familienbildung", "spider", spider_base="sitemap",
                         url="https://fz.example/sitemap.xml",
                         sample=SCRAPER_PAGES / "fz_kurs_2101.html"), where)
    new_source(NewSource("verein", "sportverein", "spider", spider_base="tribe",
                         url="https://verein.example/",
                         sample=SCRAPER_PAGES / "tribe_events_seite1.json"), where)
    environment = {**os.environ, "PYTHONPATH": str(project)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/sources",
         "tests/spiders"], cwd=project, env=environment, capture_output=True, text=True,
        timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 passed" in result.stdout


def test_a_spider_page_without_offers_gets_a_test_that_says_what_to_do(project):
    page = project / "leer.html"
    page.write_text("<html><body><p>Bald gibt es hier Termine.</p></body></html>")
    plan = new_source(NewSource("leer", "kulturhaus", "spider", spider_base="listing",
                                url="https://leer.example/", sample=page), layout(project))
    assert "its test fails until the selectors in the spider find the offers" in plan.notes
    test = (project / "tests/spiders/test_leer.py").read_text(encoding="utf-8")
    assert "no offers on the saved page yet: write the selectors" in test


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (NewSource("Neu!", "vhs", "csv", url="https://x.example/a.csv"), "no valid source id"),
        (NewSource("vhs", "vhs", "csv", url="https://x.example/a.csv"), "exists already"),
        (NewSource("neu", "gibt-es-nicht", "csv", url="https://x.example/a.csv"),
         "no provider 'gibt-es-nicht'; add it first"),
        (NewSource("neu", "vhs", "pdf", url="https://x.example/a.pdf"), "unknown adapter 'pdf'"),
        (NewSource("neu", "vhs", "csv"), "a feed needs --url or a sample file"),
        (NewSource("neu", "vhs", "spider", sample=CONFIG_ONLY / "ferienspiele_2027.csv"),
         "a spider needs its start page: pass --url"),
        (NewSource("neu", "vhs", "spider", url="https://x.example/", spider_base="magie"),
         "unknown spider base 'magie'"),
        (NewSource("neu", "vhs", "csv", sample=CONFIG_ONLY / "fehlt.csv"), "no such file"),
        (NewSource("neu", "vhs", "xlsx", sample=CONFIG_ONLY / "ferienspiele_2027.csv"),
         "the sample cannot be read as xlsx"),
        (NewSource("neu", "vhs", "csv", url="https://x.example/a.csv", kind="zirkus"),
         "unknown offer kind 'zirkus'"),
    ],
)
def test_refusals_write_nothing(project, request_, message):
    before = tree(project)
    registry = layout(project).registry.read_bytes()
    with pytest.raises(ScaffoldError, match=message.replace("(", r"\(").replace("?", r"\?")):
        new_source(request_, layout(project))
    assert tree(project) == before
    assert layout(project).registry.read_bytes() == registry


def test_an_existing_file_or_a_test_of_the_same_name_is_never_overwritten(project):
    where = layout(project)
    spider_test = project / "tests/spiders/test_karten.py"
    spider_test.parent.mkdir(parents=True)
    spider_test.write_text("# someone's work\n")
    registry = where.registry.read_bytes()
    request = NewSource("karten", "familienwegweiser", "spider", spider_base="listing",
                        url="https://wegweiser.example/", sample=SPIDER_PAGES / "beratung.html")
    with pytest.raises(ScaffoldError, match="not overwriting tests/spiders/test_karten.py"):
        new_source(request, where)
    assert spider_test.read_text() == "# someone's work\n"
    assert where.registry.read_bytes() == registry
    assert not (project / "scrapers/spiders/karten.py").exists()
    spider_test.rename(project / "tests/test_karten.py")  # pytest needs unique test names
    with pytest.raises(ScaffoldError, match="a test of the same name"):
        new_source(request, where)


def test_the_command_line_names_the_files_it_wrote(project):
    result = CliRunner().invoke(app, [
        "new-source", "fz-termine", "--provider", "familienbildung", "--adapter", "ical",
        "--sample", str(CONFIG_ONLY / "familienzentrum_styrum.ics"), "--kind", "meeting_place",
        "--root", str(project)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "new source fz-termine; wrote:" in lines
    assert "  config/sources.demo.toml" in lines
    assert "  tests/fixtures/sources/fz-termine/familienzentrum_styrum.ics" in lines
    assert "  tests/sources/test_fz_termine_source.py" in lines
    again = CliRunner().invoke(app, [
        "new-source", "fz-termine", "--provider", "familienbildung", "--adapter", "ical",
        "--sample", str(CONFIG_ONLY / "familienzentrum_styrum.ics"), "--root", str(project)])
    assert again.exit_code == 1
    assert again.stderr.strip().endswith("source 'fz-termine' exists already")


@pytest.mark.parametrize(
    ("name", "slot"),
    [
        ("Titel", "title"), ("title", "title"), ("Beginn", "start"), ("start_date", "start"),
        ("Ende", "end"), ("PLZ", "postal_code"), ("postal_code", "postal_code"),
        ("Straße / Hausnr.", "street"), ("Zeitraum / von", "start"), ("Tag / Uhrzeit", "time_text"),
        ("Kosten / Preis (€)", "price_text"), ("E-Mail", "email"), ("Öffnungszeiten",
                                                                    "opening_hours"),
        ("ort.name", "location_name"), ("venue.name", "location_name"), ("ort.plz", "postal_code"),
        ("_point.lat", "latitude"), ("properties.stadtteil", "district"), ("Alter", "age_text"),
        ("alter_von", "age_min"), ("Zielgruppe", "target_groups"), ("Veranstalter", "organizer"),
        ("Nr.", None), ("Bemerkungen", "description"), ("freie_plaetze", "free_places"),
    ],
)
def test_name_heuristics(name, slot):
    assert slot_for(name, slot_words()) == slot


def test_suggestions_collect_prices_and_list_slots_and_name_the_rest():
    suggested, other = suggest_mapping(["Titel", "Name", "Preis", "Preis ermäßigt", "Kategorie",
                                        "Themen", "Währung"])
    assert suggested == {"title": "Titel", "prices": ["Preis", "Preis ermäßigt"],
                         "categories": ["Kategorie", "Themen"]}
    assert other == ["Name", "Währung"]


def test_the_vocabulary_names_real_slots_and_each_word_once():
    from familienpunkt.scaffold import TEMPLATES, plain

    vocabulary = tomllib.loads((TEMPLATES / "slot_names.toml").read_text(encoding="utf-8"))
    assert set(vocabulary) <= DRAFT_SLOTS
    words = [plain(w) for ws in vocabulary.values() for w in ws]
    assert sorted(w for w in set(words) if words.count(w) > 1) == []


def test_field_paths_flatten_nested_objects_but_not_geometries():
    record = RawRecord(source_id="x", record_key="1", fetched_at=FROZEN_NOW, fields={
        "titel": "A", "ort": {"name": "B", "geo": {"lat": 1}}, "geometry": {"type": "Point"},
        "tags": ["a"]})
    assert field_paths([record]) == ["titel", "ort.name", "ort.geo.lat", "tags"]
