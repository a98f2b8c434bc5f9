"""Merging staged source imports: change detection, withdrawals only after healthy runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from warehouse.db import connect
from warehouse.load import MergeCounts, merge_source
from warehouse.staging import StagingWriter

T0 = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


@pytest.fixture
def con(tmp_path: Path):
    connection = connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


class Stager:
    def __init__(self, root: Path):
        self.root = root
        self.runs = 0

    def __call__(self, offers: dict[str, str], *, deleted=(), quarantined=()):
        self.runs += 1
        writer = StagingWriter(self.root / f"run{self.runs}")
        at = T0 + timedelta(days=self.runs)
        for key, content in offers.items():
            writer.add(
                "offers",
                offer_id=f"id-{key}",
                record_key=key,
                status="active",
                content_hash=f"h-{content}",
                raw_id=f"r-{key}-{content}",
                fetched_at=at,
                location_id=None,
                record=f'{{"title": "{content}"}}',
            )
            writer.add(
                "raw",
                raw_id=f"r-{key}-{content}",
                record_key=key,
                url=None,
                shape="flat",
                fetched_at=at,
                fields="{}",
            )
        for key in deleted:
            writer.add("deleted", offer_id=f"id-{key}", record_key=key)
        for key in quarantined:
            writer.add(
                "quarantine",
                offer_id=f"id-{key}",
                record_key=key,
                raw_id=None,
                field="date_text",
                reason="invalid",
                message="bad date",
            )
        return writer.close(), f"run{self.runs}", at


@pytest.fixture
def stage(tmp_path: Path) -> Stager:
    return Stager(tmp_path / "staging")


def merge(con, staged, *, healthy=True, max_share=1.0) -> MergeCounts:
    folder, run_id, at = staged
    return merge_source(con, folder, run_id=run_id, source_id="s", now=at, healthy=healthy,
                        max_share=max_share)


def states(con) -> dict[str, tuple[str, int]]:
    return {
        k: (s, v)
        for k, s, v in con.execute("SELECT record_key, status, version FROM offers").fetchall()
    }


def test_new_changed_unchanged_and_withdrawn(con, stage):
    assert merge(con, stage({"a": "1", "b": "1"})) == MergeCounts(new=2)
    assert merge(con, stage({"a": "1", "b": "2", "c": "1"})) == MergeCounts(
        new=1, changed=1, unchanged=1
    )
    assert merge(con, stage({"a": "1", "c": "1"})) == MergeCounts(unchanged=2, withdrawn=1)
    assert states(con) == {"a": ("active", 1), "b": ("withdrawn", 3), "c": ("active", 1)}
    versions = con.execute(
        "SELECT o.record_key, v.version, v.change "
        "FROM offer_versions v JOIN offers o USING (offer_id) "
        "ORDER BY 1, 2"
    ).fetchall()
    assert versions == [
        ("a", 1, "new"),
        ("b", 1, "new"),
        ("b", 2, "changed"),
        ("b", 3, "withdrawn"),
        ("c", 1, "new"),
    ]


def test_an_unhealthy_run_withdraws_nothing(con, stage):
    merge(con, stage({"a": "1", "b": "1"}))
    assert merge(con, stage({"a": "1"}), healthy=False) == MergeCounts(unchanged=1)
    assert states(con) == {"a": ("active", 1), "b": ("active", 1)}


def test_a_quarantined_record_keeps_its_last_good_version_published(con, stage):
    merge(con, stage({"a": "1", "b": "1"}))
    assert merge(con, stage({"a": "1"}, quarantined=["b"])) == MergeCounts(unchanged=1)
    assert states(con)["b"] == ("active", 1)
    assert con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 1


def test_a_tombstone_withdraws_even_in_an_unhealthy_run_and_a_return_reinstates(con, stage):
    merge(con, stage({"a": "1", "b": "1"}))
    assert merge(con, stage({"a": "1"}, deleted=["b"]), healthy=False) == MergeCounts(
        unchanged=1, deleted=1
    )
    assert states(con)["b"] == ("withdrawn", 2)
    assert merge(con, stage({"a": "1", "b": "1"})) == MergeCounts(reinstated=1, unchanged=1)
    assert states(con)["b"] == ("active", 3)
    last = con.execute(
        "SELECT change FROM offer_versions WHERE offer_id = 'id-b' ORDER BY version DESC"
    ).fetchone()
    assert last == ("reinstated",)


def test_lifecycle_stamps_and_raw_records_stored_once(con, stage):
    first = stage({"a": "1"})
    merge(con, first)
    merge(con, stage({"a": "1"}))
    merge(con, stage({"a": "2"}))
    first_seen, last_changed, last_verified = con.execute(
        "SELECT first_seen, last_changed, last_verified FROM offers"
    ).fetchone()
    assert first_seen == T0 + timedelta(days=1)
    assert last_changed == T0 + timedelta(days=3) == last_verified
    assert con.execute("SELECT count(*) FROM raw_records").fetchone()[0] == 2


def test_a_failing_merge_rolls_back_completely(con, stage):
    merge(con, stage({"a": "1"}))
    staged = stage({"a": "2", "b": "1"})
    (staged[0].path("offers")).write_bytes(b"not parquet")
    with pytest.raises(Exception, match="(?i)parquet"):
        merge(con, staged)
    assert states(con) == {"a": ("active", 1)}
    assert con.execute("SELECT count(*) FROM offer_versions").fetchone()[0] == 1


def test_a_large_cut_is_held_until_a_second_healthy_run_confirms_it(con, stage):
    twenty = {k: "1" for k in "abcdefghijklmnopqrst"}
    merge(con, stage(twenty))
    cut = dict(list(twenty.items())[:11])  # a damaged file: 9 of 20 gone (45 %)
    held = merge(con, stage(cut), max_share=0.1)
    assert (held.withdrawn, held.pending) == (0, 9)
    assert sum(s == "active" for s, _ in states(con).values()) == 20  # nothing went
    back = merge(con, stage(twenty), max_share=0.1)  # the provider repaired its file
    assert (back.withdrawn, back.pending) == (0, 0)
    merge(con, stage(cut), max_share=0.1)  # cut again: held again, not withdrawn
    confirmed = merge(con, stage(cut), max_share=0.1)  # a second healthy run says the same
    assert (confirmed.withdrawn, confirmed.pending) == (9, 0)
    assert sum(s == "withdrawn" for s, _ in states(con).values()) == 9
    resolutions = dict(con.execute(
        "SELECT resolution, count(*) FROM pending_withdrawals GROUP BY 1").fetchall())
    assert resolutions == {"listed again": 9, "confirmed": 9}


def test_a_small_cut_is_withdrawn_at_once_and_an_unhealthy_one_not_held(con, stage):
    twenty = {k: "1" for k in "abcdefghijklmnopqrst"}
    merge(con, stage(twenty))
    small = merge(con, stage(dict(list(twenty.items())[:19])), max_share=0.1)
    assert (small.withdrawn, small.pending) == (1, 0)
    unhealthy = merge(con, stage(dict(list(twenty.items())[:5])), healthy=False, max_share=0.1)
    assert (unhealthy.withdrawn, unhealthy.pending) == (0, 0)
