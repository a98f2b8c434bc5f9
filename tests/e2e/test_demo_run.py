"""The whole road through Prefect on the demo world: extract, normalise, merge, publish."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from frictionless import validate

from core.settings import CONFIG_DIR, get_settings
from flows.import_sources import SourcesFailed, import_sources
from flows.run import familienpunkt_run
from schemas.source import Registry
from warehouse import ledger
from warehouse.db import connect

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DEMO_REGISTRY = str(CONFIG_DIR / "sources.demo.toml")


def _offers(export: Path) -> list[dict[str, str]]:
    with (export / "csv" / "offers.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SPLIT_MODULES = {"weiterbildung": 3}
"""openQ-cat services with two course modules (dates/places) are imported as two offers."""


def _demo_provider(source_url: str) -> str:
    return source_url.split("/")[3]  # http://127.0.0.1:port/<provider>/...


def test_demo_world_imports_publishes_and_reimports_unchanged(prefect_server, data_dir, demo_world):
    summary = familienpunkt_run(registry_path=DEMO_REGISTRY)

    registry = Registry.load(DEMO_REGISTRY)
    infos = demo_world.providers
    valid: dict[str, int] = {}
    for report in summary.imported.reports:
        provider = _demo_provider(registry.sources[report.source_id].resolved().url)
        if infos[provider].defect and infos[provider].expected_count == 0:
            assert report.status in ("failed", "suspicious"), report
            assert report.expected, report  # the demo registry expects it: exit code stays 0
            assert report.reason and report.withdrawn == 0
        else:
            assert report.status == "ok", (report.source_id, report.reason)
        valid[provider] = valid.get(provider, 0) + report.valid + report.quarantined
    for provider, info in infos.items():
        assert valid.get(provider, 0) == info.expected_count + SPLIT_MODULES.get(provider, 0), provider

    export = summary.published.path
    offers = _offers(export)
    assert len(offers) >= 600
    assert len({o["provenance_source_id"] for o in offers}) >= 20
    assert len({o["kind"] for o in offers}) == 10  # every kind (childminders: consenting ones)
    assert (export / "csv" / "childminding.csv").read_text().count("\n") > 3
    assert validate(export / "datapackage.json").valid
    latest = json.loads((get_settings().export_root / "latest.json").read_text())
    assert latest["path"] == f"releases/{summary.published.release_id}"
    assert (get_settings().export_root / "latest").resolve() == export.resolve()

    again = import_sources(registry_path=DEMO_REGISTRY)
    assert sum(r.new for r in again.reports) == 0
    assert sum(r.changed for r in again.reports) == 0
    assert sum(r.withdrawn for r in again.reports) == 0


def test_impossible_date_is_quarantined_and_the_rest_imports(prefect_server, data_dir, demo_world):
    summary = import_sources(registry_path=DEMO_REGISTRY, only=["ferienportal"])

    (report,) = summary.reports
    assert (report.fetched, report.valid, report.quarantined) == (90, 89, 1)
    con = connect(get_settings().warehouse_path, read_only=True)
    rows = con.execute(
        "SELECT source_id, record_key, field, reason, message FROM quarantine"
    ).fetchall()
    con.close()
    (source_id, key, field, reason, message) = rows[0]
    assert (source_id, key, field, reason) == (
        "ferienportal",
        "FS-2027-0824",
        "date_text",
        "invalid",
    )
    assert "'ferienportal'" in message and "'FS-2027-0824'" in message and "'date_text'" in message
    assert "day 31 is out of range for June 2027" in message


@pytest.mark.parametrize("fault", ["500", "timeout", "truncate", "empty"])
def test_a_failing_provider_keeps_its_offers_and_the_others_import(
    fault, prefect_server, data_dir, demo_world, registry_copy
):
    registry = registry_copy(kitas={"timeout_s": 6}, vhs={"timeout_s": 6})
    first = import_sources(registry_path=str(registry), only=["kitas", "vhs", "stillinseln"])
    assert {r.source_id: r.status for r in first.reports} == {
        "kitas": "ok",
        "vhs": "ok",
        "stillinseln": "ok",
    }

    demo_world.remove_offer("stillinseln", demo_world.offer_keys("stillinseln")[0])
    demo_world.set_fault("vhs", fault)
    try:
        with pytest.raises(SourcesFailed) as failed:
            import_sources(registry_path=str(registry), only=["kitas", "vhs", "stillinseln"])
    finally:
        demo_world.reset()
    second = failed.value.summary
    assert [r.source_id for r in second.alarms] == ["vhs"]

    reports = {r.source_id: r for r in second.reports}
    expected = {
        "500": ("failed", "HTTP 500"),
        "timeout": ("failed", "timed out"),
        "truncate": ("failed", "not valid JSON"),
        "empty": ("suspicious", "no records (zero alarm)"),
    }[fault]
    assert reports["vhs"].status == expected[0]
    assert expected[1] in reports["vhs"].reason
    assert reports["vhs"].withdrawn == 0
    assert (reports["kitas"].status, reports["kitas"].unchanged) == ("ok", 90)
    assert (reports["stillinseln"].status, reports["stillinseln"].withdrawn) == ("ok", 1)
    con = connect(get_settings().warehouse_path, read_only=True)
    statuses = dict(
        con.execute(
            "SELECT status, count(*) FROM offers WHERE source_id = 'vhs' GROUP BY status"
        ).fetchall()
    )
    runs = ledger.source_runs(con, second.run_id)
    con.close()
    assert "withdrawn" not in statuses and sum(statuses.values()) == 60  # all still published
    assert {r["source_id"]: r["status"] for r in runs}["vhs"] == expected[0]
