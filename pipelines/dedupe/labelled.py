"""The labelled pairs (``tests/dedupe/pairs/*.json``), their train/test split, and the threshold
search.

Split: within every group the pairs are ordered by a hash of their id and alternate between
``train`` and ``test`` — half of every group in each part, fixed for ever, independent of the
order of the files. Thresholds are chosen on ``train`` only; ``test`` is the held-out part the
precision and recall are reported (and asserted) on. As a second check, ``cross_validate``
repeats the choice on five folds (same ordering, every fifth pair of a group per fold).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.dedupe.features import OfferFeatures, extract
from pipelines.dedupe.similarity import DEFAULT_RULE, DecisionRule, PairScore, score_pair
from schemas.location import Location
from schemas.offer import Offer

PAIRS_DIR = Path(__file__).resolve().parents[2] / "tests" / "dedupe" / "pairs"
GRID = [round(0.40 + i / 100, 2) for i in range(56)]  # 0.40 … 0.95
FOLDS = 5


@dataclass(frozen=True)
class Side:
    offer: Offer
    location: Location | None
    features: OfferFeatures


@dataclass(frozen=True)
class LabelledPair:
    id: str
    group: str
    label: bool
    split: str
    note: str
    a: Side
    b: Side
    fold: int = 0
    """For cross-validation: 0..FOLDS-1, every group spread evenly."""

    def score(self) -> PairScore:
        return score_pair(self.a.features, self.b.features)


def _side(data: dict) -> Side:
    offer = Offer.model_validate(data["offer"])
    location = Location.model_validate(data["location"]) if data.get("location") else None
    return Side(offer, location, extract(offer, location))


def _order(pair_id: str) -> str:
    return hashlib.sha256(pair_id.encode()).hexdigest()


def load_pairs(folder: Path = PAIRS_DIR) -> list[LabelledPair]:
    """Every labelled pair of every ``*.json`` group file in ``folder``, with its split."""
    by_group: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for pair in document["pairs"]:
            by_group[document["group"]].append(pair)
    pairs: list[LabelledPair] = []
    for group, items in sorted(by_group.items()):
        for i, item in enumerate(sorted(items, key=lambda p: _order(p["id"]))):
            pairs.append(LabelledPair(
                id=item["id"], group=group, label=bool(item["label"]),
                split="train" if i % 2 == 0 else "test", note=item.get("note", ""),
                a=_side(item["a"]), b=_side(item["b"]), fold=i % FOLDS,
            ))
    return pairs


@dataclass(frozen=True)
class Confusion:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f_beta(self, beta: float = 0.5) -> float:
        p, r = self.precision, self.recall
        if p + r == 0:
            return 0.0
        return (1 + beta**2) * p * r / (beta**2 * p + r)


def confusion(decisions: Iterable[tuple[bool, bool]]) -> Confusion:
    """``(label, decided)`` pairs counted."""
    tp = fp = fn = tn = 0
    for label, decided in decisions:
        if label and decided:
            tp += 1
        elif decided:
            fp += 1
        elif label:
            fn += 1
        else:
            tn += 1
    return Confusion(tp, fp, fn, tn)


def evaluate(pairs: Sequence[LabelledPair], rule: DecisionRule) -> Confusion:
    return confusion((p.label, rule.accepts(p.score())) for p in pairs)


def tune(pairs: Sequence[LabelledPair], base: DecisionRule = DEFAULT_RULE) -> DecisionRule:
    """Thresholds with the best F0.5 (precision weighs more: a wrong merge hides a real offer)
    on ``pairs``; among equally good ones the median title threshold, then the median score
    threshold — the middle of the plateau rather than its edge."""
    scored = [(p.label, p.score()) for p in pairs]
    results: dict[tuple[float, float], float] = {}
    for title_min in GRID:
        for score_min in GRID:
            rule = DecisionRule(title_min, score_min, base.link_floor)
            results[(title_min, score_min)] = round(
                confusion((label, rule.accepts(s)) for label, s in scored).f_beta(), 9
            )
    best = max(results.values())
    optimal = sorted(key for key, value in results.items() if value == best)
    titles = sorted({t for t, _ in optimal})
    title_min = titles[(len(titles) - 1) // 2]
    scores = sorted(s for t, s in optimal if t == title_min)
    return DecisionRule(title_min, scores[(len(scores) - 1) // 2], base.link_floor)


def cross_validate(pairs: Sequence[LabelledPair]) -> tuple[Confusion, list[DecisionRule]]:
    """k-fold check of the tuning: thresholds chosen on all folds but one, counted on that one;
    the pooled counts and the rule each fold chose."""
    counts = [0, 0, 0, 0]
    rules: list[DecisionRule] = []
    for fold in range(FOLDS):
        rule = tune([p for p in pairs if p.fold != fold])
        rules.append(rule)
        c = evaluate([p for p in pairs if p.fold == fold], rule)
        for i, value in enumerate((c.tp, c.fp, c.fn, c.tn)):
            counts[i] += value
    return Confusion(*counts), rules
