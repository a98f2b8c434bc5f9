"""Planted look-alikes across providers: the same offer listed twice, or two offers that only
look alike. Content modules declare them next to the records they concern; ``demo.planted``
turns them into the ground truth of the duplicate detector."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Twin:
    """This provider's offer ``key`` and another provider's offer; ``same`` tells whether both
    describe one real offer (a cross-listing) or two different ones (a near-miss)."""

    provider: str
    key: str
    other_provider: str
    other_key: str
    same: bool
    note: str = ""


def same(provider: str, key: str, other_provider: str, other_key: str, note: str = "") -> Twin:
    return Twin(provider, key, other_provider, other_key, True, note)


def near_miss(provider: str, key: str, other_provider: str, other_key: str, note: str = "") -> Twin:
    return Twin(provider, key, other_provider, other_key, False, note)
