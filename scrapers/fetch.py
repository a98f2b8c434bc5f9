"""Polite, bounded HTTP (and file) fetching for feed readers.

The fetch boundary of a source (:class:`FetchPolicy`):

* only ``http``/``https`` to the hosts the registry names for the source (its URL's host, plus
  ``allowed_hosts``); an address on another host, another port of a loopback or private
  address, or any other scheme is refused — for links found in responses and for redirects;
* ``file://`` only for the registry's own URL of the source, never for a link in a response;
* every redirect is followed by hand and checked against the same rules and against the
  target's robots.txt;
* robots.txt answering 5xx (or not at all) means "disallow" for this run (RFC 9309); 4xx means
  no restrictions;
* ``Retry-After`` in seconds or as an HTTP date is honoured up to ``retry_after_max_s``; a
  provider asking for longer fails the run with that reason instead of stalling it;
* a response larger than the source's ``max_bytes`` (counted after decompression, so a
  compression bomb stops early) is an error; so is a body shorter than its Content-Length.
"""

from __future__ import annotations

import ipaddress
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx
from protego import Protego

from core.clock import now_berlin
from core.settings import get_settings
from scrapers.politeness import HostGate

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10
DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(RuntimeError):
    """A URL could not be fetched after all retries; the message names URL and reason."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class FetchRefused(FetchError):
    """The URL lies outside the source's fetch boundary; nothing was requested."""


@dataclass(frozen=True)
class FetchPolicy:
    """Where one source may fetch from and how much (see the module text)."""

    entry_url: str
    hosts: frozenset[str]
    entry_port: int | None
    max_bytes: int = 64 * 1024 * 1024

    @classmethod
    def for_source(cls, source) -> FetchPolicy:
        parts = urlsplit(source.url)
        hosts = {(parts.hostname or "").lower(), *(h.lower() for h in source.allowed_hosts)}
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
        return cls(source.url, frozenset(h for h in hosts if h), port, source.max_bytes)

    @classmethod
    def open(cls, url: str, max_bytes: int = 64 * 1024 * 1024) -> FetchPolicy:
        """The boundary of a one-off look at a URL (``inspect``): its own host only."""
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
        return cls(url, frozenset({(parts.hostname or "").lower()}), port, max_bytes)

    def check(self, url: str, *, followed: bool) -> None:
        """Raise :class:`FetchRefused` unless ``url`` may be fetched; ``followed`` is True for
        links and redirects found in responses."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "file":
            if followed or url != self.entry_url:
                raise FetchRefused(url, "file URLs are read only where the registry names them, "
                                        "never from a link in a response")
            return
        if scheme not in DEFAULT_PORTS:
            raise FetchRefused(url, f"scheme {scheme or '(none)'!r} is not fetched (http, https)")
        host = (parts.hostname or "").lower()
        if host not in self.hosts:
            raise FetchRefused(
                url, f"host {host!r} is not among the source's hosts "
                     f"({', '.join(sorted(self.hosts))}); add it to 'allowed_hosts' if it is "
                     "the provider's"
            )
        try:
            port = parts.port or DEFAULT_PORTS[scheme]
        except ValueError:
            raise FetchRefused(url, "invalid port") from None
        if port not in {self.entry_port, *DEFAULT_PORTS.values()} or (
            _is_ip(host) and port != self.entry_port
        ):
            raise FetchRefused(url, f"port {port} of {host} is not the source's port")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost"
    return True


@dataclass
class FetchStats:
    """What a source's extraction did on the wire; stored in the run ledger."""

    requests: int = 0
    documents: int = 0
    retries: int = 0
    bytes: int = 0
    status_counts: Counter[str] = field(default_factory=Counter)
    robots_blocked: int = 0
    refused: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "documents": self.documents,
            "retries": self.retries,
            "bytes": self.bytes,
            "status_counts": dict(sorted(self.status_counts.items())),
            "robots_blocked": self.robots_blocked,
            "refused": self.refused,
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


