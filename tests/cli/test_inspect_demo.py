"""``inspect`` on the demo providers over HTTP: detection without a registry entry, and each
demo source read and normalised the way its registry entry says."""

from __future__ import annotations

import io
from collections.abc import Iterator

import orjson
import pytest

from core.settings import CONFIG_DIR
from demo import DemoWorld
from familienpunkt import inspect as insp

REGISTRY = CONFIG_DIR / "sources.demo.toml"


@pytest.fixture(scope="module")
def world() -> Iterator[DemoWorld]:
    with DemoWorld() as running:
        yield running


def inspect_url(url: str, **options) -> tuple[int, list[dict], list[str]]:
    out, err = io.BytesIO(), io.StringIO()
    code = insp.run(url, out=out, err=err, **options)
    return code, [orjson.loads(x) for x in out.getvalue().splitlines()], err.getvalue().splitlines()


@pytest.mark.parametrize(
    ("provider", "adapter", "records"),
    [
        ("kitas", "csv", 90),
        ("sportservice", "xlsx", 42),  # section rows too: a throw-away source has no "require"
        ("vhs", "json_api", 20),  # the first page: inspect reads one document
        ("stillinseln", "geojson", 20),
        ("sportverein", "ical", 30),
        ("kulturhaus", "structured", 5),  # the month page's JSON-LD @graph
        ("beratung", "structured", 0),  # cards without structured data: a spider's job
    ],
)
def test_demo_provider_urls_are_detected(world, provider, adapter, records):
    code, lines, err = inspect_url(world.providers[provider].url)
    assert code == 0, err
    assert len(lines) == records
    assert f"adapter {adapter} (content: " in err[-1]


def test_a_page_without_structured_data_says_what_to_do(world):
    _, _, err = inspect_url(world.providers["beratung"].url)
    assert any("a site spider with selectors is needed" in line for line in err)


@pytest.mark.parametrize(
    ("source_id", "path", "valid"),
    [
        ("kitas", "/kitas/download/kitaverzeichnis-muelheim.csv", 90),
        ("sportservice", "/sportservice/downloads/Schwimmkurse-und-Feriencamps-2026-27.xlsx", 40),
        ("vhs", "/vhs/api/kurse", 20),
        ("stillinseln", "/stillinseln/geoportal/stillinseln.geojson", 20),
        ("sportverein", "/sportverein/events/?ical=1", 30),
        ("beratung", "/beratung/", 32),  # through the source's own spider
    ],
)
def test_demo_sources_normalise_as_registered(world, source_id, path, valid):
    code, lines, err = inspect_url(world.url(path), source_id=source_id, registry=REGISTRY,
                                   normalise_records=True)
    assert code == 0, err
    assert sum("offer" in line for line in lines) == valid
    assert err[-1].endswith(f"(source '{source_id}')")
    assert all(line["offer"]["provenance"]["source_id"] == source_id
               for line in lines if "offer" in line)


def test_a_spider_source_on_a_listing_page_counts_the_links_it_would_follow(world):
    code, lines, err = inspect_url(world.url("/familienbildung/kurse/"),
                                   source_id="familienbildung", registry=REGISTRY)
    assert (code, lines) == (0, [])
    assert "note: 50 link(s) to follow found (inspect reads one page)" in err


def test_a_spider_source_on_a_detail_page_reads_it(world):
    key = world.offer_keys("ferienportal")[0]
    code, lines, err = inspect_url(world.url(f"/ferienportal/angebot/{key}"),
                                   source_id="ferienportal", registry=REGISTRY)
    assert code == 0, err
    assert [line["record_key"] for line in lines] == [key]
    assert "note: read as a detail page" in err
