"""The demo world: every simulated provider behind one loopback HTTP server, with test
controls (faults, bookings, removed offers) in-process and over ``/_control/``."""

from __future__ import annotations

import threading
from types import TracebackType

from demo.providers.base import DemoProvider, ProviderInfo
from demo.registry import build_providers
from demo.server import DemoHTTPServer
from demo.state import FaultMode, WorldState

HOST = "127.0.0.1"


class DemoWorld:
    """A running (or startable) demo provider world.

    ``DemoWorld()`` binds a free loopback port on ``start()``; ``DemoWorld(port=8765)`` a fixed
    one. The server runs in a daemon thread; ``stop()`` returns at once, also while a
    ``timeout`` fault keeps a request hanging.
    """

    def __init__(
        self, port: int = 0, *, timeout_fault_s: float = 30.0, verbose: bool = False
    ) -> None:
        self._requested_port = port
        self.timeout_fault_s = timeout_fault_s
        self.verbose = verbose
        self._providers: dict[str, DemoProvider] = build_providers()
        self._infos: dict[str, ProviderInfo] = {pid: p.info() for pid, p in self._providers.items()}
        self.state = WorldState(list(self._providers))
        self.stopping = threading.Event()
        self.errors: list[str] = []
        self._server: DemoHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle

    def start(self) -> DemoWorld:
        """Bind 127.0.0.1 and serve in a background thread; returns self."""
        if self._server is not None:
            raise RuntimeError("demo world is already running")
        self.stopping.clear()
        self._server = DemoHTTPServer((HOST, self._requested_port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"demo-world-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake hanging requests and close every connection. Idempotent."""
        server, self._server = self._server, None
        if server is None:
            return
        self.stopping.set()
        server.shutdown()
        server.cut_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def wait(self) -> None:
        """Block until ``stop()`` is called (used by the foreground CLI)."""
        while not self.stopping.wait(0.5):
            pass

    def __enter__(self) -> DemoWorld:
        return self.start() if self._server is None else self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("demo world is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (no trailing slash)."""
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        """Absolute URL of a server path (``/vhs/api/kurse`` → ``http://127.0.0.1:…/vhs/api/kurse``)."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- metadata

    @property
    def providers(self) -> dict[str, ProviderInfo]:
        """Provider id → metadata; ``url`` is filled in while the world runs."""
        if self._server is None:
            return dict(self._infos)
        return {pid: info.with_base(self.base_url) for pid, info in self._infos.items()}

    def provider(self, provider_id: str) -> DemoProvider | None:
        return self._providers.get(provider_id)

    def _get(self, provider_id: str) -> DemoProvider:
        self.state.check_provider(provider_id)
        return self._providers[provider_id]

    def expected_counts(self) -> dict[str, int]:
        """Offers per provider in the canonical world (test changes not applied)."""
        return {pid: info.expected_count for pid, info in self._infos.items()}

    def offer_keys(self, provider_id: str) -> list[str]:
        """Keys of the offers the provider serves right now (removals applied)."""
        view = self.state.view(provider_id)
        return [r.key for r in view.visible(self._get(provider_id).records())]

    def free_places(self, provider_id: str, offer_key: str) -> int:
        """Live free places of one offer of a bookable provider."""
        return self._get(provider_id).free_places(offer_key, self.state.view(provider_id))

    # -- test controls

    def set_fault(self, provider_id: str, mode: FaultMode | str | None) -> None:
        """Make a provider misbehave (modes in :mod:`demo.faults`: ``"500"``, ``"timeout"``,
        ``"truncate"``/``"truncate:NN"``, ``"empty"``, ``"garbage"``, ``"lose"``,
        ``"slow"``); ``None`` clears the fault."""
        self.state.set_fault(provider_id, mode)

    def record_capacity(self, provider_id: str, offer_key: str) -> int:
        """Places in total of one offer of a bookable provider."""
        provider = self._get(provider_id)
        if not provider.bookable:
            raise ValueError(f"provider {provider_id!r} has no live places")
        return int(provider.record(offer_key).capacity)  # type: ignore[attr-defined]

    def book(self, provider_id: str, offer_key: str, n: int = 1) -> int:
        """Take ``n`` places of an offer (negative ``n`` frees places again); free places stay
        within 0..capacity. Returns the free places afterwards."""
        capacity = self.record_capacity(provider_id, offer_key)
        base_free = int(self._get(provider_id).record(offer_key).free)  # type: ignore[attr-defined]
        return self.state.book(provider_id, offer_key, n, base_free, capacity)

    def remove_offer(self, provider_id: str, offer_key: str) -> None:
        """Withdraw an offer: it disappears from listings and feeds, its page answers 404."""
        self._get(provider_id).record(offer_key)
        self.state.remove(provider_id, offer_key)

    def reset(self) -> None:
        """Back to the canonical world: no faults, bookings or removals, and providers that
        count requests (``broken-flaky``) start counting afresh."""
        self.state.reset()
        for provider in self._providers.values():
            provider.reset()
