"""The real-text corpus: well formed, split once, and read at least as well as when the
parsers were last tuned (the dev part; the frozen test part is only reported, never a target
of tuning — see tests/corpus/README.md)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.corpus.accuracy import run
from tests.corpus.corpus import KINDS, load_real, load_split, part_of

DEV_RIGHT_FLOOR = 95.0
DEV_WRONG_CEILING = 3.0


@pytest.fixture(scope="module")
def outcomes():
    return run()


def test_every_case_has_a_source_and_a_year() -> None:
    cases = load_real()
    assert len(cases) >= 1000
    for case in cases:
        assert case.url.startswith("http"), case.text
        assert 1900 <= case.year <= 2030, case.text


def test_the_frozen_test_part_is_at_least_30_percent_of_each_kind_it_split() -> None:
    split = load_split()
    cases = [c for c in load_real() if c.id in split]
    for kind in KINDS:
        parts = Counter(part_of(c, split) for c in cases if c.kind == kind)
        assert parts["test"] / sum(parts.values()) >= 0.30, kind


def test_dev_part_is_read_as_well_as_when_last_tuned(outcomes) -> None:
    dev = [o for o in outcomes if o.part == "dev"]
    verdicts = Counter(o.verdict for o in dev)
    right = 100 * verdicts["right"] / len(dev)
    wrong = 100 * verdicts["wrong"] / len(dev)
    assert right >= DEV_RIGHT_FLOOR, f"dev: {right:.1f} % right"
    assert wrong <= DEV_WRONG_CEILING, f"dev: {wrong:.1f} % wrong"
