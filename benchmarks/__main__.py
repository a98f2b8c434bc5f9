"""``python -m benchmarks`` (``make bench``): speed and memory of the import road per size.

    python -m benchmarks                                # 10k and 100k (a few minutes)
    python -m benchmarks --sizes 10000,100000,1000000   # and the target size
    python -m benchmarks --profile                      # plus where the time goes at 100k
    python -m benchmarks --sizes 1000000 --max-minutes 20   # stop after the import past 20 min
    python -m benchmarks --no-crawl                     # without the demo world's crawl speed

Progress goes to stderr, the tables to stdout (``--json`` also writes the raw figures).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from benchmarks.generate import DEFAULT_SEED, OUT_DIR
from benchmarks.report import render
from benchmarks.runner import BenchResult, run

DEFAULT_SIZES = (10_000, 100_000)
PROFILE_SIZE = 100_000


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers, got {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def _to_json(result: BenchResult) -> str:
    sizes = []
    for sized in result.sizes:
        data = asdict(sized)
        data["feed"] = sized.feed.manifest()
        sizes.append(data)
    return json.dumps({"sizes": sizes, "profile": result.profile}, indent=2, default=str)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES),
                        help="comma-separated record counts (default: 10000,100000)")
    parser.add_argument("--profile", nargs="?", type=int, const=PROFILE_SIZE, default=None,
                        metavar="SIZE", help="also profile one first import (default size 100000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=OUT_DIR,
                        help="feeds and scratch warehouses (default: benchmarks/out)")
    parser.add_argument("--keep", action="store_true", help="keep warehouses and staging files")
    parser.add_argument("--max-minutes", type=float, metavar="MIN",
                        help="per size: start no further import after MIN minutes (the table "
                             "shows how far it got)")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--no-crawl", action="store_true",
                        help="skip the crawl speed of the demo world's spider sources")
    args = parser.parse_args(argv)

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    result = run(args.sizes, seed=args.seed, out_dir=args.out, keep=args.keep,
                 profile=args.profile, max_minutes=args.max_minutes,
                 log=None if args.quiet else log)
    sys.stdout.write(render(result))
    if not args.no_crawl:
        from benchmarks.crawl import measure_crawls, render_crawls

        sys.stdout.write(render_crawls(measure_crawls()))
    if args.json:
        args.json.write_text(_to_json(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
