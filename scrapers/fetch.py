"""Polite HTTP (and file) fetching for feed readers: robots.txt, timeouts, retries, statistics."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
from protego import Protego

from core.clock import now_berlin
from core.settings import get_settings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(RuntimeError):
    """A URL could not be fetched after all retries; the message names URL and reason."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass
class FetchStats:
    """What a source's extraction did on the wire; stored in the run ledger."""

    requests: int = 0
    retries: int = 0
    bytes: int = 0
    status_counts: Counter[str] = field(default_factory=Counter)
    robots_blocked: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "retries": self.retries,
            "bytes": self.bytes,
            "status_counts": dict(sorted(self.status_counts.items())),
            "robots_blocked": self.robots_blocked,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class FetchedDocument:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    fetched_at: datetime

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json(self):
        import orjson

        return orjson.loads(self.content)


class Fetcher:
    """Fetches http(s) and file URLs for one source. Not thread-safe; one per source run."""

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        timeout_s: float | None = None,
        retries: int | None = None,
        backoff_s: float = 0.5,
        obey_robots: bool = True,
        clock: Callable[[], datetime] = now_berlin,
        transport: httpx.BaseTransport | None = None,
    ):
        settings = get_settings()
        self.user_agent = user_agent or settings.user_agent
        self.retries = settings.http_retries if retries is None else retries
        self.backoff_s = backoff_s
        self.obey_robots = obey_robots
        self.clock = clock
        self.stats = FetchStats()
        self._robots: dict[str, Protego | None] = {}
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Language": "de,en;q=0.5"},
            timeout=httpx.Timeout(timeout_s or settings.http_timeout_s),
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public

    def get(
        self, url: str, *, params: dict | None = None, headers: dict | None = None
    ) -> FetchedDocument:
        if urlsplit(url).scheme == "file":
            return self._read_file(url)
        if self.obey_robots and not self._allowed(url):
            self.stats.robots_blocked += 1
            raise FetchError(url, "disallowed by robots.txt")
        return self._get_with_retries(url, params=params, headers=headers)

    # -- internals

    def _read_file(self, url: str) -> FetchedDocument:
        path = Path(unquote(urlsplit(url).path))
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise FetchError(url, f"cannot read file: {exc.strerror or exc}") from None
        self.stats.requests += 1
        self.stats.bytes += len(content)
        self.stats.status_counts["file"] += 1
        return FetchedDocument(url, 200, {}, content, self.clock())

    def _get_with_retries(self, url: str, *, params, headers) -> FetchedDocument:
        attempt = 0
        started = time.monotonic()
        try:
            while True:
                attempt += 1
                self.stats.requests += 1
                try:
                    response = self._client.get(url, params=params, headers=headers)
                except httpx.TimeoutException:
                    self.stats.status_counts["timeout"] += 1
                    reason, status, retry_after = "timed out", None, None
                except httpx.HTTPError as exc:
                    self.stats.status_counts["error"] += 1
                    reason, status, retry_after = f"connection failed: {exc}", None, None
                else:
                    self.stats.status_counts[str(response.status_code)] += 1
                    if response.is_success:
                        content = response.content
                        self.stats.bytes += len(content)
                        return FetchedDocument(
                            str(response.url),
                            response.status_code,
                            {k.lower(): v for k, v in response.headers.items()},
                            content,
                            self.clock(),
                        )
                    status = response.status_code
                    reason = f"HTTP {status}"
                    retry_after = _retry_after(response.headers.get("retry-after"))
                    if status not in RETRY_STATUSES:
                        raise FetchError(url, reason, status)
                if attempt > self.retries:
                    raise FetchError(url, f"{reason} (after {attempt} attempts)", status)
                self.stats.retries += 1
                time.sleep(min(retry_after or self.backoff_s * 2 ** (attempt - 1), 30.0))
        finally:
            self.stats.seconds += time.monotonic() - started

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return True if rules is None else rules.can_fetch(url, self.user_agent)

    def _load_robots(self, origin: str) -> Protego | None:
        try:
            response = self._client.get(origin + "/robots.txt")
        except httpx.HTTPError:
            return None  # unreachable robots.txt: the real request will report the failure
        self.stats.requests += 1
        self.stats.status_counts[str(response.status_code)] += 1
        if response.status_code >= 400:
            return None  # RFC 9309: 4xx means no restrictions; 5xx is retried by the real request
        return Protego.parse(response.text)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
