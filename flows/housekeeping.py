"""Clearing up after runs that died: the ledger is told, their leftovers are removed.

A run killed with ``kill -9`` cannot tidy up. The next run (or ``familienpunkt status --tidy``)
does it: runs that still say 'running' but whose process is gone are marked 'died'; their
staging folders, unfinished raw files, half-written releases and any child process that
outlived them are removed. What belongs to a live process is never touched.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.processes import alive, kill_group
from core.settings import Settings
from warehouse import ledger

_PID_IN_NAME = re.compile(r"\.(\d+)\.part$|-(\d+)$")


@dataclass
class Tidied:
    died: list[dict] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    killed: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"run {d['run_id']} ({d['kind']}) {d['note']}" for d in self.died]
        if self.killed:
            out.append(f"stopped {len(self.killed)} orphaned child process(es): {self.killed}")
        if self.removed:
            out.append(f"removed {len(self.removed)} leftover(s) of dead runs")
        return out


def tidy(con: duckdb.DuckDBPyConnection, settings: Settings) -> Tidied:
    """Mark dead runs and remove what they left behind; safe while other runs are alive."""
    done = Tidied(died=ledger.reap_dead_runs(con))
    running = {
        r[0] for r in con.execute("SELECT run_id FROM runs WHERE status = 'running'").fetchall()
    }
    done.killed = _orphans(settings.pid_dir)
    for folder in _children(settings.staging_dir):
        if folder.name not in running:
            _remove(folder, done)
    for part in _files(settings.raw_dir, "*/.*.part"):
        if not _owner_alive(part.name):
            _remove(part, done)
    for leftover in _files(settings.raw_dir, "*/.*.source.json"):
        if leftover.parent.name not in running:
            _remove(leftover, done)
    releases = settings.export_root / "releases"
    for tmp in _files(releases, ".tmp-*"):
        if not _owner_alive(tmp.name):
            _remove(tmp, done)
    for link in _files(settings.export_root, ".latest-*"):
        if not _owner_alive(link.name.removesuffix(".json")):
            _remove(link, done)
    return done


def _orphans(pid_dir: Path) -> list[int]:
    """Children noted by parents that are gone: stop any still alive, forget the notes."""
    killed = []
    for parent in _children(pid_dir):
        if not parent.name.isdigit() or alive(int(parent.name)):
            continue
        for note in parent.iterdir():
            if note.name.isdigit() and alive(int(note.name)):
                kill_group(int(note.name))
                killed.append(int(note.name))
        shutil.rmtree(parent, ignore_errors=True)
    return killed


def _owner_alive(name: str) -> bool:
    match = _PID_IN_NAME.search(name)
    if not match:
        return False
    return alive(int(match.group(1) or match.group(2)))


def _children(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def _remove(path: Path, done: Tidied) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        done.removed.append(str(path))
