"""A source run's raw file -> staging: bad lines and clashing keys are quarantined, the rest
goes on."""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq

from pipelines.source_run import make_context, normalise_source
from schemas.raw import RawRecord
from schemas.source import Source
from tests.conftest import FROZEN_NOW

SOURCE = Source.model_validate(
    {
        "id": "kurse",
        "provider": "vhs",
        "adapter": "csv",
        "url": "https://vhs.example/kurse.csv",
        "licence": "cc-zero",
        "key": "nr",
        "defaults": {"kind": "course"},
    }
)


def line(key: str, **fields) -> bytes:
    return RawRecord(
        source_id="kurse", record_key=key, url=None, fetched_at=FROZEN_NOW, fields=fields
    ).to_json_line()


def test_bad_lines_and_clashing_keys_are_quarantined_and_the_rest_imports(tmp_path):
    raw = tmp_path / "kurse.jsonl"
    raw.write_bytes(
        b"".join(
            [
                line("1", title="Babymassage", date_text="jeden Mittwoch", time_text="10–11 Uhr"),
                b'{"source_id": "kurse", "record_key": "2", "fields": {}}\n',  # no fetched_at
                line("3", title="PEKiP"),
                line("3", title="PEKiP"),  # the same again: a harmless duplicate
                line("3", title="PEKiP II"),  # same key, other content
                line("4", title="Erste Hilfe am Kind", date_text="31.02.2027"),
                b"\n",
            ]
        )
    )
    ctx = make_context(SOURCE, provider_key="vhs", reference=date(2026, 11, 21))
    report = normalise_source(raw, ctx, tmp_path / "stage")
    assert (report.fetched, report.valid, report.quarantined, report.duplicates) == (6, 2, 3, 1)
    quarantine = pq.read_table(report.staged.path("quarantine")).to_pylist()
    assert [(q["record_key"], q["field"], q["reason"]) for q in quarantine] == [
        ("line 2", "fetched_at", "malformed_raw"),
        ("3", "record_key", "duplicate_key"),
        ("4", "date_text", "invalid"),
    ]
    assert (
        quarantine[0]["message"] == "source 'kurse', raw line 2, field 'fetched_at': Field required"
    )
    offers = pq.read_table(report.staged.path("offers")).to_pylist()
    assert [o["record_key"] for o in offers] == ["1", "3"]
    assert report.stats["fields"]["date_text"] == {
        "present": 2,
        "missing": 4,
        "unparsed": 0,
        "invalid": 1,
        "read_in_sentence": 0,
    }


def test_a_fault_of_the_normaliser_costs_one_record_not_the_source(tmp_path, monkeypatch):
    import pipelines.source_run as source_run

    real = source_run.normalise_record

    def flaky(raw, ctx):
        if raw.record_key == "2":
            raise RuntimeError("boom")
        return real(raw, ctx)

    monkeypatch.setattr(source_run, "normalise_record", flaky)
    raw = tmp_path / "kurse.jsonl"
    raw.write_bytes(line("1", title="Babymassage") + line("2", title="PEKiP") + line("3", title="Turnen"))
    ctx = make_context(SOURCE, provider_key="vhs", reference=date(2026, 11, 21))
    report = normalise_source(raw, ctx, tmp_path / "stage")
    assert (report.valid, report.quarantined) == (2, 1)
    (held,) = pq.read_table(report.staged.path("quarantine")).to_pylist()
    assert (held["record_key"], held["reason"]) == ("2", "normaliser_error")
    assert "RuntimeError: boom" in held["message"]
