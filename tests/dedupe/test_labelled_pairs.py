"""The labelled pairs: their make-up, and precision and recall of the shipped rule on the part
held out from choosing its thresholds."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from pipelines.dedupe.evaluate import blocking_recall
from pipelines.dedupe.labelled import PAIRS_DIR, LabelledPair, evaluate, load_pairs, tune
from pipelines.dedupe.similarity import DEFAULT_RULE

NEAR_MISS_GROUPS = {"near_other_week", "near_other_venue", "near_same_venue", "near_other_age"}


@pytest.fixture(scope="module")
def pairs() -> list[LabelledPair]:
    return load_pairs()


def test_the_set_is_large_and_has_every_kind_of_near_miss(pairs: list[LabelledPair]) -> None:
    labels = Counter(p.label for p in pairs)
    assert len(pairs) >= 200 and labels[True] >= 60 and labels[False] >= 140
    groups = Counter(p.group for p in pairs if not p.label)
    assert all(groups[g] >= 10 for g in NEAR_MISS_GROUPS)
    for path in PAIRS_DIR.glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["how"], path.name


def test_every_pair_joins_two_sources_and_the_split_halves_every_group(
    pairs: list[LabelledPair],
) -> None:
    for p in pairs:
        assert p.a.offer.provenance.source_id != p.b.offer.provenance.source_id, p.id
        assert p.a.offer.id != p.b.offer.id
    for group in {p.group for p in pairs}:
        splits = Counter(p.split for p in pairs if p.group == group)
        assert abs(splits["train"] - splits["test"]) <= 1, group


def test_held_out_precision_and_recall(pairs: list[LabelledPair]) -> None:
    held_out = evaluate([p for p in pairs if p.split == "test"], DEFAULT_RULE)
    assert held_out.precision >= 0.95, held_out
    assert held_out.recall >= 0.90, held_out


def test_shipped_thresholds_are_the_ones_chosen_on_the_training_half(
    pairs: list[LabelledPair],
) -> None:
    assert tune([p for p in pairs if p.split == "train"]) == DEFAULT_RULE


def test_blocking_proposes_every_labelled_duplicate(pairs: list[LabelledPair]) -> None:
    found, total = blocking_recall(pairs)
    assert found == total
