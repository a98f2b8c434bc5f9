"""What tests change about the world: faults, bookings and removed offers, behind one lock."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, Protocol, TypeVar, get_args

FaultMode = Literal["500", "timeout", "truncate", "empty", "garbage", "lose", "slow"]
FAULT_MODES: tuple[str, ...] = get_args(FaultMode)
"""Besides these, ``truncate:NN`` cuts bodies at NN % (see :mod:`demo.faults`)."""


class Keyed(Protocol):
    """Anything with the provider's own record key."""

    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=Keyed)


@dataclass(frozen=True)
class ProviderView:
    """A provider's slice of the world state, frozen for rendering one response."""

    empty: bool = False
    removed: frozenset[str] = frozenset()
    booked: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def visible(self, records: Iterable[K]) -> list[K]:
        """The records a response shows: none when empty, never removed ones."""
        if self.empty:
            return []
        return [r for r in records if r.key not in self.removed]

    def is_visible(self, key: str) -> bool:
        return not self.empty and key not in self.removed

    def free_places(self, key: str, base_free: int, capacity: int) -> int:
        """Free places after test bookings, clamped to 0..capacity."""
        return max(0, min(capacity, base_free - self.booked.get(key, 0)))

    def cache_key(self) -> tuple:
        return (self.empty, tuple(sorted(self.removed)), tuple(sorted(self.booked.items())))


def _percent_cut(mode: str) -> bool:
    head, _, share = mode.partition(":")
    return head == "truncate" and share.isdigit() and 0 < int(share) < 100


class WorldState:
    """Thread-safe test controls of one running world."""

    def __init__(self, provider_ids: Sequence[str]) -> None:
        self._ids = tuple(provider_ids)
        self._lock = threading.Lock()
        self._faults: dict[str, str] = {}
        self._removed: dict[str, set[str]] = {}
        self._booked: dict[str, dict[str, int]] = {}

    def check_provider(self, provider_id: str) -> None:
        if provider_id not in self._ids:
            raise KeyError(f"unknown demo provider {provider_id!r}; known: {', '.join(self._ids)}")

    def set_fault(self, provider_id: str, mode: str | None) -> None:
        self.check_provider(provider_id)
        if mode is not None and mode not in FAULT_MODES and not _percent_cut(mode):
            raise ValueError(
                f"unknown fault mode {mode!r}; modes: {', '.join(FAULT_MODES)} or None"
            )
        with self._lock:
            if mode is None:
                self._faults.pop(provider_id, None)
            else:
                self._faults[provider_id] = mode

    def fault(self, provider_id: str) -> str | None:
        with self._lock:
            return self._faults.get(provider_id)

    def book(self, provider_id: str, key: str, n: int, base_free: int, capacity: int) -> int:
        """Take ``n`` places (free places never drop below 0 nor rise above ``capacity``);
        returns the free places afterwards."""
        self.check_provider(provider_id)
        with self._lock:
            per = self._booked.setdefault(provider_id, {})
            free = max(0, min(capacity, base_free - per.get(key, 0) - n))
            per[key] = base_free - free
            return free

    def remove(self, provider_id: str, key: str) -> None:
        self.check_provider(provider_id)
        with self._lock:
            self._removed.setdefault(provider_id, set()).add(key)

    def reset(self) -> None:
        with self._lock:
            self._faults.clear()
            self._removed.clear()
            self._booked.clear()

    def view(self, provider_id: str) -> ProviderView:
        with self._lock:
            return ProviderView(
                empty=self._faults.get(provider_id) == "empty",
                removed=frozenset(self._removed.get(provider_id, ())),
                booked=MappingProxyType(dict(self._booked.get(provider_id, {}))),
            )

    def snapshot(self) -> dict:
        """The whole state as plain JSON-ready data (for ``GET /_control/state``)."""
        with self._lock:
            return {
                "faults": dict(sorted(self._faults.items())),
                "removed": {p: sorted(k) for p, k in sorted(self._removed.items())},
                "booked": {p: dict(sorted(b.items())) for p, b in sorted(self._booked.items())},
            }
