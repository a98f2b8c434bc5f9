"""Publishing: an atomic dated release, a latest pointer, a valid Frictionless package, and
nothing that must not be published."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from frictionless import validate

from schemas.version import SCHEMA_VERSION
from tests.conftest import FROZEN_NOW
from tests.warehouse.builders import build_release, record
from warehouse.publish import publish

REGISTRY_TOML = """
[providers.jugendamt]
name = "Amt für Kinder, Jugend und Schule"
type = "municipal"

[providers.privat]
name = "Privater Anbieter"
type = "company"

[sources.portal]
provider = "jugendamt"
adapter = "csv"
url = "https://ferien.example/angebote.csv"
licence = "dl-by-de/2.0"
key = "nr"
defaults = { kind = "holiday_care" }

[sources.closed]
provider = "privat"
adapter = "csv"
url = "https://privat.example/kurse.csv"
licence = "other-closed"
key = "nr"
defaults = { kind = "course" }
"""


@pytest.fixture
def published(tmp_path: Path):
    batches = {
        "portal": [
            record(
                "portal",
                "1",
                title='=HYPERLINK("http://evil.example")',
                date_text="19.–23.07.2027",
                time_text="8–13 Uhr",
                price_text="15 Euro pro Woche, mit Mülheim-Pass die Hälfte",
                street="Meisenburgstraße 152",
                postal_code="45470",
                city="Mülheim an der Ruhr",
            ),
            record(
                "portal",
                "2",
                title="Frauenhaus-Gruppe",
                street="Geheimweg 1",
                confidential="ja",
                date_text="12.07.2027",
            ),
            record(
                "portal", "3", title="Waldwoche in Selbeck", age_text="ab 8", price_text="kostenlos"
            ),
        ],
        "closed": [record("closed", "k1", title="Babyschwimmen", price_text="80 Euro")],
    }
    release, con, registry = build_release(tmp_path, REGISTRY_TOML, batches)
    yield release, con, registry, tmp_path
    con.close()


def rows(release, table: str) -> list[dict[str, str]]:
    with (release.path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_release_is_a_valid_frictionless_package_with_hashes(published):
    release, *_ = published
    report = validate(release.path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((release.path / "datapackage.json").read_text())
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["version"] == f"{SCHEMA_VERSION}+20261121T083000Z-test"
    for resource in package["resources"]:
        digest = hashlib.sha256((release.path / resource["path"]).read_bytes()).hexdigest()
        assert resource["hash"] == f"sha256:{digest}"
    assert [lic["name"] for lic in package["licenses"]] == ["DL-DE-BY-2.0"]


def test_a_corrupted_file_fails_validation(published):
    release, *_ = published
    path = release.path / "csv" / "taxonomy.csv"
    path.write_bytes(path.read_bytes().replace(b"Kurs", b"Kurz", 1))
    assert not validate(release.path / "datapackage.json").valid


def test_latest_points_at_the_release_atomically(published):
    release, _, _, tmp = published
    root = tmp / "export"
    assert (root / "latest").resolve() == release.path.resolve()
    assert json.loads((root / "latest.json").read_text())["release"] == "20261121T083000Z-test"
    assert not list((root / "releases").glob(".tmp-*"))


def test_releases_are_immutable(published):
    release, con, registry, tmp = published
    with pytest.raises(FileExistsError):
        publish(
            con,
            export_root=tmp / "export",
            registry=registry,
            taxonomy_terms=[],
            release_id="20261121T083000Z-test",
            now=FROZEN_NOW,
        )


def test_nothing_is_published_that_must_not_be(published):
    release, *_ = published
    offers = rows(release, "offers")
    assert {o["provenance_source_id"] for o in offers} == {"portal"}  # closed licence withheld
    assert release.withheld == {"closed_licence": 1, "confidential_location": 1}
    shelter = next(o for o in offers if o["title"] == "Frauenhaus-Gruppe")
    assert shelter["location_id"] == ""
    assert "Geheimweg" not in (release.path / "csv" / "locations.csv").read_text()
    assert all("Geheimweg" not in p.read_text() for p in (release.path / "json").glob("*.json"))


def test_formulas_are_neutralised_in_csv_free_text_only(published):
    release, *_ = published
    offers = rows(release, "offers")
    risky = next(o for o in offers if "HYPERLINK" in o["title"])
    assert risky["title"] == '\'=HYPERLINK("http://evil.example")'
    document = json.loads((release.path / "json" / "offers.json").read_text())
    assert any(item["title"] == '=HYPERLINK("http://evil.example")' for item in document["items"])
    prices = rows(release, "prices")
    assert [(p["amount"], p["unit"], p["reduction"]) for p in prices] == [
        ("15.00", "per_week", ""),
        ("7.50", "per_week", "city_pass"),
    ]


def test_every_published_offer_traces_to_source_run_and_raw_record(published):
    release, con, *_ = published
    for offer in rows(release, "offers"):
        raw = con.execute(
            "SELECT source_id, record_key, first_run_id FROM raw_records WHERE raw_id = ?",
            [offer["provenance_raw_record_id"]],
        ).fetchone()
        assert raw == (
            offer["provenance_source_id"],
            offer["provenance_source_record_key"],
            offer["provenance_run_id"],
        )


DUPLICATES = """
[providers.jugendhaus]
name = "Jugendhaus Speldorf"
type = "independent_provider"

