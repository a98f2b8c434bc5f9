"""Seeded random generators: the same name always gives the same sequence, on every machine."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

WORLD_SEED = "familienpunkt-demo-2026"

T = TypeVar("T")


def rng(name: str) -> random.Random:
    """A generator seeded from the world seed and ``name`` (string seeds hash with SHA-512)."""
    return random.Random(f"{WORLD_SEED}:{name}")


def pick(r: random.Random, items: Sequence[T]) -> T:
    return items[r.randrange(len(items))]
