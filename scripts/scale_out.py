"""Scale-out on the engine that is there: a local Prefect server, a process work pool, two (or
more) workers, every demo source deployed and triggered at the same moment.

    python scripts/scale_out.py [--workers 2] [--sources kitas vhs …] [--keep]

Starts everything as child processes that die with this script, in a temporary folder of its
own (Prefect database, warehouse, releases), then prints which worker ran which source, how
long the runs queued for the one warehouse-writer slot, and checks: every source imported
exactly once, no run failed on a lock, the ledger complete. Exit code 0 when all checks hold.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.processes import spawn_bound  # noqa: E402

BIN = Path(sys.executable).parent
POOL = "familienpunkt-scale-out"
WAIT_S = 1800


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until(check, what: str, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise SystemExit(f"gave up waiting for {what}")


def _healthy(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _registry(work: Path, only: list[str] | None) -> Path:
    import tomlkit

    from core.settings import CONFIG_DIR

    document = tomlkit.parse((CONFIG_DIR / "sources.demo.toml").read_text(encoding="utf-8"))
    for source_id, table in document["sources"].items():
        broken = "expected_to_fail" in table
        if broken or (only and source_id not in only):
            table["enabled"] = False
    path = work / "sources.toml"
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs-per-worker", type=int, default=3,
                        help="flow runs a worker runs at once (the rest queue in the pool)")
    parser.add_argument("--sources", nargs="*", help="only these sources (default: all healthy)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--work", type=Path, help="use this folder instead of a temporary one")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="familienpunkt-scale-out-"))
    work.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(work / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "FAMILIENPUNKT_DATA_DIR": str(work / "data"),
    }
    os.environ.update(env)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    started = time.monotonic()
    children: list[subprocess.Popen] = []

    def child(name: str, command: list[str]) -> subprocess.Popen:
        log = (logs / f"{name}.log").open("wb")
        process = spawn_bound(command, env=os.environ.copy(), stdout=log,
                              stderr=subprocess.STDOUT, cwd=ROOT)
        children.append(process)
        return process

    try:
        child("server", [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                         "--port", str(port)])
        _wait_until(lambda: _healthy(f"{api}/health"), "the Prefect server", 300)
        demo = spawn_bound([sys.executable, "-m", "demo", "serve"], env=os.environ.copy(),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
        children.append(demo)
        os.environ["FAMILIENPUNKT_URL_DEMO"] = demo.stdout.readline().decode().strip()
        registry = _registry(work, args.sources)
        deployed = subprocess.run(
            [str(BIN / "familienpunkt"), "deploy", "--pool", POOL, "--no-schedules",
             "-r", str(registry)], cwd=ROOT, env=os.environ.copy(), capture_output=True,
        )
        if deployed.returncode:
            print(deployed.stdout.decode(), deployed.stderr.decode())
            return 1
        workers = [
            child(f"worker-{n}", [str(BIN / "prefect"), "worker", "start", "--pool", POOL,
                                  "--type", "process", "--name", f"worker-{n}",
                                  "--limit", str(args.runs_per_worker)])
            for n in range(1, args.workers + 1)
        ]
        print(f"server {api}, demo {os.environ['FAMILIENPUNKT_URL_DEMO']}, "
              f"{len(workers)} workers (pids {', '.join(str(w.pid) for w in workers)})")
        return _trigger_and_check(registry, {w.pid: f"worker-{n}"
                                             for n, w in enumerate(workers, 1)}, started)
    finally:
        for process in reversed(children):
            process.terminate()
        for process in children:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


def _trigger_and_check(registry_path: Path, workers: dict[int, str], started: float) -> int:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    from core.settings import get_settings
    from schemas.source import Registry
    from warehouse.access import snapshot_dir
    from warehouse.snapshot import open_snapshot

    registry = Registry.load(registry_path)
    sources = [s.id for s in registry.enabled()]
    triggered = time.monotonic()
    runs = {
        source_id: run_deployment(name=f"import-sources/import-{source_id}", timeout=0)
        for source_id in sources
    }
    print(f"triggered {len(runs)} import deployments at once")
    final: dict[str, object] = {}
    with get_client(sync_client=True) as client:
        deadline = time.monotonic() + WAIT_S
        while len(final) < len(runs) and time.monotonic() < deadline:
            for source_id, flow_run in runs.items():
                if source_id in final:
                    continue
                current = client.read_flow_run(flow_run.id)
                if current.state is not None and current.state.is_final():
                    final[source_id] = current
            time.sleep(1)
    wall = time.monotonic() - triggered

    con = open_snapshot(snapshot_dir(get_settings().warehouse_path))
    ledger = {}
    for source_id, status, reason, ppid, run_status in con.execute(
        "SELECT s.source_id, s.status, s.reason, r.ppid, r.status FROM source_runs s "
        "JOIN runs r USING (run_id)"
    ).fetchall():
        ledger.setdefault(source_id, []).append((status, reason, ppid, run_status))
    running = con.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone()[0]

    print(f"\n{'source':<20} {'flow run':<10} {'worker':<10} {'ledger':<10} reason")
    lock_errors = 0
    per_worker: dict[str, int] = {}
    for source_id in sources:
        flow_run = final.get(source_id)
        rows = ledger.get(source_id, [])
        worker = workers.get(rows[0][2], "?") if rows else "-"
        per_worker[worker] = per_worker.get(worker, 0) + 1
        reason = rows[0][1] if rows else ""
        message = (flow_run.state.message or "") if flow_run else "not finished"
        if "lock" in message.lower() or "lock" in (reason or "").lower():
            lock_errors += 1
        state = flow_run.state.name if flow_run else "?"
        print(f"{source_id:<20} {state:<10} {worker:<10} "
              f"{(rows[0][0] if rows else 'missing'):<10} {reason or ''}")
    once = sum(len(ledger.get(s, [])) == 1 for s in sources)
    ok = sum(1 for s in sources if ledger.get(s) and ledger[s][0][0] == "ok")
    completed = sum(1 for f in final.values() if f.state.is_completed())
    print(f"\nsources imported exactly once: {once}/{len(sources)}; ok: {ok}; flow runs "
          f"completed: {completed}/{len(sources)}; lock errors: {lock_errors}; runs left "
          f"'running' in the ledger: {running}")
    print(f"runs per worker: {per_worker}; all {len(sources)} imports took {wall:.0f} s after "
          f"the trigger ({time.monotonic() - started:.0f} s with start-up)")
    good = once == len(sources) == ok == completed and lock_errors == 0 and running == 0
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
