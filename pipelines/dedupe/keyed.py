"""Evaluate on ground truth given as ``((source, key), (source, key), is_same)``, such as the
demo world's ``demo.duplicates()``, against a whole set of published offers.

Two views: each pair's own decision (score and rule, as on the labelled pairs), and the full
system (blocking, scoring, clustering over all offers): are the two offers in one cluster?
Keys match a record key exactly, its last path part ("/familienbildung/kurs/271-1007#kurs" is
key ``271-1007``) or the number that starts a slug ("/kulturhaus/veranstaltung/3106-das-kleine-
gespenst#event" is key ``3106``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pipelines.dedupe.clusters import find_duplicates
from pipelines.dedupe.features import extract
from pipelines.dedupe.labelled import Confusion, confusion
from pipelines.dedupe.similarity import DEFAULT_RULE, DecisionRule, score_pair
from schemas.location import Location
from schemas.offer import Offer

Keyed = tuple[str, str]
KeyedPair = tuple[Keyed, Keyed, bool]


def _short(key: str) -> str:
    return key.rsplit("/", 1)[-1].split("#", 1)[0]


def key_aliases(key: str) -> list[str]:
    short = _short(key)
    number = re.match(r"(\d+)-[a-z]", short)
    return [key, short] + ([number.group(1)] if number else [])


@dataclass(frozen=True)
class KeyedResult:
    pairs: Confusion
    """Each pair decided on its own."""
    clusters: Confusion
    """Decided by the whole run: the two offers end in one cluster."""
    found: int
    missing: list[KeyedPair]
    """Truth pairs with an offer not among the offers (source not imported, quarantined)."""


def evaluate_keyed(
    offers: Sequence[Offer],
    locations: Mapping[str, Location],
    truth: Iterable[KeyedPair],
    *,
    priority: Sequence[str] = (),
    rule: DecisionRule = DEFAULT_RULE,
) -> KeyedResult:
    index: dict[Keyed, Offer] = {}
    for o in offers:
        source = o.provenance.source_id
        for alias in key_aliases(o.provenance.source_record_key):
            index.setdefault((source, alias), o)
    resolved: list[tuple[Offer, Offer, bool]] = []
    missing: list[KeyedPair] = []
    for a, b, same in truth:
        oa, ob = index.get(a), index.get(b)
        if oa is None or ob is None:
            missing.append((a, b, same))
        else:
            resolved.append((oa, ob, same))

    def features(o: Offer):
        return extract(o, locations.get(o.location_id) if o.location_id else None)

    pair_view = confusion(
        (same, rule.accepts(score_pair(features(oa), features(ob)))) for oa, ob, same in resolved
    )
    result = find_duplicates(offers, locations, priority=priority, rule=rule)
    cluster_of = {m: c.survivor_id for c in result.clusters for m in c.member_ids}
    cluster_view = confusion(
        (same, oa.id in cluster_of and cluster_of.get(oa.id) == cluster_of.get(ob.id))
        for oa, ob, same in resolved
    )
    return KeyedResult(pair_view, cluster_view, len(resolved), missing)
