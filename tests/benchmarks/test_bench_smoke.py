"""The benchmark machinery end to end on 300 records, so it cannot rot. No speed assertions."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.__main__ import main
from benchmarks.generate import ensure_feed

SIZE = 300


def test_feed_is_deterministic(tmp_path: Path) -> None:
    one = ensure_feed(SIZE, seed=7, out_dir=tmp_path / "a")
    two = ensure_feed(SIZE, seed=7, out_dir=tmp_path / "b")
    assert one.path.read_bytes() == two.path.read_bytes()
    assert one.changed_path.read_bytes() != one.path.read_bytes()
    assert one.changed == 3
    header = one.path.read_text(encoding="utf-8").splitlines()[0].split(";")
    assert len(header) >= 25 and "Titel" in header
    assert ensure_feed(SIZE, seed=7, out_dir=tmp_path / "a") == one  # cached, not regenerated


def test_benchmark_runs_every_stage(tmp_path: Path, capsys) -> None:
    figures = tmp_path / "figures.json"
    argv = ["--sizes", str(SIZE), "--out", str(tmp_path), "--quiet", "--json", str(figures),
            "--profile", str(SIZE)]
    assert main(argv) == 0
    table = capsys.readouterr().out

    [sized] = json.loads(figures.read_text(encoding="utf-8"))["sizes"]
    imports = {run["label"]: run for run in sized["road"]["imports"]}
    assert list(imports) == ["first import", "unchanged re-import", "1 % changed"]
    for run in imports.values():
        assert [s["name"] for s in run["stages"]] == ["extract", "normalise", "merge"]
        assert all(s["seconds"] > 0 and s["peak_rss_mb"] > 0 for s in run["stages"])

    first = imports["first import"]
    validity = first["validity"]
    assert validity["fetched"] == SIZE
    assert validity["valid"] / validity["fetched"] > 0.95
    assert first["counts"]["new"] == validity["valid"]
    unchanged = imports["unchanged re-import"]["counts"]
    assert (unchanged["new"], unchanged["changed"], unchanged["withdrawn"]) == (0, 0, 0)
    changed = imports["1 % changed"]["counts"]
    assert changed["new"] == 0 and 1 <= changed["changed"] <= sized["feed"]["changed"]
    assert sized["reference"]["stage"]["detail"]["rows"] == SIZE
    stage_peaks = [s["peak_rss_mb"] for run in imports.values() for s in run["stages"]]
    assert sized["road"]["peak_rss_mb"]["self"] >= max(stage_peaks)

    for text in ("first import", "unchanged re-import", "1 % changed", "extract", "normalise",
                 "merge", "total", "duckdb read_csv", "target: ≥ 25k records/s", "valid",
                 "quarantined", "stage shares", "self time"):
        assert text in table
    assert not list(tmp_path.glob("run-*")) and not list(tmp_path.glob("profile-*"))


def test_crawl_speed_machinery_on_one_demo_site():
    from benchmarks.crawl import measure_crawls, render_crawls

    (portal,) = measure_crawls(only=["ferienportal"])
    assert (portal.source_id, portal.pages, portal.records) == ("ferienportal", 96, 90)
    assert portal.pages_per_second > 0
    assert "pages/s" in render_crawls([portal])
