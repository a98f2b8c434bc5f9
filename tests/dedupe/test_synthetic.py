"""The synthetic city used by the benchmark, small: known duplicates are found, near-misses kept
apart (no timing here; see ``python -m pipelines.dedupe.bench``)."""

from __future__ import annotations

from pipelines.dedupe.bench import pairwise
from pipelines.dedupe.clusters import find_duplicates
from pipelines.dedupe.synthetic import SOURCES, generate


def test_synthetic_city_of_3000_offers() -> None:
    world = generate(3000)
    assert 3000 <= len(world.offers) <= 3002 and world.true_pairs()  # last offer: all copies
    result = find_duplicates(world.offers, world.locations, priority=SOURCES)
    precision, recall = pairwise(world, result)
    assert precision >= 0.98 and recall >= 0.95
    assert {s.id for s in result.survivors} <= {o.id for o in world.offers}
    assert len(result.apply(world.offers)) == len(world.offers) - len(result.absorbed)


def test_generation_is_deterministic() -> None:
    assert [o.id for o in generate(500).offers] == [o.id for o in generate(500).offers]
