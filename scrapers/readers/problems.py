"""Record-level problems found while reading a feed, collected so a run can count and report them.

A reader that meets a bad row, item or feature does not stop: it records a :class:`RowProblem`
in the :class:`ProblemLog` it was given and goes on with the next record. Problems that make the
whole file unreadable are raised as :class:`~scrapers.readers.base.ReaderError` instead.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from scrapers.readers.base import ReaderError

log = logging.getLogger("scrapers.readers")


@dataclass(frozen=True)
class RowProblem:
    """One record (or one place in the file) a reader could not take as it is."""

    source_id: str
    where: str
    """Position in the file: ``"line 17"``, ``"row 9"``, ``"page 3, item 7"``, ``"feature 4"``."""
    field: str | None
    """The provider field concerned, when one is."""
    message: str
    kind: str = "invalid"
    """Short category for counting: ``invalid``, ``ragged``, ``no_key``, ``duplicate_key`` …"""
    skipped: bool = True
    """True when the record was not yielded; False when it was yielded anyway (a warning)."""

    def __str__(self) -> str:
        parts = [f"source {self.source_id!r}", self.where]
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return f"{', '.join(parts)}: {self.message}"


class ProblemLog:
    """Collects the problems of one source run.

    ``count`` and ``by_kind`` count every problem; ``problems`` keeps the first ``keep`` of them
    (a broken 100k-row file must not fill the memory with messages). With ``strict=True`` the
    first problem is raised as a ``ReaderError`` instead (handy in tests and in ``inspect``).
    """

    def __init__(self, *, keep: int = 1000, strict: bool = False, log_first: int = 20):
        self.keep = keep
        self.strict = strict
        self.log_first = log_first
        self.problems: list[RowProblem] = []
        self.count = 0
        self.skipped = 0
        self.by_kind: Counter[str] = Counter()

    def add(self, problem: RowProblem) -> None:
        if self.strict:
            raise ReaderError(str(problem))
        self.count += 1
        self.skipped += problem.skipped
        self.by_kind[problem.kind] += 1
        if len(self.problems) < self.keep:
            self.problems.append(problem)
        if self.count <= self.log_first:
            log.warning("%s", problem)

    def __iter__(self) -> Iterator[RowProblem]:
        return iter(self.problems)

    def as_dict(self) -> dict:
        """Counts and the kept messages, for the run ledger."""
        return {
            "count": self.count,
            "skipped": self.skipped,
            "by_kind": dict(sorted(self.by_kind.items())),
            "messages": [str(p) for p in self.problems],
        }


class KeyTracker:
    """Reports a record key that an earlier record of the same file already used.

    Both records are still yielded: which one is right is for the pipeline (or a steward) to
    decide, the reader only makes the clash visible with both positions.
    """

    def __init__(self, source_id: str, problems: ProblemLog):
        self.source_id = source_id
        self.problems = problems
        self._first: dict[str, str] = {}

    def see(self, key: str, where: str) -> None:
        first = self._first.setdefault(key, where)
        if first != where:
            self.problems.add(
                RowProblem(
                    self.source_id, where, None,
                    f"duplicate record key {key!r} (first used at {first})",
                    kind="duplicate_key", skipped=False,
                )
            )
