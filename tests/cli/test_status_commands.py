"""`familienpunkt status --source` and `familienpunkt quarantine` read the run ledger."""

from __future__ import annotations

from datetime import timedelta

from typer.testing import CliRunner

from core.settings import get_settings
from familienpunkt.cli import app
from tests.conftest import FROZEN_NOW
from warehouse import ledger
from warehouse.access import writing

runner = CliRunner()


def test_source_statistics_and_quarantine(tmp_path, monkeypatch):
    monkeypatch.setenv("FAMILIENPUNKT_DB", str(tmp_path / "w.duckdb"))
    get_settings.cache_clear()
    writer = writing(tmp_path / "w.duckdb", "test")
    con = writer.__enter__()
    report = ledger.SourceRunReport(
        run_id="r1", source_id="ferienportal", status="ok", started_at=FROZEN_NOW,
        finished_at=FROZEN_NOW + timedelta(seconds=4), fetched=90, valid=89, quarantined=1,
        stats={
            "extract": {"pages_fetched": 96, "http_status_counts": {"200": 96}, "records_per_page": 0.94},
            "normalise": {
                "fields": {"date_text": {"present": 90, "missing": 0, "unparsed": 0, "invalid": 1}},
                "flags": {"price_text_unparsed": 2},
                "unmapped_categories": {"Zirkus": 3},
            },
        },
    )
    ledger.record_source_run(con, report)
    con.execute(
        "INSERT INTO quarantine VALUES ('r1', 'ferienportal', 'FS-2027-0824', NULL, 'date_text', "
        "'invalid', 'day 31 is out of range for June 2027', ?)", [FROZEN_NOW],
    )
    writer.__exit__(None, None, None)
    try:
        stats = runner.invoke(app, ["status", "--source", "ferienportal"])
        assert stats.exit_code == 0, stats.output
        assert "fetched 90, valid 89, quarantined 1" in stats.output
        assert "pages 96, HTTP {'200': 96}" in stats.output
        assert "date_text" in stats.output and "price_text_unparsed 2" in stats.output
        assert "unmapped categories: Zirkus 3" in stats.output
        held = runner.invoke(app, ["quarantine", "ferienportal"])
        assert held.exit_code == 0, held.output
        assert "FS-2027-0824" in held.output and "June 2027" in held.output
        missing = runner.invoke(app, ["status", "--source", "nope"])
        assert missing.exit_code == 1 and "has no run yet" in missing.output
    finally:
        get_settings.cache_clear()
