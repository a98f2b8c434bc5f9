"""``python -m demo``: the foreground server and the metadata command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from demo.cli import main

PROJECT = Path(__file__).resolve().parents[2]


def test_providers_command_prints_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["providers"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ferienportal"]["expected_count"] == 90
    assert data["vhs"]["entry_path"] == "/vhs/api/kurse?page=1&per_page=20"


def test_serve_prints_the_base_url_and_stops_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "demo", "serve", "--port", "0"],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert httpx.get(base_url + "/robots.txt", timeout=5).status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