[providers.portal]
name = "Ferienportal"
type = "municipal"

[sources.jugendhaus]
provider = "jugendhaus"
adapter = "rss"
url = "https://jugendhaus.example/feed/"
licence = "cc-by/4.0"
defaults = { kind = "holiday_care" }

[sources.portal]
provider = "portal"
adapter = "csv"
url = "https://ferien.example/angebote.csv"
licence = "dl-by-de/2.0"
key = "nr"
defaults = { kind = "holiday_care" }

[publication]
source_priority = ["jugendhaus", "portal"]
field_priority = { live = ["portal"] }
"""


def test_an_offer_listed_by_two_sources_is_published_once_with_links(tmp_path):
    venue = dict(location_name="Jugendhaus Speldorf", street="Frühlingstraße 52", postal_code="45478",
                 city="Mülheim an der Ruhr", age_text="10- bis 14-Jährige")
    batches = {
        "jugendhaus": [record("jugendhaus", "p-2317", title="Hip-Hop & Breakdance",
                              description="Fünf Nachmittage Breakdance mit zwei Trainern. Am Freitag zeigen alle ihre Choreografie.",
                              date_text="19.–23.07.2027", time_text="13.30–16.30 Uhr", price_text="kostenlos", **venue)],
        "portal": [record("portal", "FS-2027-0737", title="Jugendhaus Speldorf: Hip-Hop- und Breakdance-Camp",
                          description="Breakdance in den Ferien.", date_text="19.07.–23.07.2027",
                          time_text="13:30 bis 16:30 Uhr", price_text="kostenlos",
                          free_places="noch 3 freie Plätze", **venue),
                   record("portal", "FS-2027-0999", title="Hip-Hop & Breakdance", date_text="26.–30.07.2027",
                          time_text="13.30–16.30 Uhr", **venue)],  # another week: another offer
    }
    release, con, _ = build_release(tmp_path, DUPLICATES, batches)
    con.close()
    offers = {o["provenance_source_record_key"]: o for o in rows(release, "offers")}
    assert set(offers) == {"p-2317", "FS-2027-0999"}
    merged = offers["p-2317"]
    assert merged["title"] == "Hip-Hop & Breakdance"  # the provider's own site ranks first
    assert merged["free_places"] == "3"  # the booking portal wins live places
    assert "duplicate_merged" in merged["quality_flags"]
    links = {(link["source_id"], link["source_record_key"]): link["survivor_id"] for link in rows(release, "offer_links")}
    assert links == {("jugendhaus", "p-2317"): merged["id"], ("portal", "FS-2027-0737"): merged["id"]}
    assert validate(release.path / "datapackage.json").valid
