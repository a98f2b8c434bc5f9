"""Duplicates across sources: one trustworthy record per real offer, with links to every listing.

>>> result = find_duplicates(offers, locations_by_id, priority=["vhs", "ferienportal", ...])
>>> published = result.apply(offers)   # absorbed listings out, survivors in

Modules: ``text`` (folding), ``days`` (session days), ``features``, ``blocking``,
``similarity`` (pair score and decision rule), ``merge`` (surviving record), ``clusters``
(the entry point), ``labelled`` / ``evaluate`` (labelled pairs, precision and recall),
``keyed`` (evaluation on keyed ground truth such as ``demo.duplicates()``), ``synthetic`` /
``bench`` (100k benchmark).
"""

from pipelines.dedupe.blocking import BlockingConfig, BlockingStats, candidate_pairs
from pipelines.dedupe.clusters import Cluster, DedupeResult, KeptApart, Link, find_duplicates
from pipelines.dedupe.features import OfferFeatures, extract
from pipelines.dedupe.merge import MERGED_FLAG, MergePolicy, build_survivor
from pipelines.dedupe.similarity import DEFAULT_RULE, DecisionRule, PairScore, score_pair

__all__ = [
    "DEFAULT_RULE",
    "MERGED_FLAG",
    "BlockingConfig",
    "BlockingStats",
    "Cluster",
    "DecisionRule",
    "DedupeResult",
    "KeptApart",
    "Link",
    "MergePolicy",
    "OfferFeatures",
    "PairScore",
    "build_survivor",
    "candidate_pairs",
    "extract",
    "find_duplicates",
    "score_pair",
]
