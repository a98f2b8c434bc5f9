"""Duplicate clusters and their surviving records: the public entry point of the package.

``find_duplicates`` extracts features, proposes pairs by blocking, scores them, and joins the
accepted pairs into clusters with a union-find that refuses to chain:

* Accepted pairs are joined best score first (ties by offer ids, so the result is
  deterministic).
* Two groups are joined only when **every pair across them** is free of conflicts and scores at
  least ``rule.link_floor`` (pairs that blocking did not propose are scored on the spot; groups
  are small). A–B and B–C accepted but A–C in conflict (say, different weeks) leaves C apart.
* A cluster never holds two offers of one source (a source's own keys are distinct offers);
  an edge that would do so is refused.

Refused edges are reported in ``DedupeResult.kept_apart``. Each cluster of two or more offers
gets one surviving record (:func:`pipelines.dedupe.merge.build_survivor`), a link per member and
the ids it absorbs.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pipelines.dedupe.blocking import DEFAULT_BLOCKING, BlockingConfig, candidate_pairs
from pipelines.dedupe.features import OfferFeatures, extract
from pipelines.dedupe.merge import MergePolicy, build_survivor
from pipelines.dedupe.similarity import (
    DEFAULT_RULE,
    DecisionRule,
    PairScore,
    quick_conflict,
    score_pair,
)
from schemas.location import Location
from schemas.offer import Offer


@dataclass(frozen=True, slots=True)
class Link:
    """One member of a cluster and the survivor that stands for it (the survivor links to
    itself with score 1.0)."""

    survivor_id: str
    member_id: str
    source_id: str
    record_key: str
    score: float


@dataclass(frozen=True, slots=True)
class Cluster:
    survivor_id: str
    member_ids: tuple[str, ...]
    """Ranked by source priority: the survivor's own id first."""
    min_score: float
    """Lowest pair score between any two members."""


@dataclass(frozen=True, slots=True)
class KeptApart:
    """An accepted pair the cluster guard did not join, and why."""

    offer_a: str
    offer_b: str
    score: float
    reason: str  # "same_source" | "weak_link"


@dataclass
class DedupeResult:
    clusters: list[Cluster] = field(default_factory=list)
    survivors: list[Offer] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    absorbed: set[str] = field(default_factory=set)
    kept_apart: list[KeptApart] = field(default_factory=list)
    stats: dict[str, object] = field(default_factory=dict)

    def apply(self, offers: Iterable[Offer]) -> list[Offer]:
        """``offers`` with every absorbed offer left out and every cluster's best-ranked offer
        replaced by its surviving record, in the input order."""
        survivors = {s.id: s for s in self.survivors}
        return [survivors.get(o.id, o) for o in offers if o.id not in self.absorbed]


