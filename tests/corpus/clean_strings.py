"""Run the labelled corpus and print accuracy per parser: ``python -m tests.corpus.clean_strings``.

The corpus is one TOML file per parser (default ``tests/corpus/clean``). A case is::

    [[case]]
    input = "12.–16.07."
    expect = { start = 2027-07-12, end = 2027-07-16 }   # the whole value (defaults filled in)
    # or: unparsed = true            (optionally unparsed_reason = "substring")
    # or: invalid = "substring of the InvalidValue message"
    source = "muelheim-facts"        # where the string comes from
    reference = 2026-06-01           # dates only: reference date (file default otherwise)

A case counts as correct when the outcome kind (value / unparsed / invalid) and, for values,
the whole value match.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from core.settings import PROJECT_ROOT
from pipelines.parsers.ages import parse_ages
from pipelines.parsers.contact import parse_email, parse_phone, parse_url
from pipelines.parsers.dates import parse_dates
from pipelines.parsers.datetimes import parse_datetime
from pipelines.parsers.hours import parse_opening_hours
from pipelines.parsers.moments import parse_moment
from pipelines.parsers.places import parse_capacity, parse_places
from pipelines.parsers.prices import parse_prices
from pipelines.parsers.result import InvalidValue, Unparsed, jsonable
from pipelines.parsers.scalars import parse_bool, parse_int
from pipelines.parsers.text import html_to_text
from pipelines.parsers.times import parse_times

DEFAULT_CORPUS = PROJECT_ROOT / "tests" / "corpus" / "clean"
THRESHOLD = 98.0

_PRICE_DEFAULTS = {
    "currency": "EUR",
    "unit": "unspecified",
    "audience": "any",
    "reduction": None,
    "extra": False,
    "label": None,
}


def _plain(value: Any) -> Any:
    """TOML values as the JSON the parsers' results turn into."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _money(value: Any) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def _expect_dates(e: dict[str, Any]) -> dict[str, Any]:
    out = {
        "start": None,
        "end": None,
        "weekdays": [],
        "exceptions": [],
        "times": None,
        "holiday": None,
        "skip_public_holidays": False,
        "skip_school_holidays": False,
        "holiday_week": None,
        "holiday_symbolic": False,
    }
    out.update(_plain(e))
    if out["times"] is not None:
        out["times"] = {"start": None, "end": None, "all_day": False, **out["times"]}
    return out


def _expect_times(e: dict[str, Any]) -> dict[str, Any]:
    return {"start": None, "end": None, "all_day": False, **_plain(e)}


def _expect_ages(e: dict[str, Any]) -> dict[str, Any]:
    e = _plain(e)
    return {
        "scope": e.get("scope", "range"),
        "min_months": e.get("min"),
        "max_months": e.get("max"),
    }


def _expect_prices(e: dict[str, Any]) -> dict[str, Any]:
    e = _plain(e)
    prices = [{**_PRICE_DEFAULTS, **p, "amount": _money(p["amount"])} for p in e.get("prices", [])]
    return {"is_free": e.get("is_free"), "prices": prices}


def _actual_prices(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "is_free": v["is_free"],
        "prices": [{**p, "amount": _money(p["amount"])} for p in v["prices"]],
    }


def _expect_hours(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "osm": e["osm"],
        "by_appointment": e.get("by_appointment", False),
        "note": e.get("note"),
    }


def _actual_hours(v: dict[str, Any]) -> dict[str, Any]:
    return {"osm": v["osm"], "by_appointment": v["by_appointment"], "note": v["note"]}


@dataclass(frozen=True)
class ParserSpec:
    run: Callable[[dict[str, Any], dict[str, Any]], Any]
    expect: Callable[[Any], Any] = _plain
    actual: Callable[[Any], Any] = lambda v: v


def _ref(case: dict[str, Any], meta: dict[str, Any]) -> date:
    return case.get("reference") or meta.get("reference") or date(2026, 11, 21)


PARSERS: dict[str, ParserSpec] = {
    "dates": ParserSpec(lambda c, m: parse_dates(c["input"], reference=_ref(c, m)), _expect_dates),
    "datetime": ParserSpec(lambda c, m: parse_datetime(c["input"])),
    "times": ParserSpec(lambda c, m: parse_times(c["input"]), _expect_times),
    "prices": ParserSpec(lambda c, m: parse_prices(c["input"]), _expect_prices, _actual_prices),
    "ages": ParserSpec(lambda c, m: parse_ages(c["input"]), _expect_ages),
    "hours": ParserSpec(lambda c, m: parse_opening_hours(c["input"]), _expect_hours, _actual_hours),
    "phone": ParserSpec(lambda c, m: parse_phone(c["input"])),
    "email": ParserSpec(lambda c, m: parse_email(c["input"])),
    "url": ParserSpec(lambda c, m: parse_url(c["input"], base=c.get("base"))),
    "int": ParserSpec(lambda c, m: parse_int(c["input"])),
    "bool": ParserSpec(lambda c, m: parse_bool(c["input"])),
    "html": ParserSpec(lambda c, m: html_to_text(c["input"])),
    "places": ParserSpec(
        lambda c, m: parse_places(c["input"]),
        lambda e: {"free": None, "capacity": None, "waitlist": False, **_plain(e)},
    ),
    "capacity": ParserSpec(lambda c, m: parse_capacity(c["input"])),
    "moments": ParserSpec(lambda c, m: parse_moment(c["input"], reference=_ref(c, m))),
}


