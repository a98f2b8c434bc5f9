"""Three sources added with configuration only — a CSV export, an iCalendar feed and a paged JSON
API — imported end to end through the real road into a temporary warehouse:
``extract_feed`` -> ``normalise_source`` -> ``merge_source``. No line of code per source."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import duckdb
import orjson
import pytest

from familienpunkt.checks import check_registry
from pipelines.source_run import NormaliseReport, make_context, normalise_source
from schemas.source import AdapterKind, Registry
from scrapers.extract import extract_feed
from scrapers.fetch import Fetcher
from tests.conftest import FROZEN_NOW
from warehouse.db import connect
from warehouse.load import MergeCounts, merge_source

FIXTURES = Path(__file__).parent.parent / "fixtures" / "config_only"


@pytest.fixture(scope="module")
def api() -> Iterator[tuple[str, list[str]]]:
    """The culture office's JSON API on 127.0.0.1: two pages, ``?seite=N``; the paths asked."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            asked.append(self.path)
            page = parse_qs(parts.query).get("seite", ["1"])[0]
            body_file = FIXTURES / f"kulturkalender_seite{page}.json"
            if parts.path != "/api/veranstaltungen" or not body_file.exists():
                self.send_error(404)
                return
            body = body_file.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory, api: tuple[str, list[str]]) -> Registry:
    """The steward's registry file, with the fixture folder and the API's address filled in."""
    text = (FIXTURES / "sources.toml").read_text(encoding="utf-8")
    text = text.replace("@FIXTURES@", str(FIXTURES.resolve())).replace("@API@", api[0])
    path = tmp_path_factory.mktemp("registry") / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return Registry.load(path)


@dataclass
class Imported:
    records: int
    report: NormaliseReport
    counts: MergeCounts


@pytest.fixture(scope="module")
def road(tmp_path_factory: pytest.TempPathFactory,
         registry: Registry) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[str, Imported]]]:
    folder = tmp_path_factory.mktemp("road")
    con = connect(folder / "warehouse.duckdb")
    imported = {source.id: _import(source, folder, con, "run-1") for source in registry.enabled()}
    try:
        yield con, imported
    finally:
        con.close()


def _import(source, folder: Path, con: duckdb.DuckDBPyConnection, run_id: str) -> Imported:
    raw = folder / run_id / "raw"
    with Fetcher(clock=lambda: FROZEN_NOW, retries=0) as fetcher:
        stats = extract_feed(source, raw / f"{source.id}.jsonl", raw / f"{source.id}.stats.json",
                             fetcher=fetcher)
    assert stats["error"] is None, stats["error"]
    ctx = make_context(source, provider_key=source.provider, reference=FROZEN_NOW.date())
    report = normalise_source(Path(stats["out"]), ctx, folder / run_id / "staging" / source.id)
    counts = merge_source(con, report.staged, run_id=run_id, source_id=source.id, now=FROZEN_NOW,
                          healthy=True)
    return Imported(stats["records"], report, counts)


def offers(con: duckdb.DuckDBPyConnection, source_id: str) -> dict[str, dict[str, Any]]:
    rows = con.execute("SELECT record_key, record FROM offers WHERE source_id = ? ORDER BY 1",
                       [source_id]).fetchall()
    return {key: orjson.loads(record) for key, record in rows}


def prices(offer: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(p["amount"], p.get("label"), p["audience"]) for p in offer.get("prices", [])]


def ages(offer: dict[str, Any]) -> tuple[int | None, int | None]:
    audience = offer["audience"]
    return audience.get("age_min_months"), audience.get("age_max_months")


def test_the_sources_are_configuration_only_and_pass_the_registry_check(registry):
    assert {s.adapter for s in registry.sources.values()} == {
        AdapterKind.CSV, AdapterKind.ICAL, AdapterKind.JSON_API}
    assert all(s.spider is None for s in registry.sources.values())
    assert check_registry(registry) == []


def test_csv_export_in_windows_1252_with_two_price_columns(road):
    con, imported = road
    run = imported["ferienspiele-csv"]
    assert (run.records, run.report.valid, run.report.quarantined) == (5, 4, 1)
    assert run.counts == MergeCounts(new=4)
    found = offers(con, "ferienspiele-csv")
    assert {k: o["title"] for k, o in found.items()} == {
        "FS27-101": "Zirkuswoche im Zelt",
        "FS27-102": "Waldforscher-Tage",
        "FS27-103": "Töpfern für Kids",
        "FS27-104": "Seepferdchen-Crashkurs",
    }
    circus = found["FS27-101"]
    assert circus["kind"] == "holiday_care"
    assert (circus["start"], circus["end"]) == ("2027-04-06T09:00:00+02:00",
                                                "2027-04-09T15:00:00+02:00")
    assert circus["schedule"]["rrule"] == "FREQ=DAILY;UNTIL=20270409T215959Z"
    assert ages(circus) == (72, 155)
    assert prices(circus) == [("45.00", None, "any"), ("22.50", "ermäßigt", "any")]
    assert circus["is_free"] is False
    assert (circus["capacity"], circus["languages"]) == (24, ["de"])
    assert ages(found["FS27-102"]) == (60, None)  # "ab 5 Jahren"
    assert prices(found["FS27-103"]) == [("12.50", None, "any")]  # no reduced price given
    assert found["FS27-104"]["is_free"] is True and prices(found["FS27-104"]) == []
    assert found["FS27-104"]["schedule"]["start_time"] == "09:00:00"


