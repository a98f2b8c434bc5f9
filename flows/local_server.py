"""A Prefect API for one command, when no server is configured: started as our own child.

Without ``PREFECT_API_URL`` Prefect would start a temporary server itself — a process that
survives its parent when the parent is killed. This starts the same server (Prefect's app under
uvicorn, UI off) as a child that the kernel stops with its parent, notes its PID for the crash
cleanup, waits until it answers and points ``PREFECT_API_URL`` at it for the command's life.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from core.processes import forget, spawn_bound
from core.settings import get_settings

START_TIMEOUT_S = 180.0


class PrefectServerError(RuntimeError):
    """The local Prefect server did not come up."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def prefect_api() -> Iterator[str]:
    """The configured Prefect API, or a local server of our own for the duration."""
    configured = os.environ.get("PREFECT_API_URL") or _api_in_settings()
    if configured:
        yield configured
        return
    import importlib.util

    prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent  # not imported here
    settings = get_settings()
    port = _free_port()
    log_path = settings.data_dir / "logs" / "prefect-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    pid_dir = settings.pid_dir / str(os.getpid())
    with log_path.open("ab") as log:
        process = spawn_bound(
            [
                sys.executable, "-m", "uvicorn",
                "--app-dir", str(prefect_dir.parent),
                "--factory", "prefect.server.api.server:create_app",
                "--host", "127.0.0.1", "--port", str(port),
                "--log-level", "error", "--lifespan", "on",
            ],
            pid_dir=pid_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            },
        )
    url = f"http://127.0.0.1:{port}/api"
    try:
        _wait_healthy(process, url, log_path)
        os.environ["PREFECT_API_URL"] = url  # for child processes and later imports
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: url}):  # if Prefect was imported
            yield url
    finally:
        _drain_prefect()  # send the last logs and events while the server still listens
        os.environ.pop("PREFECT_API_URL", None)
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        forget(process, pid_dir)


def _api_in_settings() -> str | None:
    """An API URL Prefect's own settings already hold (a test harness, a profile)."""
    import sys as _sys

    if "prefect" not in _sys.modules:
        return None
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def _drain_prefect() -> None:
    import sys as _sys

    if "prefect" not in _sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=10, at_exit=False)


def _wait_healthy(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise PrefectServerError(
                    f"the local Prefect server exited with code {process.returncode}; "
                    f"see {log_path}"
                )
            with contextlib.suppress(httpx.HTTPError):
                if client.get(f"{url}/health").status_code == 200:
                    return
            time.sleep(0.2)
    raise PrefectServerError(
        f"the local Prefect server did not answer within {START_TIMEOUT_S:g} s; see {log_path}"
    )