@dataclass
class _RobotsRules:
    rules: Protego | None
    refusal: str | None = None  # set when robots.txt could not be read: disallow everything


class Fetcher:
    """Fetches http(s) and file URLs for one source. Not thread-safe; one per source run."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        user_agent: str | None = None,
        timeout_s: float | None = None,
        retries: int | None = None,
        backoff_s: float | None = None,
        obey_robots: bool = True,
        retry_after_max_s: float | None = None,
        clock: Callable[[], datetime] = now_berlin,
        transport: httpx.BaseTransport | None = None,
        gate: HostGate | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        settings = get_settings()
        self.policy = policy
        self.user_agent = user_agent or settings.user_agent
        self.retries = settings.http_retries if retries is None else retries
        self.backoff_s = settings.http_backoff_s if backoff_s is None else backoff_s
        self.obey_robots = obey_robots
        self.retry_after_max_s = (
            settings.retry_after_max_s if retry_after_max_s is None else retry_after_max_s
        )
        self.clock = clock
        self.stats = FetchStats()
        self.gate = gate if gate is not None else HostGate.from_settings()
        self._sleep = sleep
        self._robots: dict[str, _RobotsRules] = {}
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Language": "de,en;q=0.5"},
            timeout=httpx.Timeout(timeout_s or settings.http_timeout_s),
            follow_redirects=False,
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
        self,
        url: str,
        *,
        params: dict | None = None,
        headers: dict | None = None,
        followed: bool = False,
    ) -> FetchedDocument:
        """Fetch ``url``; ``followed=True`` for a link found in a response (next pages)."""
        self._check(url, followed=followed)
        if urlsplit(url).scheme == "file":
            return self._read_file(url)
        self._check_robots(url)
        return self._get_with_retries(url, params=params, headers=headers)

    # -- internals

    def _check(self, url: str, *, followed: bool) -> None:
        if self.policy is None:
            if followed and urlsplit(url).scheme not in DEFAULT_PORTS:
                self.stats.refused += 1
                raise FetchRefused(url, "only http and https links are followed")
            return
        try:
            self.policy.check(url, followed=followed)
        except FetchRefused:
            self.stats.refused += 1
            raise

    def _check_robots(self, url: str) -> None:
        if self.obey_robots and not self._allowed(url):
            self.stats.robots_blocked += 1
            rules = self._robots[_origin(url)]
            raise FetchError(url, rules.refusal or "disallowed by robots.txt")

    def _read_file(self, url: str) -> FetchedDocument:
        path = Path(unquote(urlsplit(url).path))
        limit = self.policy.max_bytes if self.policy else None
        try:
            size = path.stat().st_size
            if limit is not None and size > limit:
                raise FetchError(url, f"file of {size} bytes is larger than the source's "
                                      f"max_bytes ({limit})")
            content = path.read_bytes()
        except OSError as exc:
            raise FetchError(url, f"cannot read file: {exc.strerror or exc}") from None
        self.stats.requests += 1
        self.stats.documents += 1
        self.stats.bytes += len(content)
        self.stats.status_counts["file"] += 1
        return FetchedDocument(url, 200, {}, content, self.clock())

    def _get_with_retries(self, url: str, *, params, headers) -> FetchedDocument:
        attempt = 0
        started = time.monotonic()
        try:
            while True:
                attempt += 1
                try:
                    response_url, response, content = self._follow(url, params, headers)
                except _Transient as exc:
                    reason, status, retry_after = exc.reason, None, None
                else:
                    self.stats.status_counts[str(response.status_code)] += 1
                    if response.is_success:
                        self.stats.documents += 1
                        self.stats.bytes += len(content)
                        return FetchedDocument(
                            response_url,
                            response.status_code,
                            {k.lower(): v for k, v in response.headers.items()},
                            content,
                            self.clock(),
                        )
                    status = response.status_code
                    reason = f"HTTP {status}"
                    retry_after = retry_after_seconds(response.headers.get("retry-after"),
                                                      self.clock())
                    if status not in RETRY_STATUSES:
                        raise FetchError(url, reason, status)
                if attempt > self.retries:
                    raise FetchError(url, f"{reason} (after {attempt} attempts)", status)
                if retry_after is not None and retry_after > self.retry_after_max_s:
                    raise FetchError(
                        url,
                        f"{reason}: the provider asks to retry after {retry_after:.0f} s, more "
                        f"than the ceiling of {self.retry_after_max_s:g} s; try again later",
                        status,
                    )
                self.stats.retries += 1
                self._sleep(
                    retry_after if retry_after is not None
                    else self.backoff_s * 2 ** (attempt - 1)
                )
        finally:
            self.stats.seconds += time.monotonic() - started

    def _follow(self, url: str, params, headers) -> tuple[str, httpx.Response, bytes]:
        """One request, redirects followed by hand within the boundary and robots.txt."""
        current, current_params = url, params
        for _ in range(MAX_REDIRECTS + 1):
            response, content = self._request(current, current_params, headers)
            if response.status_code not in REDIRECT_STATUSES:
                return str(response.url), response, content
            target = response.headers.get("location")
            if not target:
                return str(response.url), response, content
            self.stats.status_counts[str(response.status_code)] += 1
            current, current_params = urljoin(str(response.url), target), None
            self._check(current, followed=True)
            self._check_robots(current)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _request(self, url: str, params, headers) -> tuple[httpx.Response, bytes]:
        limit = self.policy.max_bytes if self.policy else None
        self.stats.requests += 1
        try:
            with self.gate.slot(urlsplit(url).netloc), self._client.stream(
                "GET", url, params=params, headers=headers
            ) as response:
                declared = response.headers.get("content-length")
                if limit is not None and declared and declared.isdigit() \
                        and int(declared) > limit and "content-encoding" not in response.headers:
                    raise FetchError(url, f"response of {declared} bytes is larger than the "
                                          f"source's max_bytes ({limit})")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise FetchError(
                            url, f"response is larger than the source's max_bytes ({limit}) "
                                 "once decompressed; stopped reading"
                        )
                    chunks.append(chunk)
                return response, b"".join(chunks)
        except httpx.TimeoutException:
            self.stats.status_counts["timeout"] += 1
            raise _Transient("timed out") from None
        except httpx.RemoteProtocolError as exc:
            self.stats.status_counts["incomplete"] += 1
            raise FetchError(url, f"the answer was cut off ({exc}): a truncated transfer is "
                                  "never read as complete") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"the answer cannot be decompressed: {exc}") from None
        except httpx.HTTPError as exc:
            self.stats.status_counts["error"] += 1
            raise _Transient(f"connection failed: {exc}") from None

    def _allowed(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if rules.refusal:
            return False
        return True if rules.rules is None else rules.rules.can_fetch(url, self.user_agent)

    def _load_robots(self, origin: str) -> _RobotsRules:
        robots_url = origin + "/robots.txt"
        self.stats.requests += 1
        try:
            with self.gate.slot(urlsplit(origin).netloc):
                response = self._client.get(robots_url, follow_redirects=True)
        except httpx.HTTPError as exc:
            return _RobotsRules(None, f"connection failed ({exc}) while reading robots.txt: "
                                      "nothing is fetched from this host in this run (RFC 9309)")
        self.stats.status_counts[str(response.status_code)] += 1
        if response.status_code >= 500:
            return _RobotsRules(None, f"robots.txt answered HTTP {response.status_code}: "
                                      "treated as disallow for this run (RFC 9309)")
        if response.status_code >= 400:
            return _RobotsRules(None)  # RFC 9309: unavailable robots.txt means no restrictions
        return _RobotsRules(Protego.parse(response.text))


class _Transient(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """``Retry-After`` as seconds from ``now``: delay-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, (moment - now).total_seconds())
