"""Loading the corpora: the real-text phrasings (``real/``) with their frozen dev/test split,
and the older clean value strings (``clean/``)."""

from __future__ import annotations

import hashlib
import random
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
REAL = HERE / "real"
CLEAN = HERE / "clean"
SPLIT = HERE / "split.toml"
KINDS = ("dates", "times", "prices", "ages", "hours", "phone", "places", "registration")
TEST_SHARE = 0.35


@dataclass(frozen=True)
class Case:
    kind: str
    text: str
    url: str
    year: int
    expect: Any = None
    none: bool = False
    note: str | None = None
    file: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return case_id(self.kind, self.text)


def case_id(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()[:12]


def load_real(folder: Path = REAL) -> list[Case]:
    cases: list[Case] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kind = data["kind"]
        if kind not in KINDS:
            raise ValueError(f"{path}: unknown kind {kind!r}")
        for raw in data.get("case", []):
            if ("expect" in raw) == bool(raw.get("none")):
                raise ValueError(f"{path}: case {raw.get('text')!r} needs expect or none")
            case = Case(
                kind=kind, text=raw["text"], url=raw["url"], year=int(raw["year"]),
                expect=raw.get("expect"), none=bool(raw.get("none")), note=raw.get("note"),
                file=path.name,
                extra={k: v for k, v in raw.items()
                       if k not in ("text", "url", "year", "expect", "none", "note")},
            )
            if case.id in seen:
                raise ValueError(f"{path}: the {kind} phrasing {case.text!r} appears twice")
            seen.add(case.id)
            cases.append(case)
    return cases


def load_split(path: Path = SPLIT) -> dict[str, str]:
    """Case id -> 'dev' or 'test' (cases added after the split are 'dev')."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {case: "test" for case in data["test"]}


def part_of(case: Case, split: dict[str, str]) -> str:
    return split.get(case.id, "dev")


def make_split(cases: list[Case], seed: int) -> str:
    """The split file's text: a seeded random 35 % of every kind is the frozen test part."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        by_kind[case.kind].append(case.id)
    rng = random.Random(seed)
    test: list[str] = []
    for kind in KINDS:
        ids = sorted(by_kind[kind])
        rng.shuffle(ids)
        test += sorted(ids[: round(len(ids) * TEST_SHARE + 0.4999)])
    lines = [
        "# The frozen test part of the real-text corpus: drawn once, at random, with this seed,",
        "# 35 % of every kind. No parser change is tuned on these cases (see README.md).",
        f"seed = {seed}",
        f"drawn_from = {len(cases)}",
        "test = [",
        *[f'  "{case}",' for case in sorted(test)],
        "]",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m tests.corpus.corpus --split SEED (once, ever)
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--split":
        if SPLIT.exists():
            sys.exit(f"{SPLIT} exists: the split is drawn once and never again")
        SPLIT.write_text(make_split(load_real(), int(sys.argv[2])), encoding="utf-8")
        print(f"wrote {SPLIT}")
