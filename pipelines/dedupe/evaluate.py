"""Precision and recall of the duplicate decision on the labelled pairs.

    python -m pipelines.dedupe.evaluate            # the shipped rule, held-out and train part
    python -m pipelines.dedupe.evaluate --tune     # choose thresholds on the train part again
    python -m pipelines.dedupe.evaluate --errors   # list the pairs decided wrongly
    python -m pipelines.dedupe.evaluate --cv       # 5-fold cross-validation of the tuning
    python -m pipelines.dedupe.evaluate --demo-export data/export/latest
        # also: the demo world's planted pairs (demo.duplicates()) in a published export

Also reports blocking recall: whether blocking, run over all labelled offers at once, proposes
every duplicate pair.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from pipelines.dedupe.blocking import candidate_pairs
from pipelines.dedupe.keyed import KeyedPair
from pipelines.dedupe.labelled import (
    PAIRS_DIR,
    Confusion,
    LabelledPair,
    cross_validate,
    evaluate,
    load_pairs,
    tune,
)
from pipelines.dedupe.similarity import DEFAULT_RULE, DecisionRule
from schemas.offer import Offer


def _line(name: str, c: Confusion) -> str:
    return (f"{name:<8} pairs {c.tp + c.fp + c.fn + c.tn:>4}  TP {c.tp:>3}  FP {c.fp:>3}  "
            f"FN {c.fn:>3}  TN {c.tn:>3}  precision {c.precision:.3f}  recall {c.recall:.3f}")


def blocking_recall(pairs: Sequence[LabelledPair]) -> tuple[int, int]:
    """(proposed, total) duplicate pairs when all labelled offers are blocked together."""
    features = {}
    for pair in pairs:
        for side in (pair.a, pair.b):
            features[side.offer.id] = side.features
    ids = list(features)
    index = {offer_id: i for i, offer_id in enumerate(ids)}
    proposed, _ = candidate_pairs([features[i] for i in ids])
    found = set(proposed)
    duplicates = [p for p in pairs if p.label]
    hits = sum(
        tuple(sorted((index[p.a.offer.id], index[p.b.offer.id]))) in found for p in duplicates
    )
    return hits, len(duplicates)


def report(pairs: Sequence[LabelledPair], rule: DecisionRule, *, errors: bool) -> str:
    lines = [
        f"labelled pairs: {len(pairs)} ({sum(p.label for p in pairs)} duplicates) "
        f"in {len({p.group for p in pairs})} groups",
        f"rule: title >= {rule.title_min:.2f}, score >= {rule.score_min:.2f}, no conflict "
        f"(cluster link floor {rule.link_floor:.2f})",
    ]
    for split in ("test", "train"):
        lines.append(_line(split, evaluate([p for p in pairs if p.split == split], rule)))
    lines.append(_line("all", evaluate(pairs, rule)))
    lines.append("per group (all pairs):")
    by_group: dict[str, list[LabelledPair]] = defaultdict(list)
    for pair in pairs:
        by_group[pair.group].append(pair)
    for group, items in sorted(by_group.items()):
        right = sum(rule.accepts(p.score()) == p.label for p in items)
        lines.append(f"  {group:<20} {right:>3}/{len(items):<3} right")
    hits, total = blocking_recall(pairs)
    lines.append(f"blocking proposes {hits}/{total} duplicate pairs")
    if errors:
        lines.append("wrong decisions:")
        for pair in pairs:
            score = pair.score()
            if rule.accepts(score) != pair.label:
                lines.append(
                    f"  {pair.id} [{pair.split}] label={pair.label} score={score.score:.3f} "
                    f"title={score.title:.2f} venue={score.venue} dates={score.dates} "
                    f"conflicts={list(score.conflicts)}: {pair.a.offer.title!r} / "
                    f"{pair.b.offer.title!r}"
                )
    return "\n".join(lines)


def demo_sources(registry: Path) -> dict[str, list[str]]:
    """Demo provider id → its registry source ids, read from the sources' ``{demo}/<provider>/``
    URLs (a provider may publish through several sources; one without any is not imported)."""
    from schemas.source import Registry

    found: dict[str, list[str]] = {}
    for source in Registry.load(registry).sources.values():
        match = re.match(r"\{demo\}/([^/?]+)", source.url)
        if match and source.enabled:
            found.setdefault(match.group(1), []).append(source.id)
    return found


def demo_truth(offers: Sequence[Offer], registry: Path) -> list[KeyedPair]:
    """``demo.duplicates()`` keyed by (source id, record key) of the offers that were imported:
    each provider key is looked up in that provider's sources."""
    from demo import duplicates

    providers = demo_sources(registry)
    imported = {(o.provenance.source_id, o.provenance.source_record_key) for o in offers}
    by_source: dict[str, list[str]] = defaultdict(list)
    for source_id, record_key in imported:
        by_source[source_id].append(record_key)

    def keyed(provider: str, key: str) -> tuple[str, str]:
        """The provider's id as the source keys it: the key itself, or a key that ends in it
        (an RSS guid '…?p=2248', a page URL '…-40525.html#event')."""
        for source_id in providers.get(provider, []):
            if (source_id, key) in imported:
                return source_id, key
            ending = re.compile(rf"(?<![0-9A-Za-z]){re.escape(key)}(?![0-9A-Za-z])")
            matches = [k for k in by_source[source_id] if ending.search(k)]
            if len(matches) == 1:
                return source_id, matches[0]
        return (providers.get(provider) or [provider])[0], key

    return [(keyed(*a), keyed(*b), same) for a, b, same in duplicates()]


