"""Politeness across all sources: per-host concurrency and delay shared by every process.

Sources run in processes of their own, so Scrapy's per-domain limits (per process) cannot stop
ten sources of one provider from hitting its server at once. :class:`HostGate` keeps, per host,
``concurrency`` slot files and a "last request started" stamp under ``<data>/hosts/``; a request
takes a free slot (``flock``, released by the kernel if the process dies) and waits until
``delay_s`` has passed since the last request to that host started, whoever sent it.
Loopback hosts (the demo world, tests) get their own, more generous defaults.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

POLL_S = 0.02
LOOPBACK = ("127.", "localhost", "[::1]", "::1")


@dataclass(frozen=True)
class Limits:
    concurrency: int
    delay_s: float


class HostGate:
    """Cross-process per-host slots; ``slot(host)`` is a context manager."""

    def __init__(self, root: Path, remote: Limits, loopback: Limits):
        self.root = root
        self.remote = remote
        self.loopback = loopback

    @classmethod
    def from_settings(cls) -> HostGate:
        from core.settings import get_settings

        s = get_settings()
        return cls(
            s.data_dir / "hosts",
            Limits(s.host_concurrency, s.host_delay_s),
            Limits(s.loopback_concurrency, s.loopback_delay_s),
        )

    def limits(self, host: str) -> Limits:
        return self.loopback if host.lower().startswith(LOOPBACK) else self.remote

    def _folder(self, host: str) -> Path:
        folder = self.root / re.sub(r"[^a-zA-Z0-9_.-]", "_", host.lower())
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def try_acquire(self, host: str) -> int | None:
        """A held slot's file descriptor, or None when every slot is taken (or the host's
        delay has not passed yet)."""
        limits = self.limits(host)
        folder = self._folder(host)
        for index in range(limits.concurrency):
            fd = os.open(folder / f"slot-{index}", os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            if limits.delay_s and not self._take_turn(folder, limits.delay_s):
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
                return None
            return fd
        return None

    @staticmethod
    def _take_turn(folder: Path, delay_s: float) -> bool:
        fd = os.open(folder / "last-start", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            raw = os.pread(fd, 32, 0).strip()
            last = float(raw) if raw else 0.0
            now = time.time()
            if now - last < delay_s:
                return False
            os.ftruncate(fd, 0)
            os.pwrite(fd, repr(now).encode(), 0)
            return True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @staticmethod
    def release(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def acquire(self, host: str) -> int:
        """A slot's descriptor: a free one at once, else wait in the kernel for one (no
        polling: many waiting processes cost no CPU)."""
        fd = self.try_acquire(host)
        while fd is None:
            limits = self.limits(host)
            folder = self._folder(host)
            index = os.getpid() % limits.concurrency
            fd = os.open(folder / f"slot-{index}", os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX)
            while limits.delay_s and not self._take_turn(folder, limits.delay_s):
                time.sleep(min(limits.delay_s, 0.05))
        return fd

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[None]:
        fd = self.acquire(host)
        try:
            yield
        finally:
            self.release(fd)

    async def acquire_async(self, host: str) -> int:
        fd = self.try_acquire(host)
        if fd is not None:
            return fd
        return await asyncio.get_running_loop().run_in_executor(None, self.acquire, host)


class HostGateMiddleware:
    """Scrapy downloader middleware: every request to the network takes a host slot."""

    META = "_familienpunkt_host_slot"

    def __init__(self, gate: HostGate):
        self.gate = gate

    @classmethod
    def from_crawler(cls, crawler):
        return cls(HostGate.from_settings())

    async def process_request(self, request, spider=None):
        from urllib.parse import urlsplit

        request.meta[self.META] = await self.gate.acquire_async(urlsplit(request.url).netloc)
        return None

    def _release(self, request) -> None:
        fd = request.meta.pop(self.META, None)
        if fd is not None:
            self.gate.release(fd)

    def process_response(self, request, response, spider=None):
        self._release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self._release(request)
        return None
