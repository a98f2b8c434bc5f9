"""Whole crawls of a loopback site: in this process (reactorless) and as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from scrapers_testkit import FAST_SETTINGS, TEST_SPIDERS, course_pages, make_source
from scrapy import Request, Spider
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from core.settings import PROJECT_ROOT
from schemas.raw import RawRecord
from scrapers.crawl import EXIT_USAGE, CrawlSetupError, main, run_spider_in_process
from scrapers.output import RawRecordExporter

STATS_KEYS = {
    "source_id",
    "spider",
    "started_at",
    "finished_at",
    "duration_s",
    "finish_reason",
    "complete",
    "pages_fetched",
    "http_status_counts",
    "records",
    "records_per_page",
    "records_invalid",
    "records_duplicate",
    "records_without_key",
    "robots_fetched",
    "robots_forbidden",
    "robots_unreachable",
    "pages_lost",
    "lost_pages",
    "refused",
    "errors",
    "structured",
    "platform",
    "error",
    "out",
}


def _records(path: Path) -> list[RawRecord]:
    return [RawRecord.model_validate_json(line) for line in path.read_bytes().splitlines()]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_in_process_crawl_writes_records_and_stats(loopback, tmp_path, frozen_now):
    out, stats_path = tmp_path / "raw" / "kurse.jsonl", tmp_path / "raw" / "kurse.stats.json"
    seen_during_crawl: list[tuple[bool, list[str]]] = []

    def watch(path: str) -> None:
        if path == "/kurse/1063-babymassage.html":  # the last page: the crawl is still running
            seen_during_crawl.append((out.exists(), _leftovers(out.parent)))

    site = loopback(course_pages(), on_request=watch)
    source = make_source("test_fbs_kurse", f"{site.url}/kurse/", id="fbs-kurse")

    result = run_spider_in_process(source, out, stats_path, FAST_SETTINGS, clock=lambda: frozen_now)

    assert seen_during_crawl == [(False, [f".kurse.jsonl.{os.getpid()}.part"])]
    assert result.complete and result.out == out
    assert _leftovers(out.parent) == []
    records = _records(out)
    assert [r.record_key for r in records] == ["1041", "1057", "1063"]
    assert records[2] == RawRecord(
        source_id="fbs-kurse",
        record_key="1063",
        url=f"{site.url}/kurse/1063-babymassage.html",
        fetched_at=frozen_now,
        fields={
            "url": f"{site.url}/kurse/1063-babymassage.html",
            "title": "Babymassage",
            "description": (
                "Sanfte Berührungen nach indischer Tradition: Entspannung für Babys und Eltern."
            ),
            "date_text": "5 Nachmittage ab Donnerstag, 05.02.2026",
            "time_text": "14.30 bis 15.45 Uhr",
            "age_text": "Babys von 6 Wochen bis 6 Monaten",
            "price_text": "45 Euro",
            "address": "Familienbildungsstätte, Raum 1\nKaiserstraße 12\n45468 Mülheim an der Ruhr",
        },
    )
    assert site.hits_of("/intern/") == []  # disallowed by robots.txt, never fetched
    stats = json.loads(stats_path.read_text())
    assert set(stats) == STATS_KEYS
    assert stats == result.stats
    assert {k: stats[k] for k in STATS_KEYS - {"started_at", "finished_at", "duration_s"}} == {
        "source_id": "fbs-kurse",
        "spider": "test_fbs_kurse",
        "finish_reason": "finished",
        "complete": True,
        "pages_fetched": 5,
        "http_status_counts": {"200": 5},
        "records": 3,
        "records_per_page": 0.6,
        "records_invalid": 0,
        "records_duplicate": 0,
        "records_without_key": 0,
        "robots_fetched": 1,
        "robots_forbidden": 1,
        "robots_unreachable": 0,
        "errors": 0,
        "pages_lost": 0,
        "lost_pages": [],
        "refused": 0,
        "structured": {},
        "platform": {},
        "error": None,
        "out": str(out),
    }


def test_in_process_crawl_runs_again_and_again(loopback, tmp_path, frozen_now):
    site = loopback(course_pages())
    source = make_source("test_fbs_kurse", f"{site.url}/kurse/")
    outs = []
    for run in range(2):
        out = tmp_path / f"run{run}.jsonl"
        result = run_spider_in_process(
            source, out, tmp_path / f"run{run}.stats.json", FAST_SETTINGS, clock=lambda: frozen_now
        )
        assert result.complete
        outs.append(sorted(r.raw_id() for r in _records(out)))

    assert outs[0] == outs[1]


def test_crawl_stopped_early_leaves_no_raw_file(loopback, tmp_path):
    out, stats_path = tmp_path / "kurse.jsonl", tmp_path / "kurse.stats.json"
    out.write_text("from an earlier run\n")  # must not survive as if it were this run's
    site = loopback(course_pages(**{"kurse_seite2.html": 1.0}))
    source = make_source("test_fbs_kurse", f"{site.url}/kurse/")

    result = run_spider_in_process(
        source, out, stats_path, {**FAST_SETTINGS, "CLOSESPIDER_TIMEOUT": 0.3}
    )

    assert not result.complete
    assert result.finish_reason == "closespider_timeout"
    assert not out.exists()
    assert _leftovers(tmp_path) == []
    stats = json.loads(stats_path.read_text())
    assert (stats["complete"], stats["out"], stats["records"]) == (False, None, 2)
    assert stats["error"] == "crawl ended early: closespider_timeout"


def test_unknown_spider_is_a_setup_error(tmp_path):
    source = make_source("no_such_spider", "https://example.org/")

    with pytest.raises(CrawlSetupError, match="no spider named 'no_such_spider'"):
        run_spider_in_process(source, tmp_path / "r.jsonl", tmp_path / "s.json", FAST_SETTINGS)


def test_spider_that_cannot_start_is_reported_as_a_crash(tmp_path):
    source = make_source("test_broken", "https://example.org/")

    result = run_spider_in_process(source, tmp_path / "r.jsonl", tmp_path / "s.json", FAST_SETTINGS)

    assert not result.complete
    assert result.finish_reason == "RuntimeError: spider cannot start"
    stats = json.loads((tmp_path / "s.json").read_text())
    assert (stats["errors"], stats["error"]) == (1, "crashed: RuntimeError: spider cannot start")
    assert not (tmp_path / "r.jsonl").exists()


def test_cli_rejects_an_unusable_source(tmp_path, capsys):
    feed = make_source("x", "https://example.org/").model_dump(mode="json") | {
        "adapter": "csv",
        "spider": None,
    }
    (tmp_path / "feed.json").write_text(json.dumps(feed))
    args = ["--out", str(tmp_path / "r.jsonl"), "--stats", str(tmp_path / "s.json")]

    assert main(["--source-json", str(tmp_path / "missing.json"), *args]) == EXIT_USAGE
    assert main(["--source-json", str(tmp_path / "feed.json"), *args]) == EXIT_USAGE
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("cannot read source file")
    assert lines[1] == "source 'test-source' is read by adapter 'csv', not a spider"


def _cli(source_json: Path, tmp_path: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "scrapers.crawl",
        "--source-json",
        str(source_json),
        "--out",
        str(tmp_path / "raw.jsonl"),
        "--stats",
        str(tmp_path / "stats.json"),
        "--set",
        f"SPIDER_MODULES=scrapers.spiders,{TEST_SPIDERS}",
        "--set",
        "DOWNLOAD_DELAY=0",
        "--set",
        "AUTOTHROTTLE_ENABLED=false",
        "--set",
        "LOG_LEVEL=WARNING",
    ]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), str(PROJECT_ROOT)]),
    }
    return subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.slow
def test_subprocess_crawl_exits_zero_with_complete_output(loopback, tmp_path):
    site = loopback(course_pages())
    (tmp_path / "source.json").write_text(
        make_source("test_fbs_kurse", f"{site.url}/kurse/").model_dump_json()
    )

    done = _cli(tmp_path / "source.json", tmp_path, timeout=60)

    assert done.returncode == 0, done.stderr
    assert site.hits_of("/intern/") == []  # robots.txt obeyed under the Twisted reactor too
    assert [r.record_key for r in _records(tmp_path / "raw.jsonl")] == ["1041", "1057", "1063"]
    assert json.loads((tmp_path / "stats.json").read_text())["complete"] is True


@pytest.mark.slow
def test_subprocess_killed_by_timeout_leaves_no_raw_file(loopback, tmp_path):
    site = loopback(course_pages(**{"kurse_seite2.html": 30.0}))
    (tmp_path / "source.json").write_text(
        make_source("test_fbs_kurse", f"{site.url}/kurse/").model_dump_json()
    )

    with pytest.raises(subprocess.TimeoutExpired):
        _cli(tmp_path / "source.json", tmp_path, timeout=3)

    assert len(site.hits_of("/kurse/1041")) == 1  # it was crawling when it was killed
    assert not (tmp_path / "raw.jsonl").exists()
    assert len(_leftovers(tmp_path)) == 1  # only the temporary file of the killed process


def test_exporter_takes_dicts_and_drops_invalid_and_duplicate_records(tmp_path, frozen_now):
    out = tmp_path / "raw.jsonl"
    crawler = get_crawler(Spider, {"FAMILIENPUNKT_RAW_OUT": str(out)})
    exporter = RawRecordExporter.from_crawler(crawler)
    spider = Spider(name="handmade")
    record = {
        "source_id": "s-1",
        "record_key": "A-1",
        "url": "https://example.org/a",
        "fetched_at": frozen_now,
        "fields": {"title": "Kinderturnen"},
    }
    exporter.open_spider()

    assert exporter.process_item(record) == RawRecord.model_validate(record)
    with pytest.raises(DropItem, match="duplicate record key 'A-1'"):
        exporter.process_item(record)
    with pytest.raises(DropItem, match="invalid raw record"):
        exporter.process_item({**record, "record_key": "A-2", "fetched_at": "2026-11-21T09:30"})
    page = Request("https://example.org/a")
    exporter.response_received(HtmlResponse(page.url, status=200, request=page), page, spider)
    exporter.spider_closed(spider, "finished")

    assert _records(out) == [RawRecord.model_validate(record)]
    stats = json.loads((tmp_path / "raw.stats.json").read_text())  # default stats path
    assert (stats["records"], stats["records_duplicate"], stats["records_invalid"]) == (1, 1, 1)
    assert (stats["source_id"], stats["spider"], stats["complete"]) == (None, "handmade", True)


@pytest.mark.slow
def test_subprocess_crash_exits_three_with_a_one_line_reason(tmp_path):
    (tmp_path / "source.json").write_text(
        make_source("test_broken", "https://example.org/").model_dump_json()
    )

    done = _cli(tmp_path / "source.json", tmp_path, timeout=60)

    assert done.returncode == 3
    assert done.stderr.strip().splitlines()[-1] == (
        "crawl of source 'test-source' crashed: RuntimeError: spider cannot start"
    )
    assert json.loads((tmp_path / "stats.json").read_text())["complete"] is False