def demo_report(export: Path, registry: Path) -> str:
    """Precision and recall on ``demo.duplicates()`` for the offers of a published export."""
    from pipelines.dedupe.keyed import evaluate_keyed
    from schemas.location import Location

    offers = [Offer.model_validate(o) for o in json.loads(
        (export / "json" / "offers.json").read_text(encoding="utf-8"))["items"]]
    locations = {
        loc["id"]: Location.model_validate(loc) for loc in json.loads(
            (export / "json" / "locations.json").read_text(encoding="utf-8"))["items"]
    }
    truth = demo_truth(offers, registry)
    result = evaluate_keyed(offers, locations, truth)
    return "\n".join([
        f"demo.duplicates(): {len(truth)} planted pairs, {result.found} with both offers in "
        f"{export} ({len(result.missing)} missing: provider not imported or offer quarantined)",
        _line("pairs", result.pairs),
        _line("clusters", result.clusters),
    ])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipelines.dedupe.evaluate")
    parser.add_argument("--pairs", type=Path, default=PAIRS_DIR, help="folder of *.json groups")
    parser.add_argument("--tune", action="store_true", help="choose thresholds on the train part")
    parser.add_argument("--errors", action="store_true", help="list wrong decisions")
    parser.add_argument("--cv", action="store_true", help="5-fold cross-validation of tuning")
    parser.add_argument("--demo-export", type=Path,
                        help="an export of the demo world published with [publication] "
                             "deduplicate = false (every source record present)")
    parser.add_argument("--registry", type=Path, default=Path("config/sources.demo.toml"))
    args = parser.parse_args(argv)
    pairs = load_pairs(args.pairs)
    rule = DEFAULT_RULE
    if args.tune:
        rule = tune([p for p in pairs if p.split == "train"])
        print(f"tuned on {sum(p.split == 'train' for p in pairs)} train pairs: "
              f"DecisionRule(title_min={rule.title_min}, score_min={rule.score_min})"
              + ("  (= shipped default)" if rule == DEFAULT_RULE else "  (differs from default)"))
    print(report(pairs, rule, errors=args.errors))
    if args.cv:
        pooled, rules = cross_validate(pairs)
        print(_line("5-fold", pooled) + "  (thresholds per fold: "
              + ", ".join(f"{r.title_min:.2f}/{r.score_min:.2f}" for r in rules) + ")")
    if args.demo_export:
        print(demo_report(args.demo_export, args.registry))


if __name__ == "__main__":
    main()
