"""Line counts of the provider spiders (``scrapers/spiders/*.py``, not the bases) and their median.

One source, one small file: a provider spider should be a few class attributes on a base. Run
``python scripts/spider_lengths.py`` to see where the project stands.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

SPIDERS = Path(__file__).resolve().parent.parent / "scrapers" / "spiders"


def spider_lengths(folder: Path = SPIDERS) -> dict[str, int]:
    """Lines of each provider spider module, by file name (``__init__.py`` and bases excluded)."""
    return {
        path.name: len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(folder.glob("*.py"))
        if path.name != "__init__.py"
    }


def median_length(lengths: dict[str, int]) -> float:
    if not lengths:
        raise ValueError("no provider spiders found")
    return statistics.median(lengths.values())


def main(folder: Path = SPIDERS) -> int:
    lengths = spider_lengths(folder)
    width = max([len("median"), *(len(name) for name in lengths)])
    for name, lines in lengths.items():
        print(f"{name:<{width}}  {lines:>4}")
    print(f"{'median':<{width}}  {median_length(lengths):>4g}  ({len(lengths)} spiders)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SPIDERS))