class _Groups:
    """Union-find over offer indices with the anti-chaining guard."""

    def __init__(self, features: Sequence[OfferFeatures], rule: DecisionRule,
                 scores: dict[tuple[int, int], PairScore]) -> None:
        self.features = features
        self.rule = rule
        self.scores = scores
        self.parent = list(range(len(features)))
        self.members: dict[int, list[int]] = {}
        self.late_scored = 0

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def pair(self, i: int, j: int) -> PairScore:
        key = (i, j) if i < j else (j, i)
        found = self.scores.get(key)
        if found is None:
            found = score_pair(self.features[key[0]], self.features[key[1]])
            self.scores[key] = found
            self.late_scored += 1
        return found

    def join(self, i: int, j: int) -> str | None:
        """Join the groups of i and j; the reason when the guard refuses."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return None
        left, right = self.members.get(ri, [ri]), self.members.get(rj, [rj])
        sources = {self.features[x].source_id for x in left}
        if any(self.features[y].source_id in sources for y in right):
            return "same_source"
        for x in left:
            for y in right:
                cross = self.pair(x, y)
                if cross.conflicts or cross.score < self.rule.link_floor:
                    return "weak_link"
        if len(left) < len(right):
            ri, rj, left, right = rj, ri, right, left
        self.parent[rj] = ri
        self.members[ri] = left + right
        self.members.pop(rj, None)
        return None

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values() if len(m) > 1]


def find_duplicates(
    offers: Sequence[Offer],
    locations: Mapping[str, Location],
    *,
    priority: Sequence[str],
    field_priority: Mapping[str, Sequence[str]] | None = None,
    rule: DecisionRule = DEFAULT_RULE,
    blocking: BlockingConfig = DEFAULT_BLOCKING,
) -> DedupeResult:
    """Find offers that several sources list, and build one surviving record per real offer.

    ``priority`` ranks sources best first (e.g. providers' own sites before aggregators);
    ``field_priority`` overrides it per field group (see :mod:`pipelines.dedupe.merge`);
    ``locations`` maps location ids to venues (missing ones count as unknown venues).
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    ids = [o.id for o in offers]
    if len(set(ids)) != len(ids):
        raise ValueError("offer ids must be unique")
    features = [
        extract(o, locations.get(o.location_id) if o.location_id else None) for o in offers
    ]
    timings["features"] = time.perf_counter() - clock

    clock = time.perf_counter()
    pairs, block_stats = candidate_pairs(features, blocking)
    timings["blocking"] = time.perf_counter() - clock

    clock = time.perf_counter()
    scores: dict[tuple[int, int], PairScore] = {}
    accepted: list[tuple[float, str, str, int, int]] = []
    screened = 0
    for i, j in pairs:
        if quick_conflict(features[i], features[j]):
            screened += 1
            continue
        pair = score_pair(features[i], features[j])
        if rule.accepts(pair):
            scores[(i, j)] = pair
            a, b = sorted((ids[i], ids[j]))
            accepted.append((-pair.score, a, b, i, j))
    accepted.sort()
    timings["scoring"] = time.perf_counter() - clock

    clock = time.perf_counter()
    groups = _Groups(features, rule, scores)
    kept_apart: list[KeptApart] = []
    for negative, a, b, i, j in accepted:
        reason = groups.join(i, j)
        if reason:
            kept_apart.append(KeptApart(a, b, -negative, reason))

    policy = MergePolicy(tuple(priority), dict(field_priority or {}))
    result = DedupeResult(kept_apart=kept_apart)
    for members in groups.groups():
        listed = policy.rank([offers[m] for m in members])
        index = {offers[m].id: m for m in members}
        survivor = build_survivor(listed, policy)
        top = index[survivor.id]
        lowest = min(groups.pair(x, y).score for x in members for y in members if x < y)
        result.clusters.append(Cluster(survivor.id, tuple(o.id for o in listed), lowest))
        result.survivors.append(survivor)
        for offer in listed:
            m = index[offer.id]
            score = 1.0 if m == top else groups.pair(top, m).score
            result.links.append(Link(survivor.id, offer.id, offer.provenance.source_id,
                                     offer.provenance.source_record_key, score))
            if m != top:
                result.absorbed.add(offer.id)
    result.clusters.sort(key=lambda c: c.survivor_id)
    result.survivors.sort(key=lambda s: s.id)
    result.links.sort(key=lambda link: (link.survivor_id, link.member_id != link.survivor_id,
                                        link.member_id))
    timings["clusters"] = time.perf_counter() - clock

    result.stats = {
        "offers": len(offers),
        "blocking": block_stats.as_dict(),
        "candidate_pairs": len(pairs),
        "screened_out": screened,
        "scored_pairs": len(pairs) - screened,
        "accepted_pairs": len(accepted),
        "late_scored_pairs": groups.late_scored,
        "kept_apart": len(kept_apart),
        "clusters": len(result.clusters),
        "absorbed": len(result.absorbed),
        "seconds": {k: round(v, 3) for k, v in timings.items()},
    }
    return result
