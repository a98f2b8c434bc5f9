"""Blocking: propose only plausible pairs, so that 100k offers need not be compared n² times.

Every key carries the kind family and whether the offer is dated (offers of different
families or a dated and an undated offer are never duplicates). Within a block, dated offers are
sorted by their first day and only pairs whose first days lie at most ``window_days`` apart are
proposed (a sorted-neighbourhood window); undated offers in a block are all paired.

Keys (a pair is proposed when the two offers share at least one):

``street``    the venue's street as a compact key ("blumendellerstrasse"), house number ignored
              (providers number one school differently)
``geo``       a grid cell of about 300 m × 300 m; an offer meets the offers of its own and the
              eight neighbouring cells, so every venue within 300 m is reached
``postcode``  only for offers whose venue has neither street nor coordinates: they meet every
              offer of their postcode
``title``     every offer is indexed under each of its title words (3+ letters, no numbers)
              and looks up its rarest one, and its next ``title_keys - 1`` rarest ones while
              they are not common (in at most ``max(20, n / 500)`` offers; document frequency
              over the whole input): a short title's rare word finds the longer titles that
              contain it. Catches listings whose venues are written too differently to meet
              above, or that have no venue

Pairs of one source are never proposed (a source's own keys are distinct offers).
A block with more than ``max_block`` offers in one date window is a sign of a key that says
nothing (a very common word); its pairs are skipped and counted in the stats.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipelines.dedupe.features import OfferFeatures
from pipelines.dedupe.similarity import MAX_FIRST_DAY_GAP

CELL_LAT = 0.0027  # ≈ 300 m; cells at least 300 m wide put venues within 300 m side by side
CELL_LON = 0.0044  # ≈ 306 m at 51.4° N
_FORWARD_CELLS = ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1))


@dataclass
class BlockingStats:
    offers: int = 0
    dated: int = 0
    blocks: Counter[str] = field(default_factory=Counter)
    """Keys per kind (title: looked-up words)."""
    proposed: Counter[str] = field(default_factory=Counter)
    """Pairs proposed per key kind (a pair proposed by two kinds counts twice)."""
    candidate_pairs: int = 0
    """Distinct cross-source pairs to score."""
    skipped_windows: int = 0
    largest_window: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "offers": self.offers,
            "dated": self.dated,
            "blocks": dict(self.blocks),
            "proposed": dict(self.proposed),
            "candidate_pairs": self.candidate_pairs,
            "skipped_windows": self.skipped_windows,
            "largest_window": self.largest_window,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class BlockingConfig:
    window_days: int = MAX_FIRST_DAY_GAP
    """Dated offers whose first days lie farther apart are a ``dates`` conflict anyway."""
    title_keys: int = 3
    max_block: int = 400


DEFAULT_BLOCKING = BlockingConfig()


class _Collector:
    """Collects distinct cross-source pairs (as ``i * n + j``, i < j)."""

    def __init__(self, features: Sequence[OfferFeatures], stats: BlockingStats, cap: int) -> None:
        self.n = len(features)
        self.sources = [f.source_id for f in features]
        self.firsts = [f.days.first if f.days else 0 for f in features]
        self.pairs: set[int] = set()
        self.stats = stats
        self.cap = cap

    def _add(self, i: int, j: int, kind: str) -> None:
        if i == j or self.sources[i] == self.sources[j]:
            return
        if i > j:
            i, j = j, i
        self.pairs.add(i * self.n + j)
        self.stats.proposed[kind] += 1

    def _too_big(self, size: int) -> bool:
        self.stats.largest_window = max(self.stats.largest_window, size)
        if size > self.cap:
            self.stats.skipped_windows += 1
            return True
        return False

    def within(self, members: list[int], window: int, kind: str) -> None:
        """All pairs of one block whose first days are at most ``window`` apart."""
        members.sort(key=self.firsts.__getitem__)
        firsts = [self.firsts[m] for m in members]
        for x, i in enumerate(members):
            end = bisect_right(firsts, firsts[x] + window, lo=x + 1)
            if self._too_big(end - x):
                continue
            for j in members[x + 1 : end]:
                self._add(i, j, kind)

    def across(self, left: list[int], right: list[int], window: int, kind: str) -> None:
        """Pairs of one offer of ``left`` and one of ``right`` within the window."""
        right = sorted(right, key=self.firsts.__getitem__)
        firsts = [self.firsts[m] for m in right]
        for i in left:
            lo = bisect_left(firsts, self.firsts[i] - window)
            hi = bisect_right(firsts, self.firsts[i] + window)
            if self._too_big(hi - lo):
                continue
            for j in right[lo:hi]:
                self._add(i, j, kind)


def _title_words(f: OfferFeatures) -> list[str]:
    return [w for w in f.title_tokens if len(w) >= 3 and not w.isdigit()]


def _lookup_words(features: Sequence[OfferFeatures], k: int) -> list[list[str]]:
    frequency: Counter[str] = Counter()
    for f in features:
        frequency.update(_title_words(f))
    common = max(20, len(features) // 500)
    chosen: list[list[str]] = []
    for f in features:
        words = sorted(_title_words(f), key=lambda w: (frequency[w], w))[:k]
        chosen.append(words[:1] + [w for w in words[1:] if frequency[w] <= common])
    return chosen


def candidate_pairs(
    features: Sequence[OfferFeatures], config: BlockingConfig = DEFAULT_BLOCKING
) -> tuple[list[tuple[int, int]], BlockingStats]:
    """Indices ``(i, j)``, ``i < j``, of the pairs worth scoring, sorted, and the statistics."""
    started = time.perf_counter()
    stats = BlockingStats(offers=len(features), dated=sum(f.days is not None for f in features))
    collect = _Collector(features, stats, config.max_block)
    window = config.window_days

    streets: dict[tuple, list[int]] = defaultdict(list)
    cells: dict[tuple, list[int]] = defaultdict(list)
    postcodes: dict[tuple, list[int]] = defaultdict(list)
    weak: dict[tuple, list[int]] = defaultdict(list)
    titles: dict[tuple, list[int]] = defaultdict(list)
    lookups: dict[tuple, list[int]] = defaultdict(list)
    for i, (f, words) in enumerate(zip(features, _lookup_words(features, config.title_keys),
                                       strict=True)):
        group = (f.family, f.days is not None)
        v = f.venue
        if v.street:
            streets[(*group, v.street)].append(i)
        if v.lat is not None and v.lon is not None:
            cells[(*group, int(v.lat // CELL_LAT), int(v.lon // CELL_LON))].append(i)
        if v.postcode:
            postcodes[(*group, v.postcode)].append(i)
            if not v.street and v.lat is None:
                weak[(*group, v.postcode)].append(i)
        for word in _title_words(f):
            titles[(*group, word)].append(i)
        for word in words:
            lookups[(*group, word)].append(i)

    for members in streets.values():
        collect.within(members, window, "street")
    for (family, dated, row, col), members in cells.items():
        for dr, dc in _FORWARD_CELLS:
            if (dr, dc) == (0, 0):
                collect.within(members, window, "geo")
            elif (other := cells.get((family, dated, row + dr, col + dc))) is not None:
                collect.across(members, other, window, "geo")
    for key, members in weak.items():
        collect.across(members, postcodes[key], window, "postcode")
    for key, askers in lookups.items():
        collect.across(askers, titles[key], window, "title")

    stats.blocks.update(
        street=len(streets), geo=len(cells), postcode=len(weak), title=len(lookups)
    )
    n = collect.n
    pairs = sorted(divmod(code, n) for code in collect.pairs)
    stats.candidate_pairs = len(pairs)
    stats.seconds = time.perf_counter() - started
    return pairs, stats