def test_csv_location_comes_from_the_mapped_columns(road):
    con, _ = road
    location = con.execute(
        "SELECT l.record FROM locations l JOIN offers o USING (location_id) "
        "WHERE o.record_key = 'FS27-101'").fetchone()[0]
    assert {k: orjson.loads(location)[k] for k in ("name", "street_address", "postal_code",
                                                     "locality")} == {
        "name": "Zirkuszelt am Hafen", "street_address": "Hafenstraße 12",
        "postal_code": "45478", "locality": "Mülheim an der Ruhr"}


def test_csv_row_with_its_end_before_its_start_is_quarantined_with_the_reason(road):
    con, _ = road
    rows = con.execute("SELECT record_key, field, reason, message FROM quarantine "
                       "WHERE source_id = 'ferienspiele-csv'").fetchall()
    assert rows == [("FS27-105", "end", "invalid",
                     "source 'ferienspiele-csv', record 'FS27-105', field 'end': end date "
                     "2027-04-12 is before start date 2027-04-14")]


def test_ical_feed_with_recurrences_all_day_and_cancelled_events(road):
    con, imported = road
    run = imported["familienzentrum-ical"]
    assert (run.records, run.report.valid, run.report.quarantined) == (4, 4, 0)
    found = {o["title"]: o for o in offers(con, "familienzentrum-ical").values()}
    assert sorted(found) == ["Elterncafé mit Kinderbetreuung", "Kinderflohmarkt im Hof",
                             "Krabbelgruppe „Kleine Entdecker“",
                             "Vorlesenachmittag: Frühlingsgeschichten"]
    toddlers = found["Krabbelgruppe „Kleine Entdecker“"]
    assert toddlers["kind"] == "meeting_place"
    # a recurring event: its DTEND ends the first session, not the series (offer end unknown)
    assert (toddlers["start"], toddlers.get("end")) == ("2027-01-12T09:30:00+01:00", None)
    assert (toddlers["schedule"]["start_time"], toddlers["schedule"]["end_time"]) == ("09:30:00", "11:00:00")
    assert toddlers["schedule"]["rrule"] == "FREQ=WEEKLY;UNTIL=20270629T220000Z;BYDAY=TU"
    assert toddlers["schedule"]["exception_dates"] == ["2027-03-30", "2027-04-06"]
    assert toddlers["schedule"]["timezone"] == "Europe/Berlin"
    assert ages(toddlers) == (0, 83)  # the source's default "0 bis 6 Jahre"
    assert found["Elterncafé mit Kinderbetreuung"]["schedule"]["rrule"] == \
        "FREQ=MONTHLY;COUNT=6;BYDAY=1FR"
    market = found["Kinderflohmarkt im Hof"]["schedule"]
    assert (market["start_date"], market["end_date"], market.get("start_time")) == (
        "2027-04-24", "2027-04-24", None)  # all day; DTEND is exclusive
    assert found["Vorlesenachmittag: Frühlingsgeschichten"]["status"] == "cancelled"


def test_paged_json_api_with_nested_fields_and_price_tiers(road, api):
    con, imported = road
    run = imported["kulturkalender-api"]
    assert (run.records, run.report.valid) == (4, 4)
    assert [p for p in api[1] if p.startswith("/api/")] == [
        "/api/veranstaltungen?seite=1", "/api/veranstaltungen?seite=2"]
    found = offers(con, "kulturkalender-api")
    assert {k: o["title"] for k, o in found.items()} == {
        "KK-2027-0313": "Der kleine Drache Kokosnuss",
        "KK-2027-0320": "Familienkonzert: Peter und der Wolf",
        "KK-2027-0410": "Museumsdetektive: Spurensuche im Schloss",
        "KK-2027-0417": "Lesung mit Bilderbuchkino",
    }
    dragon = found["KK-2027-0313"]
    assert dragon["description"].startswith("Figurentheater für Kinder ab 4\n\nKokosnuss will")
    assert (dragon["start"], dragon["end"]) == ("2027-03-13T15:00:00+01:00",
                                                "2027-03-13T16:00:00+01:00")
    assert ages(dragon) == (48, 107)
    assert prices(dragon) == [("5.00", "Kinder", "child"), ("7.50", "Erwachsene", "adult")]
    assert dragon["url"] == "https://kultur.muelheim.example/veranstaltung/KK-2027-0313"
    assert found["KK-2027-0410"]["is_free"] is True  # children 0 € -> "kostenlos"
    assert "is_free" not in found["KK-2027-0417"] and prices(found["KK-2027-0417"]) == []


def test_a_second_run_over_the_same_files_changes_nothing(road, registry, tmp_path):
    con, _ = road
    again = {s.id: _import(s, tmp_path, con, "run-2").counts for s in registry.enabled()}
    assert again == {"ferienspiele-csv": MergeCounts(unchanged=4),
                     "familienzentrum-ical": MergeCounts(unchanged=4),
                     "kulturkalender-api": MergeCounts(unchanged=4)}
