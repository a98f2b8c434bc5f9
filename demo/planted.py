"""Ground truth of the cases planted in the demo world for the pipeline's later tests.

``duplicates()`` lists pairs of offers at different providers: ``True`` when both describe one
real offer (a cross-listing with other wording, dates written differently, prices with or
without a reduction), ``False`` for near-misses that only look alike (same title in another
week, same course at another venue). Offers listed at three providers appear in all three
pairs. Keys are the providers' own record keys (``DemoWorld.offer_keys``).
"""

from __future__ import annotations

from collections.abc import Iterable

from demo.content import (
    bibliothek,
    elternschule,
    familienkarte,
    jugendzentrum,
    kunstmuseum,
    schwimmverein,
    sportbund,
    weiterbildung,
)
from demo.content.twins import Twin

Offer = tuple[str, str]
Pair = tuple[Offer, Offer, bool]


def planted_twins() -> tuple[Twin, ...]:
    """Every planted look-alike as its content module declares it."""
    modules = (
        bibliothek,
        jugendzentrum,
        kunstmuseum,
        schwimmverein,
        sportbund,
        weiterbildung,
        familienkarte,
        elternschule,
    )
    return tuple(twin for module in modules for twin in module.twins())


def _groups(pairs: Iterable[tuple[Offer, Offer]]) -> list[list[Offer]]:
    """Offers joined by 'same offer' links (union-find), each group sorted."""
    parent: dict[Offer, Offer] = {}

    def root(offer: Offer) -> Offer:
        parent.setdefault(offer, offer)
        while parent[offer] != offer:
            parent[offer] = parent[parent[offer]]
            offer = parent[offer]
        return offer

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[Offer, list[Offer]] = {}
    for offer in parent:
        groups.setdefault(root(offer), []).append(offer)
    return sorted(sorted(g) for g in groups.values())


def cross_listed_groups() -> list[list[Offer]]:
    """Each real offer listed at several providers: its listings, sorted."""
    links = [(a, b) for a, b, same in duplicates() if same]
    return _groups(links)


def duplicates() -> list[Pair]:
    """All planted pairs ``((provider, key), (provider, key), is_same_offer)``, sorted; each
    pair once, its two offers in sorted order."""
    twins = planted_twins()
    same_links = [((t.provider, t.key), (t.other_provider, t.other_key)) for t in twins if t.same]
    pairs: set[Pair] = set()
    for group in _groups(same_links):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pairs.add((a, b, True))
    for t in twins:
        if not t.same:
            a, b = sorted(((t.provider, t.key), (t.other_provider, t.other_key)))
            pairs.add((a, b, False))
    return sorted(pairs)
