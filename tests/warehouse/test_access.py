"""One writer at a time, readers never blocked: the writer lock, its one-line refusal, the
ledger snapshot that status reads, and a second process that waits its turn."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest

from core.settings import PROJECT_ROOT
from tests.conftest import FROZEN_NOW
from warehouse import ledger
from warehouse.access import WarehouseBusy, holder, lock_is_free, snapshot_dir, writing
from warehouse.snapshot import open_snapshot

HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from warehouse.access import writing
    with writing(Path(sys.argv[1]), "import run r9: merge vhs") as con:
        Path(sys.argv[2]).write_text("held")
        sys.stdin.readline()  # hold until the test says so
""")


@pytest.fixture
def holding(tmp_path):
    """Another process holding the warehouse until released."""
    db = tmp_path / "w.duckdb"
    marker = tmp_path / "held"
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(marker)],
                               stdin=subprocess.PIPE, cwd=PROJECT_ROOT)
    while not marker.exists():  # wait for the event: the other process holds the lock
        assert process.poll() is None, "the holding process ended early"
        time.sleep(0.05)
    yield db, process
    if process.poll() is None:
        process.communicate(b"\n", timeout=60)


def test_a_second_writer_gets_one_line_naming_the_holder(holding):
    db, process = holding
    assert not lock_is_free(db)
    who = holder(db)
    assert who.pid == process.pid and who.purpose == "import run r9: merge vhs"
    with pytest.raises(WarehouseBusy) as busy, writing(db, "publish", wait_s=0.3):
        pass
    message = str(busy.value)
    assert "\n" not in message
    assert f"held by import run r9: merge vhs (pid {process.pid} on " in message
    assert "waited 0.3 s" in message


def test_a_second_writer_waits_its_turn(holding):
    db, process = holding
    process.stdin.write(b"\n")
    process.stdin.flush()
    with writing(db, "publish", wait_s=120) as con:  # waits for the holder, then writes
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)
    assert process.wait(timeout=60) == 0 and lock_is_free(db)


def test_readers_use_the_snapshot_while_a_writer_holds_the_file(tmp_path):
    db = tmp_path / "w.duckdb"
    with writing(db, "test") as con:
        ledger.start_run(con, "r1", kind="import", started_at=FROZEN_NOW, sources=1)
        ledger.record_source_run(con, ledger.SourceRunReport(
            run_id="r1", source_id="vhs", status="ok", started_at=FROZEN_NOW,
            finished_at=FROZEN_NOW + timedelta(seconds=3), fetched=60, valid=60))
    with writing(db, "holding") as con:  # the file is locked by this process now
        snap = open_snapshot(snapshot_dir(db))
        assert snap.execute("SELECT source_id, valid FROM source_runs").fetchall() == [
            ("vhs", 60)]
        assert snap.execute("SELECT status, pid FROM runs").fetchone()[0] == "running"
        con.execute("SELECT 1")
