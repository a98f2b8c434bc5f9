"""kill -9 at each stage of a run, then a new run: the ledger says what died, no child process
outlives the killed one, nothing it left behind remains, and the warehouse is whole.

Four runs are killed one after another in the same data folder — while extracting, while
normalising, inside the warehouse transaction and half-way through writing a release — each at
a named checkpoint (``FAMILIENPUNKT_PAUSE_AT``): the test waits for the checkpoint's file to
appear (an event, not a guess at timing) and kills the process there. A fifth run tidies up.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.processes import alive
from core.settings import PROJECT_ROOT
from warehouse.snapshot import open_snapshot

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SOURCES = ["kitas", "kunstmuseum"]
STAGES = ["extracting", "normalising", "merging", "publishing"]
WAIT_S = 600  # an upper bound only: the test goes on as soon as the event happens


def _cli(data: Path, demo_url: str, *args: str, pause: str | None = None) -> subprocess.Popen:
    env = {
        **os.environ,
        "FAMILIENPUNKT_DATA_DIR": str(data),
        "FAMILIENPUNKT_URL_DEMO": demo_url,
        "FAMILIENPUNKT_WRITER_STALE_AFTER_S": "3",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)  # the CLI starts (and must clean up) its own server
    if pause:
        env["FAMILIENPUNKT_PAUSE_AT"] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "familienpunkt", *args],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def _wait_for(predicate, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


def test_runs_killed_at_every_stage_leave_nothing_behind(tmp_path):
    from demo import DemoWorld

    data = tmp_path / "data"
    killed: dict[str, tuple[int, list[int]]] = {}
    with DemoWorld() as world:
        first = _cli(data, world.base_url, "run", *SOURCES)
        assert first.wait(timeout=WAIT_S) == 0, first.stdout.read().decode()
        release_before = (data / "export" / "latest").resolve()
        for stage in STAGES:
            run = _cli(data, world.base_url, "run", *SOURCES, pause=stage)
            marker = data / "checkpoints" / f"{stage}.{run.pid}"
            _wait_for(lambda: marker.exists() or run.poll() is not None,  # noqa: B023
                      f"checkpoint {stage}")
            assert run.poll() is None, run.stdout.read().decode()
            children = [int(p.name) for p in (data / "pids" / str(run.pid)).glob("*")]
            assert children, f"{stage}: the run noted its children (Prefect server, fetchers)"
            os.kill(run.pid, signal.SIGKILL)
            run.wait()
            _wait_for(lambda: not any(alive(pid) for pid in children),  # noqa: B023
                      f"the children of the run killed while {stage} to die")
            killed[stage] = (run.pid, children)
        assert (data / "export" / "latest").resolve() == release_before  # no half release shown
        last = _cli(data, world.base_url, "run", *SOURCES)
        output = last.communicate(timeout=WAIT_S)[0].decode()
        assert last.returncode == 0, output

    con = open_snapshot(data / "warehouse.duckdb.status")
    runs = con.execute("SELECT status, pid, note, kind FROM runs ORDER BY started_at").fetchall()
    assert not [r for r in runs if r[0] == "running"], runs
    for stage, (pid, children) in killed.items():
        died = [r for r in runs if r[1] == pid and r[0] == "died"]
        assert len(died) == 1 and f"process {pid}" in died[0][2], (stage, runs)
        assert died[0][3] == ("publish" if stage == "publishing" else "import"), (stage, died)
        assert not any(alive(child) for child in children), stage
        assert not (data / "pids" / str(pid)).exists(), stage
    ok_imports = con.execute(
        "SELECT count(*) FROM source_runs WHERE status = 'ok' AND run_id = "
        "(SELECT max(run_id) FROM runs WHERE kind = 'import')"
    ).fetchone()[0]
    assert ok_imports == len(SOURCES)
    assert not list(data.glob("staging/*"))
    assert not list(data.glob("raw/*/.*.part")) and not list(data.glob("raw/*/.*.source.json"))
    assert not list(data.glob("export/releases/.tmp-*"))
    assert not list(data.glob("export/.latest-*"))
    latest = (data / "export" / "latest").resolve()
    assert latest != release_before and (latest / "datapackage.json").exists()
    assert (data / "export" / "latest.json").resolve() == latest / "release.json"