@dataclass
class Outcome:
    parser: str
    input: str
    ok: bool
    expected: Any
    got: Any
    source: str | None = None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def by_parser(self) -> dict[str, tuple[int, int]]:
        table: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            n, ok = table.get(o.parser, (0, 0))
            table[o.parser] = (n + 1, ok + o.ok)
        return table

    @property
    def total(self) -> tuple[int, int]:
        return len(self.outcomes), sum(o.ok for o in self.outcomes)

    def accuracy(self, parser: str | None = None) -> float:
        n, ok = self.total if parser is None else self.by_parser()[parser]
        return 100.0 * ok / n if n else 0.0

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def table(self) -> str:
        lines = [f"{'parser':<10} {'cases':>6} {'correct':>8} {'accuracy':>9}", "-" * 36]
        for name, (n, ok) in sorted(self.by_parser().items()):
            lines.append(f"{name:<10} {n:>6} {ok:>8} {100.0 * ok / n:>8.1f}%")
        n, ok = self.total
        lines.append("-" * 36)
        lines.append(f"{'overall':<10} {n:>6} {ok:>8} {self.accuracy():>8.1f}%")
        return "\n".join(lines)


def load_corpus(
    folder: Path = DEFAULT_CORPUS,
) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Corpus files by parser name: (file-level settings, cases)."""
    out: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        name = data.get("parser", path.stem)
        if name not in PARSERS:
            raise ValueError(f"{path}: unknown parser {name!r}")
        meta = {k: v for k, v in data.items() if k != "case"}
        cases = data.get("case", [])
        prev = out.get(name, (meta, []))
        out[name] = (prev[0], prev[1] + cases)
    return out


def run_case(name: str, case: dict[str, Any], meta: dict[str, Any]) -> Outcome:
    spec = PARSERS[name]
    if "expect" in case:
        expected: Any = ("value", spec.expect(case["expect"]))
    elif case.get("invalid") is not None:
        expected = ("invalid", case["invalid"])
    elif case.get("unparsed"):
        expected = ("unparsed", case.get("unparsed_reason", ""))
    else:
        raise ValueError(f"{name}: case {case.get('input')!r} has no expect/unparsed/invalid")
    try:
        value = spec.run(case, meta)
    except InvalidValue as exc:
        got: Any = ("invalid", str(exc))
    except Exception as exc:  # a crash is a wrong answer, reported as such
        got = ("crash", f"{type(exc).__name__}: {exc}")
    else:
        if isinstance(value, Unparsed):
            got = ("unparsed", value.reason)
        else:
            got = ("value", spec.actual(jsonable(value)))
    if expected[0] == "value":
        ok = got == expected
    else:
        ok = got[0] == expected[0] and expected[1] in got[1]
    return Outcome(name, case["input"], ok, expected, got, case.get("source"))


def run_corpus(folder: Path = DEFAULT_CORPUS) -> Report:
    report = Report()
    for name, (meta, cases) in load_corpus(folder).items():
        for case in cases:
            report.outcomes.append(run_case(name, case, meta))
    return report


def bench(folder: Path = DEFAULT_CORPUS, repeat: int = 20) -> dict[str, float]:
    """Mean microseconds per call of each parser over its corpus inputs."""
    import time as _time

    out: dict[str, float] = {}
    for name, (meta, cases) in load_corpus(folder).items():
        run = PARSERS[name].run
        calls = 0
        start = _time.perf_counter()
        for _ in range(repeat):
            for case in cases:
                with contextlib.suppress(InvalidValue):
                    run(case, meta)
                calls += 1
        out[name] = (_time.perf_counter() - start) / calls * 1e6
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.toml corpus files"
    )
    parser.add_argument(
        "--min", type=float, default=THRESHOLD, help="required accuracy in %% (exit 1 below)"
    )
    parser.add_argument("--failures", action="store_true", help="list every wrong case")
    parser.add_argument("--bench", action="store_true", help="also print microseconds per call")
    args = parser.parse_args(argv)
    report = run_corpus(args.corpus)
    print(report.table())
    if args.bench:
        print(f"\n{'parser':<10} {'µs/call':>8}")
        for name, micros in sorted(bench(args.corpus).items()):
            print(f"{name:<10} {micros:>8.1f}")
    failures = report.failures()
    if failures and (args.failures or len(failures) <= 20):
        print(f"\n{len(failures)} wrong:")
        for o in failures:
            print(
                f"  [{o.parser}] {o.input!r}\n      expected {o.expected}\n      got      {o.got}"
            )
    low = [name for name in report.by_parser() if report.accuracy(name) < args.min]
    if report.accuracy() < args.min or low:
        print(f"\nbelow {args.min:.0f} %: {', '.join(low) or 'overall'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
