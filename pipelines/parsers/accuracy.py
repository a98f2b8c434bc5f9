"""``python -m pipelines.parsers.accuracy``: how well the parsers read real text.

The harness lives beside the corpus it measures (``tests/corpus/accuracy.py``, see
``tests/corpus/README.md``); this is the name the project's documents use for it. Run it from
a checkout: the corpus is test data and is not installed with the package.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    try:
        from tests.corpus.accuracy import main
    except ModuleNotFoundError:  # pragma: no cover - an installed package without tests/
        sys.exit("the corpus is in tests/corpus of a checkout: run this from the project root")
    sys.exit(main())
