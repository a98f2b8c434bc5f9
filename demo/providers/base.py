"""The base class every demo provider implements, and the metadata it publishes."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from demo.exchange import DemoRequest, DemoResponse
from demo.state import ProviderView


class Record(Protocol):
    """One offer of a provider: its own stable key and the offer kind it stands for."""

    @property
    def key(self) -> str: ...

    @property
    def kind(self) -> str: ...


class BookableRecord(Record, Protocol):
    """An offer with live places."""

    @property
    def capacity(self) -> int: ...

    @property
    def free(self) -> int: ...


@dataclass(frozen=True)
class ProviderInfo:
    """What a test or the source registry needs to know about one demo provider.

    ``expected_count`` and ``kinds`` describe what a correct importer ends up with: for a
    provider broken on purpose (``defect`` says how) that can be fewer offers than it serves.
    ``extra_paths`` are further resources of the same provider (a second feed, an export).
    ``confidential_keys`` are offers whose address must never be published; ``personal_data``
    marks a source about private persons, of whom only ``consent_keys`` may be published one
    by one.
    """

    id: str
    name: str
    format: str
    entry_path: str
    expected_count: int
    kinds: Mapping[str, int]
    summary: str
    bookable: bool = False
    quarantine_keys: tuple[str, ...] = ()
    url: str | None = field(default=None, compare=False)
    extra_paths: tuple[str, ...] = ()
    defect: str | None = None
    confidential_keys: tuple[str, ...] = ()
    personal_data: bool = False
    consent_keys: tuple[str, ...] = ()

    def with_base(self, base_url: str) -> ProviderInfo:
        """The same metadata with ``url`` = base URL + entry path."""
        return ProviderInfo(**{**self.__dict__, "url": base_url.rstrip("/") + self.entry_path})


class DemoProvider(ABC):
    """One simulated provider website or feed, served under ``/<id>/``.

    Subclasses set the class attributes, return their canonical records from ``records`` and
    answer requests in ``handle``; they render only what the ``ProviderView`` shows.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    format: ClassVar[str]
    entry_path: ClassVar[str]
    summary: ClassVar[str]
    bookable: ClassVar[bool] = False
    extra_paths: ClassVar[tuple[str, ...]] = ()
    defect: ClassVar[str | None] = None
    personal_data: ClassVar[bool] = False

    @property
    def prefix(self) -> str:
        return f"/{self.id}"

    @abstractmethod
    def records(self) -> Sequence[Record]:
        """Every offer of the canonical (unchanged) world, in publishing order."""

    @abstractmethod
    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        """Answer one request below the provider prefix."""

    def quarantine_keys(self) -> tuple[str, ...]:
        """Keys of offers that are broken on purpose and should end in quarantine."""
        return ()

    def expected_records(self) -> Sequence[Record]:
        """The offers a correct importer ends up with (all of them unless ``defect`` says
        otherwise)."""
        return self.records()

    def confidential_keys(self) -> tuple[str, ...]:
        """Keys of offers whose source marks the address as confidential."""
        return ()

    def consent_keys(self) -> tuple[str, ...]:
        """Keys of private persons who consented to being published one by one."""
        return ()

    def reset(self) -> None:  # noqa: B027 - a hook: most providers keep no request state
        """Forget what earlier requests changed (only stateful providers override this)."""

    def record(self, key: str) -> Record:
        for rec in self.records():
            if rec.key == key:
                return rec
        raise KeyError(f"{self.id}: no offer with key {key!r}")

    def free_places(self, key: str, view: ProviderView) -> int:
        """Live free places of one offer (only for bookable providers)."""
        if not self.bookable:
            raise ValueError(f"provider {self.id!r} has no live places to book")
        rec = self.record(key)
        return view.free_places(key, rec.free, rec.capacity)  # type: ignore[attr-defined]

    def info(self) -> ProviderInfo:
        recs = self.expected_records()
        return ProviderInfo(
            id=self.id,
            name=self.name,
            format=self.format,
            entry_path=self.entry_path,
            expected_count=len(recs),
            kinds=dict(sorted(Counter(str(r.kind) for r in recs).items())),
            summary=self.summary,
            bookable=self.bookable,
            quarantine_keys=self.quarantine_keys(),
            extra_paths=self.extra_paths,
            defect=self.defect,
            confidential_keys=self.confidential_keys(),
            personal_data=self.personal_data,
            consent_keys=self.consent_keys(),
        )
