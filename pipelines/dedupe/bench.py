"""Speed of ``find_duplicates`` on a synthetic city (see :mod:`pipelines.dedupe.synthetic`).

    python -m pipelines.dedupe.bench                 # 10k and 100k offers
    python -m pipelines.dedupe.bench 20000 50000     # other sizes

Prints, per size: generation time (not part of the measurement), wall-clock and CPU time of
``find_duplicates`` (CPU time is the fairer figure on a shared machine), the time of each stage of
``find_duplicates``, candidate pairs from blocking, accepted pairs, clusters, peak memory of the
process (peak RSS, generation included), and pairwise precision and recall against the
synthetic truth.
"""

from __future__ import annotations

import resource
import sys
import time
from itertools import combinations

from pipelines.dedupe.clusters import DedupeResult, find_duplicates
from pipelines.dedupe.synthetic import SOURCES, SyntheticWorld, generate


def pairwise(world: SyntheticWorld, result: DedupeResult) -> tuple[float, float]:
    """Precision and recall of the pairs the clusters imply against the true pairs."""
    found = {
        frozenset(p) for c in result.clusters for p in combinations(c.member_ids, 2)
    }
    true = world.true_pairs()
    hits = len(found & true)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(true) if true else 1.0
    return precision, recall


def run(n: int) -> dict[str, object]:
    clock = time.perf_counter()
    world = generate(n)
    generated = time.perf_counter() - clock
    clock, cpu = time.perf_counter(), time.process_time()
    result = find_duplicates(world.offers, world.locations, priority=SOURCES)
    seconds, cpu = time.perf_counter() - clock, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    precision, recall = pairwise(world, result)
    stats = result.stats
    blocking = stats["blocking"]
    assert isinstance(blocking, dict)
    return {
        "offers": len(world.offers),
        "generate_s": round(generated, 1),
        "find_duplicates_s": round(seconds, 2),
        "find_duplicates_cpu_s": round(cpu, 2),
        "stages_s": stats["seconds"],
        "candidate_pairs": blocking["candidate_pairs"],
        "proposed": blocking["proposed"],
        "skipped_windows": blocking["skipped_windows"],
        "accepted_pairs": stats["accepted_pairs"],
        "kept_apart": stats["kept_apart"],
        "clusters": stats["clusters"],
        "absorbed": stats["absorbed"],
        "true_pairs": len(world.true_pairs()),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "process_peak_rss_mb": round(peak / 1024),
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    for n in sizes:
        row = run(n)
        print(f"--- {n} offers")
        for key, value in row.items():
            print(f"  {key:<18} {value}")


if __name__ == "__main__":
    main(sys.argv[1:])
